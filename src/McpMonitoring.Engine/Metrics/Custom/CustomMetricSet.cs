using System.Collections.Immutable;

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>The defined custom metrics in memory, ordered by name. Reads take a snapshot and never lock.</summary>
/// <remarks>Changed only by <see cref="CustomMetricService"/>, which serialises its mutations.</remarks>
public sealed class CustomMetricSet
{
    private ImmutableSortedDictionary<string, CustomMetric> _metrics = ImmutableSortedDictionary.Create<string, CustomMetric>(StringComparer.Ordinal);

    public int Count => _metrics.Count;

    internal IEnumerable<CustomMetric> All => _metrics.Values;

    internal bool TryGet(string name, out CustomMetric metric) => _metrics.TryGetValue(name, out metric!);

    internal void Put(CustomMetric metric) => ImmutableInterlocked.Update(ref _metrics, (m, x) => m.SetItem(x.Definition.Name, x), metric);

    internal void Remove(string name) => ImmutableInterlocked.Update(ref _metrics, (m, n) => m.Remove(n), name);
}

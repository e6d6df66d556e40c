using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>
/// The live scrape targets. Replacing or removing a target ends its series with staleness markers, as Prometheus
/// does when a target disappears, so charts and rules stop seeing it instead of holding its last value.
/// </summary>
public sealed class ScrapeTargetRegistry(TimeSeriesStore store, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ScrapeTargetRuntime> _targets = new(StringComparer.Ordinal);

    /// <summary>Raised with the name of a target that was added, replaced or removed.</summary>
    public event Action<string>? Changed;

    public IEnumerable<ScrapeTargetRuntime> All => _targets.Values;

    public int Count => _targets.Count;

    public bool TryGet(string name, [NotNullWhen(true)] out ScrapeTargetRuntime? runtime) => _targets.TryGetValue(name, out runtime);

    public void Set(ScrapeTargetDefinition definition)
    {
        var runtime = new ScrapeTargetRuntime(definition);
        _targets.AddOrUpdate(definition.Name, runtime, (_, old) =>
        {
            Retire(old);
            return runtime;
        });
        Changed?.Invoke(definition.Name);
    }

    public bool Remove(string name)
    {
        if (!_targets.TryRemove(name, out var old))
        {
            return false;
        }

        Retire(old);
        Changed?.Invoke(name);
        return true;
    }

    public IReadOnlyList<ScrapeTargetStatus> Snapshot() => [.. _targets.Values.Select(r => r.Snapshot()).OrderBy(s => s.Target.Job, StringComparer.Ordinal).ThenBy(s => s.Target.Name, StringComparer.Ordinal)];

    private void Retire(ScrapeTargetRuntime runtime)
        => runtime.Retire(id => store.MarkStale(id, time.GetUtcNow().ToUnixTimeMilliseconds()));
}

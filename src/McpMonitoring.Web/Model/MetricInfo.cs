using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Web.Model;

/// <summary>What the explorer's metric picker shows for one metric: its TYPE and HELP, and whether rate() is the useful view.</summary>
public sealed record MetricInfo(string Name, MetricType? Type, string? Help)
{
    private static readonly string[] FamilySuffixes = ["_bucket", "_count", "_sum", "_total", "_created"];

    public string TypeLabel => Type is { } type ? type.ToString().ToLowerInvariant() : "untyped";

    /// <summary>
    /// Counters only ever grow, so their raw line says little: rate() is suggested for counters, for the
    /// <c>_bucket</c>/<c>_count</c>/<c>_sum</c> series of histograms and summaries, and for <c>_total</c> names
    /// whose family announced no type.
    /// </summary>
    public bool SuggestsRate => Type switch
    {
        MetricType.Counter => !Name.EndsWith("_created", StringComparison.Ordinal),
        MetricType.Histogram or MetricType.Summary or MetricType.GaugeHistogram => !Name.EndsWith("_created", StringComparison.Ordinal),
        null or MetricType.Untyped => Name.EndsWith("_total", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The metric's metadata, looked up by its own name, else by its family's (histogram and counter series carry a suffix).</summary>
    public static MetricInfo Describe(TimeSeriesStore store, string name)
    {
        if (store.GetMetadata(name) is { } own)
        {
            return new MetricInfo(name, own.Type, own.Help);
        }

        foreach (var suffix in FamilySuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && store.GetMetadata(name[..^suffix.Length]) is { } family)
            {
                return new MetricInfo(name, family.Type, family.Help);
            }
        }

        return new MetricInfo(name, null, null);
    }
}

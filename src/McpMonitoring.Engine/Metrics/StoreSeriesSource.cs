using McpMonitoring.Engine.Alerting.Rules;
using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics;

/// <summary>
/// Scraped series for alert rules: each series' newest sample if it is within the 5-minute lookback and not a
/// staleness marker (Prometheus' instant-vector semantics at "now").
/// </summary>
/// <remarks>
/// Names that <see cref="HealthSeriesSource"/> serves are left to it: when the console scrapes its own /metrics, the
/// same names arrive with job/instance labels, and a rule on <c>mcpmon_target_up</c> would otherwise fire twice.
/// </remarks>
public sealed class StoreSeriesSource(TimeSeriesStore store, TimeProvider time) : ISeriesSource
{
    private static readonly HashSet<string> Reserved = new(HealthSeriesSource.MetricNames, StringComparer.Ordinal);

    public IEnumerable<SeriesSample> Select(string metricName)
    {
        if (Reserved.Contains(metricName))
        {
            return [];
        }

        var oldest = time.GetUtcNow().ToUnixTimeMilliseconds() - SeriesEvaluator.LookbackMs;
        var result = new List<SeriesSample>();
        foreach (var series in store.SelectSeries(metricName, []))
        {
            if (store.Latest(series.Id) is { } sample && sample.TimestampMs > oldest)
            {
                result.Add(new SeriesSample(series.Labels.ToDictionary(), sample.Value));
            }
        }

        return result;
    }
}

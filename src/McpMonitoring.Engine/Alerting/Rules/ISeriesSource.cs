namespace McpMonitoring.Engine.Alerting.Rules;

/// <summary>One instant sample: its labels (including <c>__name__</c>) and its current value.</summary>
public readonly record struct SeriesSample(IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// Series that alert rules can select. The console's own state is one source (<see cref="HealthSeriesSource"/>);
/// scraped series can be another: the evaluator asks every registered source and concatenates the answers.
/// </summary>
/// <remarks>
/// Called from the rule evaluation loop, once per selector per evaluation, concurrently for different groups:
/// implementations must be thread-safe and should answer from memory. A name the source does not know yields
/// nothing (as in Prometheus, selecting an absent metric is an empty vector, not an error).
/// </remarks>
public interface ISeriesSource
{
    /// <summary>The current samples of <paramref name="metricName"/>; each label set carries <c>__name__</c>.</summary>
    IEnumerable<SeriesSample> Select(string metricName);
}

public static class SeriesLabels
{
    public const string MetricName = "__name__";
}

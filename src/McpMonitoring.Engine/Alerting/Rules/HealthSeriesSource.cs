using McpMonitoring.Engine.Health;

namespace McpMonitoring.Engine.Alerting.Rules;

/// <summary>
/// The console's live health state as series: <c>mcpmon_target_up</c>, <c>mcpmon_probe_latency_seconds</c>,
/// <c>mcpmon_target_consecutive_failures</c>, <c>mcpmon_mcp_tools</c> and <c>mcpmon_targets</c>
/// (docs/ALERT_RULES.md lists their labels). Read straight from <see cref="HealthMonitor"/>, not from /metrics,
/// so a rule sees a probe result as soon as it is applied.
/// </summary>
public sealed class HealthSeriesSource(HealthMonitor monitor) : ISeriesSource
{
    public const string TargetUp = "mcpmon_target_up";
    public const string ProbeLatency = "mcpmon_probe_latency_seconds";
    public const string ConsecutiveFailures = "mcpmon_target_consecutive_failures";
    public const string McpTools = "mcpmon_mcp_tools";
    public const string Targets = "mcpmon_targets";

    public static IReadOnlyList<string> MetricNames { get; } = [TargetUp, ProbeLatency, ConsecutiveFailures, McpTools, Targets];

    public IEnumerable<SeriesSample> Select(string metricName) => metricName switch
    {
        TargetUp => PerTarget(metricName, withTargetLabels: true, r => r.Status switch
        {
            HealthStatus.Healthy or HealthStatus.Degraded => 1,
            HealthStatus.Unhealthy or HealthStatus.Impacted => 0,
            // Never probed (or just redefined): no sample, so "up == 0" does not fire for a target nobody checked yet.
            _ => null,
        }),
        ProbeLatency => PerTarget(metricName, withTargetLabels: false, r => r.LastLatencyMs / 1000),
        ConsecutiveFailures => PerTarget(metricName, withTargetLabels: false, r => r.LastCheckedAt is null ? null : r.Tracker.ConsecutiveFailures),
        McpTools => McpToolCounts(),
        Targets => StatusCounts(),
        _ => [],
    };

    private List<SeriesSample> PerTarget(string metricName, bool withTargetLabels, Func<TargetRuntime, double?> value)
    {
        var result = new List<SeriesSample>();
        foreach (var runtime in monitor.Runtimes)
        {
            double? sample;
            lock (runtime)
            {
                sample = value(runtime);
            }

            if (sample is not { } v)
            {
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (withTargetLabels)
            {
                foreach (var (key, label) in runtime.Definition.Labels)
                {
                    labels[key] = label;
                }
            }

            // Written after the target's own labels: a target label called "target" or "kind" must not hide the real ones.
            labels[SeriesLabels.MetricName] = metricName;
            labels["target"] = runtime.Definition.Name;
            labels["kind"] = runtime.Definition.Kind.ToString().ToLowerInvariant();
            result.Add(new SeriesSample(labels, v));
        }

        return result;
    }

    private List<SeriesSample> McpToolCounts()
    {
        var result = new List<SeriesSample>();
        foreach (var runtime in monitor.Runtimes)
        {
            int? tools;
            lock (runtime)
            {
                tools = runtime.Mcp?.ToolCount;
            }

            if (tools is { } count)
            {
                result.Add(new SeriesSample(
                    new Dictionary<string, string>(StringComparer.Ordinal) { [SeriesLabels.MetricName] = McpTools, ["target"] = runtime.Definition.Name },
                    count));
            }
        }

        return result;
    }

    private List<SeriesSample> StatusCounts()
    {
        var counts = monitor.GetCounts();
        return
        [
            Count(HealthStatus.Healthy, counts.Healthy),
            Count(HealthStatus.Degraded, counts.Degraded),
            Count(HealthStatus.Unhealthy, counts.Unhealthy),
            Count(HealthStatus.Impacted, counts.Impacted),
            Count(HealthStatus.Unknown, counts.Unknown),
        ];

        static SeriesSample Count(HealthStatus status, int count) => new(
            new Dictionary<string, string>(StringComparer.Ordinal) { [SeriesLabels.MetricName] = Targets, ["status"] = status.ToString() },
            count);
    }
}

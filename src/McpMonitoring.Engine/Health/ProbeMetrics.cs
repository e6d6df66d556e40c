using Prometheus;

namespace McpMonitoring.Engine.Health;

/// <summary>
/// Per-target series on /metrics: <c>mcpmon_target_up</c>, <c>mcpmon_targets</c> (by status),
/// <c>mcpmon_probe_duration_seconds</c> (histogram) and <c>mcpmon_mcp_tools</c>.
/// </summary>
public sealed class ProbeMetrics : IProbeResultSink
{
    private readonly Gauge _up;
    private readonly Gauge _status;
    private readonly Histogram _duration;
    private readonly Gauge _tools;
    private readonly Counter _probes;

    public ProbeMetrics(CollectorRegistry registry, Func<HealthMonitor>? monitor = null)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _up = factory.CreateGauge("mcpmon_target_up", "1 when the last probe of the target succeeded, 0 when it failed.", "target", "kind");
        // One series per status for the fleet, not per target: 100k targets x 5 statuses would swamp a scrape.
        _status = factory.CreateGauge("mcpmon_targets", "Targets in each status (Healthy, Degraded, Unhealthy, Impacted, Unknown).", "status");
        _duration = factory.CreateHistogram("mcpmon_probe_duration_seconds", "How long probes took.", new HistogramConfiguration
        {
            LabelNames = ["target", "kind"],
            Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });
        _tools = factory.CreateGauge("mcpmon_mcp_tools", "Tools an MCP server listed at its last probe.", "target");
        _probes = factory.CreateCounter("mcpmon_probes_total", "Probes run, by result.", "result");
        if (monitor is not null)
        {
            registry.AddBeforeCollectCallback(() =>
            {
                try
                {
                    UpdateStatuses(monitor());
                }
                catch (ObjectDisposedException)
                {
                    // A host that shared the process-wide registry has stopped (tests host several in turn).
                }
            });
        }
    }

    public void Record(TargetDefinition target, DateTimeOffset at, ProbeResult result)
    {
        var kind = KindLabel(target.Kind);
        _up.WithLabels(target.Name, kind).Set(result.Success ? 1 : 0);
        _duration.WithLabels(target.Name, kind).Observe(result.Latency.TotalSeconds);
        _probes.WithLabels(result.Success ? "success" : "failure").Inc();
        if (result.Mcp is { } mcp)
        {
            _tools.WithLabels(target.Name).Set(mcp.ToolCount);
        }
    }

    public void Forget(string target)
    {
        foreach (var kind in Enum.GetValues<TargetKind>())
        {
            _up.RemoveLabelled(target, KindLabel(kind));
            _duration.RemoveLabelled(target, KindLabel(kind));
        }

        _tools.RemoveLabelled(target);
    }

    private void UpdateStatuses(HealthMonitor monitor)
    {
        var counts = monitor.GetCounts();
        _status.WithLabels(nameof(HealthStatus.Healthy)).Set(counts.Healthy);
        _status.WithLabels(nameof(HealthStatus.Degraded)).Set(counts.Degraded);
        _status.WithLabels(nameof(HealthStatus.Unhealthy)).Set(counts.Unhealthy);
        _status.WithLabels(nameof(HealthStatus.Impacted)).Set(counts.Impacted);
        _status.WithLabels(nameof(HealthStatus.Unknown)).Set(counts.Unknown);
    }

    private static string KindLabel(TargetKind kind) => kind.ToString().ToLowerInvariant();
}

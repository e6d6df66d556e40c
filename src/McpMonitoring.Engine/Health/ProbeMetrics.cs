using System.Collections.Concurrent;
using Prometheus;

namespace McpMonitoring.Engine.Health;

/// <summary>
/// Series on /metrics: per target <c>mcpmon_target_up</c> and <c>mcpmon_target_latency_seconds</c> (the last
/// probe), per kind the <c>mcpmon_probe_duration_seconds</c> histogram, for the fleet <c>mcpmon_targets</c>
/// (by status) and <c>mcpmon_probes_total</c> (by result), and <c>mcpmon_mcp_tools</c> per MCP target.
/// </summary>
/// <remarks>
/// Cardinality is kept to two series per target: a per-target histogram is 13 series per target, which at
/// 100k targets made one scrape over 100 MB. Per-target children are cached so recording a result is two
/// gauge writes and one histogram observation, with no label lookup or allocation.
/// </remarks>
public sealed class ProbeMetrics : IProbeResultSink
{
    private static readonly string[] KindLabels = [.. Enum.GetValues<TargetKind>().Select(k => k.ToString().ToLowerInvariant())];

    private readonly Gauge _up;
    private readonly Gauge _latency;
    private readonly Gauge _status;
    private readonly Histogram _duration;
    private readonly Gauge _tools;
    private readonly Counter _probes;
    private readonly Histogram.Child[] _durationByKind;
    private readonly Counter.Child _successes;
    private readonly Counter.Child _failures;
    private readonly ConcurrentDictionary<string, TargetSeries> _series = new(StringComparer.Ordinal);

    public ProbeMetrics(CollectorRegistry registry, Func<HealthMonitor>? monitor = null)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _up = factory.CreateGauge("mcpmon_target_up", "1 when the last probe of the target succeeded, 0 when it failed.", "target", "kind");
        _latency = factory.CreateGauge("mcpmon_target_latency_seconds", "How long the last probe of the target took.", "target", "kind");
        // One series per status for the fleet, not per target: 100k targets x 5 statuses would swamp a scrape.
        _status = factory.CreateGauge("mcpmon_targets", "Targets in each status (Healthy, Degraded, Unhealthy, Impacted, Unknown).", "status");
        _duration = factory.CreateHistogram("mcpmon_probe_duration_seconds", "How long probes took, by target kind.", new HistogramConfiguration
        {
            LabelNames = ["kind"],
            Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });
        _tools = factory.CreateGauge("mcpmon_mcp_tools", "Tools an MCP server listed at its last probe.", "target");
        _probes = factory.CreateCounter("mcpmon_probes_total", "Probes run, by result.", "result");
        _durationByKind = [.. KindLabels.Select(k => _duration.WithLabels(k))];
        _successes = _probes.WithLabels("success");
        _failures = _probes.WithLabels("failure");
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
        var series = SeriesOf(target);
        series.Up.Set(result.Success ? 1 : 0);
        series.Latency.Set(result.Latency.TotalSeconds);
        _durationByKind[(int)target.Kind].Observe(result.Latency.TotalSeconds);
        (result.Success ? _successes : _failures).Inc();
        if (result.Mcp is { } mcp)
        {
            _tools.WithLabels(target.Name).Set(mcp.ToolCount);
        }
    }

    public void Forget(string target)
    {
        _series.TryRemove(target, out _);
        foreach (var kind in KindLabels)
        {
            _up.RemoveLabelled(target, kind);
            _latency.RemoveLabelled(target, kind);
        }

        _tools.RemoveLabelled(target);
    }

    private TargetSeries SeriesOf(TargetDefinition target)
    {
        if (_series.TryGetValue(target.Name, out var series) && series.Kind == target.Kind)
        {
            return series;
        }

        // First result, or the target was redefined with another kind: its old series go.
        if (series is not null)
        {
            _up.RemoveLabelled(target.Name, KindLabels[(int)series.Kind]);
            _latency.RemoveLabelled(target.Name, KindLabels[(int)series.Kind]);
        }

        var kind = KindLabels[(int)target.Kind];
        series = new TargetSeries(target.Kind, _up.WithLabels(target.Name, kind), _latency.WithLabels(target.Name, kind));
        _series[target.Name] = series;
        return series;
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

    private sealed record TargetSeries(TargetKind Kind, Gauge.Child Up, Gauge.Child Latency);
}

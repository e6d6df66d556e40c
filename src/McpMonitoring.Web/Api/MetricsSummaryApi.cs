using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Scheduling;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>GET /metrics/summary: the human-readable counterpart of /metrics.</summary>
public static class MetricsSummaryApi
{
    public static IEndpointRouteBuilder MapMetricsSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics/summary", GetSummary).WithTags("Metrics").WithSummary("Human-readable summary of what the console measures");
        return app;
    }

    public static Ok<MetricsSummary> GetSummary(HealthMonitor monitor, ProbeScheduler scheduler)
    {
        var states = monitor.GetAll();
        var latencies = states.Where(s => s.LatencyMs is not null).Select(s => s.LatencyMs!.Value).Order().ToArray();
        return TypedResults.Ok(new MetricsSummary(
            monitor.GetCounts(),
            scheduler.ProbesStarted,
            latencies.Length == 0 ? null : latencies[latencies.Length / 2],
            latencies.Length == 0 ? null : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(latencies.Length * 0.99) - 1)],
            [.. states.Where(s => s.LatencyMs is not null).OrderByDescending(s => s.LatencyMs).Take(10)
                .Select(s => new SlowTarget(s.Name, s.Kind, s.LatencyMs!.Value, s.Status))]));
    }
}

public sealed record MetricsSummary(HealthCounts Targets, long ProbesStarted, double? LatencyP50Ms, double? LatencyP99Ms, IReadOnlyList<SlowTarget> Slowest);

public sealed record SlowTarget(string Name, TargetKind Kind, double LatencyMs, HealthStatus Status);

using System.Reflection;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.History;
using McpMonitoring.Engine.Health.Scheduling;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>GET /health (the console itself) and GET /health/detailed (every target).</summary>
public static class HealthApi
{
    private static readonly string Version =
        typeof(HealthApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("", GetHealth).WithSummary("The console's own health");
        group.MapGet("/detailed", GetDetailed).WithSummary("Every target: status, latency, last error, root cause, MCP details");
        group.MapPost("/scheduler/reset-lag", ResetLag).RequireAuthorization(ApiKeySecurity.MutatePolicy)
            .WithSummary("Start a new scheduling-lag window (benchmarks call it after warm-up)");
        return app;
    }

    public static Ok<ConsoleHealth> GetHealth(HealthMonitor monitor, ProbeScheduler scheduler, ProbeHistory history, TimeProvider time, ConsoleLifetime lifetime) =>
        TypedResults.Ok(new ConsoleHealth(
            "ok",
            Version,
            (long)(time.GetUtcNow() - lifetime.StartedAt).TotalSeconds,
            monitor.GetCounts(),
            new SchedulerHealth(
                scheduler.ProbesStarted,
                scheduler.InFlight,
                scheduler.SkippedBusy,
                scheduler.Lag.Quantile(0.5).TotalMilliseconds,
                scheduler.Lag.Quantile(0.99).TotalMilliseconds,
                scheduler.Lag.Max.TotalMilliseconds),
            new HistoryHealth(history.Recorded, history.Pending, history.Dropped)));

    public static NoContent ResetLag(ProbeScheduler scheduler)
    {
        scheduler.Lag.Reset();
        return TypedResults.NoContent();
    }

    public static Results<Ok<DetailedHealth>, ValidationProblem> GetDetailed(HealthMonitor monitor, string? status = null, string? kind = null)
    {
        IEnumerable<TargetState> targets = monitor.GetAll();
        if (status is not null)
        {
            if (!Enum.TryParse<HealthStatus>(status, ignoreCase: true, out var wanted))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["status"] = [$"status must be one of {string.Join(", ", Enum.GetNames<HealthStatus>())}."],
                });
            }

            targets = targets.Where(t => t.Status == wanted);
        }

        if (kind is not null)
        {
            if (!Enum.TryParse<TargetKind>(kind, ignoreCase: true, out var wantedKind))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["kind"] = ["kind must be one of http, tcp, mcp, database, container."],
                });
            }

            targets = targets.Where(t => t.Kind == wantedKind);
        }

        var counts = monitor.GetCounts();
        return TypedResults.Ok(new DetailedHealth(Overall(counts), counts, [.. targets]));
    }

    /// <summary>The fleet's headline: Unhealthy if anything is down on its own, Degraded if anything is slow or impacted.</summary>
    public static HealthStatus Overall(HealthCounts counts) =>
        counts.Unhealthy > 0 ? HealthStatus.Unhealthy
        : counts.Degraded > 0 || counts.Impacted > 0 ? HealthStatus.Degraded
        : counts.Healthy > 0 ? HealthStatus.Healthy
        : HealthStatus.Unknown;
}

public sealed record ConsoleHealth(string Status, string Version, long UptimeSeconds, HealthCounts Targets, SchedulerHealth Scheduler, HistoryHealth History);

public sealed record SchedulerHealth(long ProbesStarted, int InFlight, long SkippedBusy, double LagP50Ms, double LagP99Ms, double LagMaxMs);

public sealed record HistoryHealth(long Recorded, int Pending, long Dropped);

public sealed record DetailedHealth(HealthStatus Status, HealthCounts Counts, IReadOnlyList<TargetState> Targets);

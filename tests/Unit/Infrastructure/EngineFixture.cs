using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Streaming;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>A health monitor on a fake clock, with a sink that remembers what it was given.</summary>
internal sealed class EngineFixture
{
    public EngineFixture(MonitoringOptions? options = null)
    {
        Options = Microsoft.Extensions.Options.Options.Create(options ?? new MonitoringOptions());
        Events = new MonitoringEventStream(Time, Options);
        Monitor = new HealthMonitor(Events, Time, [Sink], Options);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    public IOptions<MonitoringOptions> Options { get; }

    public MonitoringEventStream Events { get; }

    public RecordingSink Sink { get; } = new();

    public HealthMonitor Monitor { get; }

    public TargetRuntime Add(string name, params string[] dependsOn)
    {
        Monitor.Upsert(Http(name, dependsOn), TargetSource.Api);
        Monitor.TryGetRuntime(name, out var runtime);
        return runtime;
    }

    public static TargetDefinition Http(string name, params string[] dependsOn) => new()
    {
        Name = name,
        Kind = TargetKind.Http,
        Url = $"http://127.0.0.1:1/{name}",
        Interval = TimeSpan.FromSeconds(10),
        Timeout = TimeSpan.FromSeconds(2),
        FailureThreshold = 3,
        RecoveryThreshold = 2,
        DependsOn = [.. dependsOn],
    };

    /// <summary>Applies <paramref name="count"/> results of one kind to a target.</summary>
    public void Apply(string name, bool success, int count = 1, double latencyMs = 10)
    {
        Monitor.TryGetRuntime(name, out var runtime);
        for (var i = 0; i < count; i++)
        {
            Monitor.ApplyResult(runtime, success
                ? ProbeResult.Ok(TimeSpan.FromMilliseconds(latencyMs))
                : ProbeResult.Fail(TimeSpan.FromMilliseconds(latencyMs), "connection refused"));
        }
    }

    public HealthStatus StatusOf(string name) => Monitor.Get(name)!.Status;
}

internal sealed class RecordingSink : IProbeResultSink
{
    public List<(string Target, ProbeResult Result)> Results { get; } = [];

    public void Record(TargetDefinition target, DateTimeOffset at, ProbeResult result)
    {
        lock (Results)
        {
            Results.Add((target.Name, result));
        }
    }
}

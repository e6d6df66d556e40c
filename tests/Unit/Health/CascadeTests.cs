using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Health;

public sealed class CascadeTests
{
    [Fact]
    public void DependencyUnhealthy_FailingDependentsImpactedWithRootCause()
    {
        var engine = new EngineFixture();
        engine.Add("db");
        engine.Add("api", "db");
        engine.Add("mcp", "api");
        engine.Add("web");
        foreach (var name in new[] { "db", "api", "mcp", "web" })
        {
            engine.Apply(name, success: true);
        }

        engine.Apply("db", success: false, count: 3);
        engine.Apply("api", success: false, count: 3);
        engine.Apply("mcp", success: false, count: 3);

        Assert.Equal(HealthStatus.Unhealthy, engine.StatusOf("db"));
        Assert.Equal(HealthStatus.Impacted, engine.StatusOf("api"));
        Assert.Equal(HealthStatus.Impacted, engine.StatusOf("mcp"));
        Assert.Equal("db", engine.Monitor.Get("api")!.RootCause);
        Assert.Equal("db", engine.Monitor.Get("mcp")!.RootCause);
        Assert.Equal(HealthStatus.Healthy, engine.StatusOf("web"));
        var counts = engine.Monitor.GetCounts();
        Assert.Equal((1, 2, 1), (counts.Unhealthy, counts.Impacted, counts.Healthy));
    }

    [Fact]
    public void DependentHealthy_StaysHealthyWhenDependencyFails()
    {
        var engine = new EngineFixture();
        engine.Add("db");
        engine.Add("api", "db");
        engine.Apply("api", success: true);
        engine.Apply("db", success: false, count: 3);
        Assert.Equal(HealthStatus.Healthy, engine.StatusOf("api"));
    }

    [Fact]
    public void DependencyRecovers_StillFailingDependentBecomesUnhealthyOnItsOwn()
    {
        var engine = new EngineFixture();
        engine.Add("db");
        engine.Add("api", "db");
        engine.Apply("db", success: false, count: 3);
        engine.Apply("api", success: false, count: 3);
        Assert.Equal(HealthStatus.Impacted, engine.StatusOf("api"));

        engine.Apply("db", success: true, count: 2);

        Assert.Equal(HealthStatus.Healthy, engine.StatusOf("db"));
        Assert.Equal(HealthStatus.Unhealthy, engine.StatusOf("api"));
        Assert.Null(engine.Monitor.Get("api")!.RootCause);
    }

    [Fact]
    public void Transitions_PublishedOnEventStream()
    {
        var engine = new EngineFixture();
        using var watcher = engine.Events.Watch(EventTopics.Health);
        engine.Add("db");
        engine.Add("api", "db");
        engine.Apply("db", success: false, count: 3);
        engine.Apply("api", success: false, count: 3);

        var changes = Drain(watcher).OfType<TargetStatusChanged>().ToList();
        Assert.Contains(changes, c => c is { Target: "db", From: HealthStatus.Unknown, To: HealthStatus.Unhealthy });
        Assert.Contains(changes, c => c is { Target: "api", To: HealthStatus.Impacted, RootCause: "db" });
        Assert.Equal(changes.Count, engine.Monitor.GetRecentChanges().Count);
    }

    [Fact]
    public void Remove_Dependency_DependentNoLongerImpacted()
    {
        var engine = new EngineFixture();
        engine.Add("db");
        engine.Monitor.Upsert(EngineFixture.Http("api", "db"), TargetSource.Api);
        engine.Apply("db", success: false, count: 3);
        engine.Apply("api", success: false, count: 3);
        engine.Monitor.Upsert(EngineFixture.Http("api2"), TargetSource.Api);

        engine.Monitor.Remove("db");

        Assert.Equal(HealthStatus.Unhealthy, engine.StatusOf("api"));
        Assert.Equal(2, engine.Monitor.GetCounts().Total);
    }

    private static List<MonitoringEvent> Drain(McpMonitoring.Engine.Streaming.MonitoringEventStream.EventWatcher watcher)
    {
        using var cts = new CancellationTokenSource();
        var result = new List<MonitoringEvent>();
        var enumerator = watcher.ReadBatchesAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        while (true)
        {
            var next = enumerator.MoveNextAsync();
            if (!next.IsCompleted)
            {
                cts.Cancel();
                break;
            }

            if (!next.Result)
            {
                break;
            }

            result.AddRange(enumerator.Current);
        }

        return result;
    }
}

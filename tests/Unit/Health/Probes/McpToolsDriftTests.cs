using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Health.Probes;

/// <summary>A server whose tool list changes between probes raises McpToolsDrifted, end to end.</summary>
public sealed class McpToolsDriftTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    public async Task ToolAddedOnServer_NextToolsRefresh_PublishesDrift(string? protocolVersion)
    {
        await using var server = await McpTestServer.StartAsync(cancellationToken: Ct);
        var engine = new EngineFixture();
        using var watcher = engine.Events.Watch(EventTopics.Health);
        await using var probe = McpTargets.Probe(toolsEvery: 2);
        var target = McpTargets.Http(server.Url, protocolVersion: protocolVersion);
        engine.Monitor.Upsert(target, TargetSource.Api);
        engine.Monitor.TryGetRuntime(target.Name, out var runtime);
        engine.Monitor.ApplyResult(runtime, await probe.ProbeAsync(target, Ct));
        var before = engine.Monitor.Get(target.Name)!.Mcp!;

        server.AddTool("deploy");
        var liveness = await probe.ProbeAsync(target, Ct); // between tool refreshes: last known details
        engine.Monitor.ApplyResult(runtime, liveness);
        var refreshed = await probe.ProbeAsync(target, Ct);
        engine.Monitor.ApplyResult(runtime, refreshed);

        Assert.Equal(before, liveness.Mcp);
        Assert.Equal(3, refreshed.Mcp!.ToolCount);
        var drift = Assert.Single((await ReadUntilDriftAsync(watcher)).OfType<McpToolsDrifted>());
        Assert.NotEqual(before.ToolsHash, refreshed.Mcp.ToolsHash);
        Assert.Equal(
            (target.Name, before.ToolsHash, refreshed.Mcp.ToolsHash, 2, 3),
            (drift.Target, drift.PreviousHash, drift.CurrentHash, drift.PreviousToolCount, drift.CurrentToolCount));
    }

    /// <summary>Events are published synchronously by ApplyResult, so the drift is already queued when it happened.</summary>
    private static async Task<List<MonitoringEvent>> ReadUntilDriftAsync(MonitoringEventStream.EventWatcher watcher)
    {
        var events = new List<MonitoringEvent>();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        done.CancelAfter(TimeSpan.FromSeconds(5));
        await foreach (var batch in watcher.ReadBatchesAsync(done.Token))
        {
            events.AddRange(batch);
            if (events.OfType<McpToolsDrifted>().Any())
            {
                break;
            }
        }

        return events;
    }
}

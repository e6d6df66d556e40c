using System.Diagnostics;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Scheduling;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.AspNetCore;

namespace McpMonitoring.Tests.Unit.Health.Probes;

/// <summary>The MCP probe over legacy HTTP+SSE and stdio (a spawned C# SDK server).</summary>
public sealed class McpProbeTransportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProbeAsync_LegacySse_InitializesAndPingsOverOneStream()
    {
        await using var server = await McpTestServer.StartAsync(HttpServerSessionMode.Stateful, legacySse: true, cancellationToken: Ct);
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Http(server.SseUrl, transport: "sse");

        var first = await probe.ProbeAsync(target, Ct);
        var second = await probe.ProbeAsync(target, Ct);

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        Assert.Equal(("sse", 2), (first.Mcp!.Transport, first.Mcp.ToolCount));
        Assert.Equal(first.Mcp, second.Mcp);
        Assert.Equal(1, server.Count("tools/list"));
        // A stateful server refuses 2026-07-28 (-32022): the SDK client downgrades to initialize by itself.
        Assert.Equal("2025-11-25", first.Mcp.ProtocolVersion);
        Assert.Equal((1, 1), (server.Count("initialize"), server.Count("ping")));
    }

    [Fact]
    public async Task ProbeAsync_AutoOnSseOnlyEndpoint_FallsBackToSse()
    {
        await using var server = await McpTestServer.StartAsync(HttpServerSessionMode.Stateful, legacySse: true, cancellationToken: Ct);
        await using var probe = McpTargets.Probe();

        var result = await probe.ProbeAsync(McpTargets.Http(server.SseUrl, transport: "auto"), Ct);

        Assert.True(result.Success, result.Error);
        Assert.Equal("sse", result.Mcp!.Transport);
    }

    [Fact]
    public async Task ProbeAsync_Stdio_SpawnsOnceAndReusesTheChild()
    {
        var pidFile = Path.GetTempFileName();
        await using var probe = McpTargets.Probe(toolsEvery: 2);
        var target = McpTargets.Stdio("dotnet", [TestPaths.McpStdioServerDll, "--pid-file", pidFile]);

        var results = new List<ProbeResult>();
        for (var i = 0; i < 3; i++)
        {
            results.Add(await probe.ProbeAsync(target, Ct));
        }

        Assert.All(results, r => Assert.True(r.Success, r.Error));
        var mcp = results[0].Mcp!;
        Assert.Equal(("stdio-test-server", "3.1.0", 3, "stdio"), (mcp.ServerName, mcp.ServerVersion, mcp.ToolCount, mcp.Transport));
        Assert.Equal("2026-07-28", mcp.ProtocolVersion);
        Assert.Single(await File.ReadAllLinesAsync(pidFile, Ct));
    }

    [Fact]
    public async Task ProbeAsync_StdioForcedOldVersion_Initializes()
    {
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Stdio("dotnet", [TestPaths.McpStdioServerDll]);
        target.ProtocolVersion = "2025-06-18";

        var first = await probe.ProbeAsync(target, Ct);
        var second = await probe.ProbeAsync(target, Ct);

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        Assert.Equal("2025-06-18", first.Mcp!.ProtocolVersion);
    }

    [Fact]
    public async Task ProbeAsync_StdioCommandMissing_FailsWithReason()
    {
        await using var probe = McpTargets.Probe();

        var result = await probe.ProbeAsync(McpTargets.Stdio("/nonexistent/mcp-server", []), Ct);

        Assert.False(result.Success);
        Assert.StartsWith("initialize failed: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetRemoved_StdioChildExits()
    {
        var pidFile = Path.GetTempFileName();
        var engine = new EngineFixture();
        await using var probe = McpTargets.Probe();
        var scheduler = new ProbeScheduler(engine.Monitor, [probe], engine.Time, engine.Options, NullLogger<ProbeScheduler>.Instance);
        var target = McpTargets.Stdio("dotnet", [TestPaths.McpStdioServerDll, "--pid-file", pidFile]);
        engine.Monitor.Upsert(target, TargetSource.Api);
        Assert.True((await scheduler.ProbeOnceAsync(target, Ct)).Success);
        using var child = await SpawnedChildAsync(pidFile);

        engine.Monitor.Remove(target.Name);

        await WaitForExitAsync(child);
        Assert.Equal(0, probe.OpenSessions);
    }

    [Fact]
    public async Task DisposeAsync_OpenStdioSession_ChildExits()
    {
        var pidFile = Path.GetTempFileName();
        var probe = McpTargets.Probe();
        var target = McpTargets.Stdio("dotnet", [TestPaths.McpStdioServerDll, "--pid-file", pidFile]);
        Assert.True((await probe.ProbeAsync(target, Ct)).Success);
        using var child = await SpawnedChildAsync(pidFile);

        await probe.DisposeAsync();

        await WaitForExitAsync(child);
        var after = await probe.ProbeAsync(target, Ct);
        Assert.False(after.Success);
    }

    [Fact]
    public async Task TargetChanged_SessionClosedAndReopenedWithNewDefinition()
    {
        await using var server = await McpTestServer.StartAsync(cancellationToken: Ct);
        var engine = new EngineFixture();
        await using var probe = McpTargets.Probe();
        var scheduler = new ProbeScheduler(engine.Monitor, [probe], engine.Time, engine.Options, NullLogger<ProbeScheduler>.Instance);
        var target = McpTargets.Http(server.Url, protocolVersion: "2025-11-25");
        engine.Monitor.Upsert(target, TargetSource.Api);
        Assert.True((await scheduler.ProbeOnceAsync(target, Ct)).Success);

        target.Labels["team"] = "ops";
        engine.Monitor.Upsert(target, TargetSource.Api);
        var result = await scheduler.ProbeOnceAsync(target, Ct);

        Assert.True(result.Success, result.Error);
        Assert.Equal(2, server.Count("initialize"));
        Assert.Equal(0, server.Count("ping"));
    }

    /// <summary>The stdio server appends its pid to the file at start-up, before it answers the handshake.</summary>
    private static async Task<Process> SpawnedChildAsync(string pidFile) =>
        Process.GetProcessById(int.Parse((await File.ReadAllLinesAsync(pidFile, Ct)).Single(), System.Globalization.CultureInfo.InvariantCulture));

    private static async Task WaitForExitAsync(Process child)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(10));
        await child.WaitForExitAsync(deadline.Token);
    }
}

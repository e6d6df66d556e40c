using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Probes;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol.AspNetCore;

namespace McpMonitoring.Tests.Unit.Health.Probes;

/// <summary>The MCP probe against a real C# SDK server over Streamable HTTP, in both protocol eras.</summary>
public sealed class McpProbeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProbeAsync_DefaultVersion_NegotiatesStatelessEra()
    {
        await using var server = await McpTestServer.StartAsync(version: "4.2.0", cancellationToken: Ct);
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Http(server.Url);

        var first = await probe.ProbeAsync(target, Ct);
        var second = await probe.ProbeAsync(target, Ct);

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        var mcp = first.Mcp!;
        Assert.Equal("2026-07-28", mcp.ProtocolVersion);
        Assert.Equal((McpTestServer.ServerName, "4.2.0", 2, "streamable-http"), (mcp.ServerName, mcp.ServerVersion, mcp.ToolCount, mcp.Transport));
        Assert.Equal(mcp, second.Mcp);
        Assert.Equal(0, server.Count("initialize"));
    }

    [Fact]
    public async Task ProbeAsync_ForcedOldVersion_InitializesOnceThenPings()
    {
        await using var server = await McpTestServer.StartAsync(cancellationToken: Ct);
        await using var probe = McpTargets.Probe(toolsEvery: 3);
        var target = McpTargets.Http(server.Url, protocolVersion: "2025-11-25");

        var results = new List<ProbeResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await probe.ProbeAsync(target, Ct));
        }

        Assert.All(results, r => Assert.True(r.Success, r.Error));
        Assert.All(results, r => Assert.Equal("2025-11-25", r.Mcp!.ProtocolVersion));
        Assert.Single(results.Select(r => r.Mcp!.ToolsHash).Distinct());
        // Probe 1 connects and lists, 2-3 ping, 4 lists, 5 pings: one session for all five.
        Assert.Equal(1, server.Count("initialize"));
        Assert.Equal(2, server.Count("tools/list"));
        Assert.Equal(3, server.Count("ping"));
        Assert.Equal(0, server.Count("server/discover"));
    }

    [Fact]
    public async Task ProbeAsync_StatelessEra_ReusesClientAndChecksWithDiscover()
    {
        await using var server = await McpTestServer.StartAsync(cancellationToken: Ct);
        await using var probe = McpTargets.Probe(toolsEvery: 3);
        var target = McpTargets.Http(server.Url);

        for (var i = 0; i < 5; i++)
        {
            var result = await probe.ProbeAsync(target, Ct);
            Assert.True(result.Success, result.Error);
        }

        var discoversAtConnect = server.Methods.TakeWhile(m => m != "tools/list").Count(m => m == "server/discover");
        Assert.Equal(2, server.Count("tools/list"));
        Assert.Equal(0, server.Count("ping"));
        Assert.Equal(discoversAtConnect + 3, server.Count("server/discover"));
    }

    [Fact]
    public async Task ProbeAsync_ToolListOlderThanInterval_ListsAgain()
    {
        await using var server = await McpTestServer.StartAsync(cancellationToken: Ct);
        var time = new FakeTimeProvider();
        var options = McpTargets.Options(toolsEvery: 100);
        options.Value.Probing.McpToolsRefreshInterval = TimeSpan.FromMinutes(5);
        await using var probe = new McpProbe(time, options);
        var target = McpTargets.Http(server.Url, protocolVersion: "2025-11-25");

        await probe.ProbeAsync(target, Ct);
        time.Advance(TimeSpan.FromMinutes(4));
        await probe.ProbeAsync(target, Ct);
        time.Advance(TimeSpan.FromMinutes(2));
        var result = await probe.ProbeAsync(target, Ct);

        Assert.True(result.Success, result.Error);
        Assert.Equal((2, 1), (server.Count("tools/list"), server.Count("ping")));
    }

    [Fact]
    public async Task ProbeAsync_StatefulOnlyServer_FallsBackToInitialize()
    {
        await using var server = await McpTestServer.StartAsync(HttpServerSessionMode.Stateful, cancellationToken: Ct);
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Http(server.Url);

        var first = await probe.ProbeAsync(target, Ct);
        var second = await probe.ProbeAsync(target, Ct);

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        Assert.Equal("2025-11-25", first.Mcp!.ProtocolVersion);
        Assert.Equal(1, server.Count("initialize"));
        Assert.Equal(1, server.Count("ping"));
    }

    [Fact]
    public async Task ProbeAsync_ServerDown_FailsWithConnectionRefused()
    {
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Http($"http://127.0.0.1:{NodePeerServer.FreePort()}/mcp");

        var result = await probe.ProbeAsync(target, Ct);

        Assert.False(result.Success);
        Assert.StartsWith("initialize failed: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("Connection refused", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, probe.OpenSessions);
    }

    [Fact]
    public async Task ProbeAsync_ServerAnswers503_FailsWithStatus()
    {
        await using var server = await McpTestServer.StartAsync(cancellationToken: Ct);
        server.Unavailable = true;
        await using var probe = McpTargets.Probe();

        var result = await probe.ProbeAsync(McpTargets.Http(server.Url, transport: "streamable-http"), Ct);

        Assert.False(result.Success);
        Assert.Contains("HTTP 503", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    public async Task ProbeAsync_ServerRestarted_ReconnectsWithinTheProbe(string? protocolVersion)
    {
        var first = await McpTestServer.StartAsync(cancellationToken: Ct);
        var port = first.Port;
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Http(first.Url, protocolVersion: protocolVersion);
        Assert.True((await probe.ProbeAsync(target, Ct)).Success);
        await first.DisposeAsync();

        var down = await probe.ProbeAsync(target, Ct);
        await using var restarted = await McpTestServer.StartAsync(port: port, cancellationToken: Ct);
        var up = await probe.ProbeAsync(target, Ct);

        Assert.False(down.Success);
        Assert.Contains("Connection refused", down.Error, StringComparison.Ordinal);
        Assert.True(up.Success, up.Error);
        Assert.Equal(protocolVersion is null ? 0 : 1, restarted.Count("initialize"));
        Assert.Equal(1, probe.OpenSessions);
    }

    [Fact]
    public async Task ProbeAsync_OldEraSessionLostOnServer_ReconnectsWithoutFailing()
    {
        var first = await McpTestServer.StartAsync(cancellationToken: Ct);
        var port = first.Port;
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Http(first.Url, protocolVersion: "2025-11-25");
        Assert.True((await probe.ProbeAsync(target, Ct)).Success);

        // Restarted between two probes: the open session is unknown to the new process (HTTP 404 on ping).
        await first.DisposeAsync();
        await using var restarted = await McpTestServer.StartAsync(port: port, cancellationToken: Ct);
        var result = await probe.ProbeAsync(target, Ct);

        Assert.True(result.Success, result.Error);
        Assert.Equal(1, restarted.Count("ping"));
        Assert.Equal(1, restarted.Count("initialize"));
    }

    [Fact]
    public async Task ForgetAsync_OpenSession_ClosesIt()
    {
        await using var server = await McpTestServer.StartAsync(cancellationToken: Ct);
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Http(server.Url, protocolVersion: "2025-11-25");
        Assert.True((await probe.ProbeAsync(target, Ct)).Success);
        Assert.Equal(1, probe.OpenSessions);

        await probe.ForgetAsync(target.Name);
        var again = await probe.ProbeAsync(target, Ct);

        Assert.Equal(0, server.Count("ping"));
        Assert.Equal(2, server.Count("initialize"));
        Assert.True(again.Success, again.Error);
    }

    [Fact]
    public async Task ProbeAsync_DefinitionChanged_OpensNewSession()
    {
        await using var server = await McpTestServer.StartAsync(cancellationToken: Ct);
        await using var probe = McpTargets.Probe();
        Assert.True((await probe.ProbeAsync(McpTargets.Http(server.Url), Ct)).Success);

        var changed = await probe.ProbeAsync(McpTargets.Http(server.Url, protocolVersion: "2025-11-25"), Ct);

        Assert.True(changed.Success, changed.Error);
        Assert.Equal("2025-11-25", changed.Mcp!.ProtocolVersion);
        Assert.Equal(1, probe.OpenSessions);
    }
}

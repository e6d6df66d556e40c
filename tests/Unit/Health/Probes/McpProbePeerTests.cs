using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Health.Probes;

/// <summary>
/// The MCP probe against a peer from another SDK: the TypeScript reference server
/// @modelcontextprotocol/server-everything (2025-11-25 era, no server/discover), over stdio, Streamable HTTP and SSE.
/// </summary>
public sealed class McpProbePeerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProbeAsync_EverythingOverStdio_FallsBackToInitializeAndPings()
    {
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Stdio("node", NodePeerServer.StdioArgs);

        var first = await probe.ProbeAsync(target, Ct);
        var second = await probe.ProbeAsync(target, Ct);

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        AssertEverything(first.Mcp!, "stdio");
        Assert.Equal(first.Mcp, second.Mcp);
    }

    [Fact]
    public async Task ProbeAsync_EverythingOverStreamableHttp_FallsBackToInitializeAndPings()
    {
        await using var server = await NodePeerServer.StartAsync("streamableHttp", Ct);
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Http($"http://127.0.0.1:{server.Port}/mcp");

        var first = await probe.ProbeAsync(target, Ct);
        var second = await probe.ProbeAsync(target, Ct);

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        AssertEverything(first.Mcp!, "streamable-http");
        Assert.Equal(first.Mcp, second.Mcp);
    }

    [Fact]
    public async Task ProbeAsync_EverythingOverLegacySse_AutoFallsBackToSse()
    {
        await using var server = await NodePeerServer.StartAsync("sse", Ct);
        await using var probe = McpTargets.Probe();
        var target = McpTargets.Http($"http://127.0.0.1:{server.Port}/sse");

        var first = await probe.ProbeAsync(target, Ct);
        var second = await probe.ProbeAsync(target, Ct);

        Assert.True(first.Success, first.Error);
        Assert.True(second.Success, second.Error);
        AssertEverything(first.Mcp!, "sse");
    }

    private static void AssertEverything(McpMonitoring.Engine.Health.McpServerDetails mcp, string transport)
    {
        Assert.Equal("2025-11-25", mcp.ProtocolVersion);
        Assert.Contains("everything", mcp.ServerName, StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(mcp.ServerVersion));
        Assert.True(mcp.ToolCount >= 5, $"{mcp.ToolCount} tools");
        Assert.Equal(transport, mcp.Transport);
    }
}

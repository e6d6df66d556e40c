using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Probes;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>MCP target definitions and probes configured for tests.</summary>
internal static class McpTargets
{
    public static TargetDefinition Http(string url, string? transport = null, string? protocolVersion = null, string name = "mcp") => new()
    {
        Name = name,
        Kind = TargetKind.Mcp,
        Url = url,
        Transport = transport,
        ProtocolVersion = protocolVersion,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static TargetDefinition Stdio(string command, List<string> args, string name = "mcp-stdio") => new()
    {
        Name = name,
        Kind = TargetKind.Mcp,
        Command = command,
        Args = args,
        Timeout = TimeSpan.FromSeconds(15),
    };

    /// <summary>A probe that lists tools every <paramref name="toolsEvery"/> probes (never by age).</summary>
    public static McpProbe Probe(int toolsEvery = 10, TimeProvider? time = null) =>
        new(time ?? TimeProvider.System, Options(toolsEvery));

    public static Microsoft.Extensions.Options.IOptions<MonitoringOptions> Options(int toolsEvery = 10) =>
        Microsoft.Extensions.Options.Options.Create(new MonitoringOptions
        {
            Probing = new ProbingOptions { McpToolsRefreshEvery = toolsEvery, McpToolsRefreshInterval = TimeSpan.FromDays(1) },
        });
}

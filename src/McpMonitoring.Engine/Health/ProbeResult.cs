namespace McpMonitoring.Engine.Health;

/// <summary>The outcome of one probe. <paramref name="Mcp"/> is set for MCP targets that answered.</summary>
public sealed record ProbeResult(bool Success, TimeSpan Latency, string? Error = null, McpServerDetails? Mcp = null)
{
    public static ProbeResult Ok(TimeSpan latency, McpServerDetails? mcp = null) => new(true, latency, null, mcp);

    public static ProbeResult Fail(TimeSpan latency, string error) => new(false, latency, error);
}

/// <summary>What an MCP handshake told us about a server.</summary>
/// <param name="ToolsHash">SHA-256 (hex, 16 chars) over tool names and input schemas, sorted: a change is drift.</param>
public sealed record McpServerDetails(
    string ProtocolVersion,
    string? ServerName,
    string? ServerVersion,
    int ToolCount,
    string ToolsHash,
    string Transport);

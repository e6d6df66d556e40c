using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol.Client;

namespace McpMonitoring.Engine.Health.Probes;

/// <summary>
/// MCP handshake probe: connects (Streamable HTTP, legacy SSE or stdio), records the negotiated protocol
/// version, server name and version, tool count and a hash of tool names and input schemas.
/// </summary>
public sealed class McpProbe(TimeProvider time) : IProbe
{
    public TargetKind Kind => TargetKind.Mcp;

    public async Task<ProbeResult> ProbeAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        IClientTransport transport = target.Command is not null
            ? new StdioClientTransport(new StdioClientTransportOptions { Command = target.Command, Arguments = [.. target.Args], Name = target.Name })
            : new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = new Uri(target.Url!),
                TransportMode = target.Transport == "sse" ? HttpTransportMode.Sse : HttpTransportMode.AutoDetect,
                Name = target.Name,
            });
        var options = new McpClientOptions();
        if (target.ProtocolVersion is not null)
        {
            options.ProtocolVersion = target.ProtocolVersion;
        }

        await using var client = await McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken).ConfigureAwait(false);
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var latency = time.GetElapsedTime(start);
        var details = new McpServerDetails(
            client.NegotiatedProtocolVersion ?? "unknown",
            client.ServerInfo?.Name,
            client.ServerInfo?.Version,
            tools.Count,
            HashTools(tools.Select(t => (t.Name, t.ProtocolTool.InputSchema.GetRawText()))),
            target.Command is not null ? "stdio" : target.Transport ?? "auto");
        return ProbeResult.Ok(latency, details);
    }

    /// <summary>Order-independent hash of tool names and their input schemas (first 16 hex chars of SHA-256).</summary>
    public static string HashTools(IEnumerable<(string Name, string InputSchema)> tools)
    {
        var builder = new StringBuilder();
        foreach (var (name, schema) in tools.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append('\n').Append(schema).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())))[..16];
    }
}

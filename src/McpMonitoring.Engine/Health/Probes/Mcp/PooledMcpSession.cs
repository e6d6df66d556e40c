using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace McpMonitoring.Engine.Health.Probes.Mcp;

/// <summary>
/// One live client kept between probes of a target, with what the last tool listing told us.
/// Not thread-safe: the pool lets one probe at a time use it.
/// </summary>
internal sealed class PooledMcpSession(McpClient client, string fingerprint, string transport, TimeProvider time) : IAsyncDisposable
{
    /// <summary>The first revision without initialize, sessions or ping (SEP-2575, SEP-2567).</summary>
    public const string StatelessEra = "2026-07-28";

    private int _probesSinceTools;
    private long _toolsListedAt;

    public McpClient Client => client;

    public string Fingerprint => fingerprint;

    /// <summary>From the last tools/list; kept between listings so every result carries it.</summary>
    public McpServerDetails? Details { get; private set; }

    public string ProtocolVersion => client.NegotiatedProtocolVersion ?? "unknown";

    public bool IsStatelessEra => string.CompareOrdinal(ProtocolVersion, StatelessEra) >= 0;

    /// <summary>The cheap check the negotiated era offers: <c>ping</c>, or <c>server/discover</c> (2026-07-28 has no ping).</summary>
    public string LivenessMethod => IsStatelessEra ? RequestMethods.ServerDiscover : RequestMethods.Ping;

    public bool ToolsDue(int every, TimeSpan interval) =>
        Details is null || _probesSinceTools + 1 >= every || time.GetElapsedTime(_toolsListedAt) >= interval;

    /// <summary>Throws when the server does not answer; a closed session (child exited, stream lost) fails without a round trip.</summary>
    public async Task CheckAliveAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        if (IsStatelessEra)
        {
            // server/discover is the 2026-07-28 way to ask "are you there and what do you speak"; it lists nothing.
            await client.SendRequestAsync(new JsonRpcRequest { Method = RequestMethods.ServerDiscover }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await client.PingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        _probesSinceTools++;
    }

    /// <summary>Lists every tool (all pages) and recomputes count and hash; also proves liveness.</summary>
    public async Task<McpServerDetails> RefreshToolsAsync(CancellationToken cancellationToken)
    {
        ThrowIfClosed();
        var tools = await client.ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        Details = new McpServerDetails(
            ProtocolVersion,
            client.ServerInfo?.Name,
            client.ServerInfo?.Version,
            tools.Count,
            McpProbe.HashTools(tools.Select(t => (t.Name, t.ProtocolTool.InputSchema.GetRawText()))),
            transport);
        _probesSinceTools = 0;
        _toolsListedAt = time.GetTimestamp();
        return Details;
    }

    private void ThrowIfClosed()
    {
        if (client.Completion.IsCompleted)
        {
            throw new McpSessionClosedException(McpErrorDescriber.Describe(client.Completion.Result));
        }
    }

    public ValueTask DisposeAsync() => client.DisposeAsync();
}

/// <summary>The session ended on its own (a stdio child exited, the HTTP session was dropped).</summary>
internal sealed class McpSessionClosedException(string message) : Exception(message);

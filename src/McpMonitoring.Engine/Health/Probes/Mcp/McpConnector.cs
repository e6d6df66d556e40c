using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace McpMonitoring.Engine.Health.Probes.Mcp;

/// <summary>Opens an MCP client for a target over the transport its definition asks for.</summary>
/// <remarks>
/// The handshake is the SDK's: with no forced version it probes with <c>server/discover</c> (2026-07-28) and
/// falls back to <c>initialize</c> for older servers by itself. "auto" is resolved here rather than by the
/// SDK's AutoDetect mode so the probe can report which HTTP transport actually answered.
/// </remarks>
internal sealed class McpConnector(HttpClient http, ILoggerFactory? loggerFactory)
{
    public const string StreamableHttp = "streamable-http";
    public const string Sse = "sse";
    public const string Stdio = "stdio";

    private static readonly TimeSpan MaxDiscoverProbe = TimeSpan.FromSeconds(5);

    /// <summary>What identifies a session: a change to any of these needs a new one.</summary>
    public static string Fingerprint(TargetDefinition target) =>
        string.Join('\u001f', target.Url, target.Transport, target.Command, string.Join('\u001e', target.Args), target.ProtocolVersion);

    /// <summary>Connects and completes the handshake; throws <see cref="McpConnectException"/> when the target does not answer.</summary>
    public async Task<(McpClient Client, string Transport)> ConnectAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(target.Command))
        {
            return (await CreateAsync(StdioTransport(target), target, cancellationToken, stdio: true).ConfigureAwait(false), Stdio);
        }

        var mode = target.Transport ?? "auto";
        if (mode is Sse or StreamableHttp)
        {
            return (await CreateAsync(HttpTransport(target, mode), target, cancellationToken).ConfigureAwait(false), mode);
        }

        try
        {
            return (await CreateAsync(HttpTransport(target, StreamableHttp), target, cancellationToken).ConfigureAwait(false), StreamableHttp);
        }
        catch (McpConnectException streamable) when (!cancellationToken.IsCancellationRequested && MaySpeakSse(streamable))
        {
            try
            {
                return (await CreateAsync(HttpTransport(target, Sse), target, cancellationToken).ConfigureAwait(false), Sse);
            }
            catch (McpConnectException sse) when (!cancellationToken.IsCancellationRequested)
            {
                // The Streamable HTTP error is the one to show: SSE is the legacy fallback.
                throw new McpConnectException($"{streamable.Message} (legacy SSE fallback: {sse.Message})", streamable.InnerException);
            }
        }
    }

    private async Task<McpClient> CreateAsync(IClientTransport transport, TargetDefinition target, CancellationToken cancellationToken, bool stdio = false)
    {
        // The discover probe's clock starts when the child is spawned, so its start-up (seconds for a cold
        // dotnet or node process on a busy host) counts against it; a timed-out probe would settle a modern
        // server on the old era. Old stdio servers answer the unknown method with -32601 at once anyway.
        var discoverProbe = stdio
            ? target.Timeout * 2 / 3
            : TimeSpan.FromTicks(Math.Min(MaxDiscoverProbe.Ticks, target.Timeout.Ticks / 3));
        var options = new McpClientOptions
        {
            ClientInfo = new() { Name = "McpMonitoring", Version = "1.0.0" },
            ProtocolVersion = string.IsNullOrWhiteSpace(target.ProtocolVersion) ? null : target.ProtocolVersion,
            InitializationTimeout = target.Timeout,
            // A server from before 2026-07-28 may drop server/discover silently; leave time for the initialize fallback.
            DiscoverProbeTimeout = discoverProbe,
        };
        try
        {
            return await McpClient.CreateAsync(transport, options, loggerFactory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (transport is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }

            throw new McpConnectException(McpErrorDescriber.Describe(ex), ex);
        }
    }

    private HttpClientTransport HttpTransport(TargetDefinition target, string mode) => new(
        new HttpClientTransportOptions
        {
            Endpoint = new Uri(target.Url!),
            TransportMode = mode == Sse ? HttpTransportMode.Sse : HttpTransportMode.StreamableHttp,
            Name = target.Name,
            ConnectionTimeout = target.Timeout,
            // A monitor never needs unsolicited server messages: one long-lived GET per target would be waste.
            EnableStandaloneGetStream = false,
        },
        http,
        loggerFactory,
        ownsHttpClient: false);

    private static StdioClientTransport StdioTransport(TargetDefinition target) => new(
        new StdioClientTransportOptions
        {
            Command = target.Command!,
            Arguments = [.. target.Args],
            Name = target.Name,
            ShutdownTimeout = TimeSpan.FromSeconds(2),
        },
        loggerFactory: null);

    /// <summary>
    /// Whether the Streamable HTTP failure says "not this protocol here" (a 4xx such as 404/405, or an answer
    /// that is not MCP) rather than "down" (nothing listens, 5xx) or "not allowed" (401/403/429), where the
    /// legacy SSE fallback would only fail the same way and double the time to fail.
    /// </summary>
    private static bool MaySpeakSse(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is SocketException)
            {
                return false;
            }
        }

        return McpErrorDescriber.HttpStatus(ex) is not { } status || (status is >= 400 and < 500 && status is not (401 or 403 or 429));
    }
}

/// <summary>The handshake with a target failed; the message is meant for an operator.</summary>
internal sealed class McpConnectException(string message, Exception? inner) : Exception(message, inner);

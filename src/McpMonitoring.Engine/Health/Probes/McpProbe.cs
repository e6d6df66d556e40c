using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health.Probes.Mcp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Engine.Health.Probes;

/// <summary>
/// MCP probe over Streamable HTTP, legacy HTTP+SSE or stdio, for both protocol eras (2026-07-28 stateless and
/// 2025-11-25 and older with initialize). Keeps one live session per target: a probe on a live session is a
/// liveness check (ping, or server/discover in the stateless era) and lists tools only every
/// <see cref="ProbingOptions.McpToolsRefreshEvery"/> probes or <see cref="ProbingOptions.McpToolsRefreshInterval"/>.
/// </summary>
/// <remarks>
/// A failed check on a live session gets one fresh connect within the same probe, so a restarted server that
/// answers again is not a failure. Sessions close on <see cref="ForgetAsync"/> (the scheduler calls it when a
/// target changes or goes away) and at shutdown. Probes of one target are serialized; targets are independent.
/// </remarks>
public sealed partial class McpProbe : IProbe, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SessionSlot> _slots = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ProbingOptions _options;
    private readonly HttpClient _http;
    private readonly McpConnector _connector;
    private readonly ILogger<McpProbe>? _logger;
    private volatile bool _disposed;

    public McpProbe(TimeProvider time, IOptions<MonitoringOptions> options, ILoggerFactory? loggerFactory = null)
    {
        _time = time;
        _options = options.Value.Probing;
        _logger = loggerFactory?.CreateLogger<McpProbe>();
        // Shared by every HTTP session, as in HttpProbe: connections stay alive between probes.
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = _options.MaxConnectionsPerServer,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        _connector = new McpConnector(_http, loggerFactory);
    }

    public TargetKind Kind => TargetKind.Mcp;

    /// <summary>Targets with a live session (for tests and diagnostics).</summary>
    public int OpenSessions => _slots.Values.Count(s => s.Session is not null);

    public async Task<ProbeResult> ProbeAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        if (_disposed)
        {
            return ProbeResult.Fail(TimeSpan.Zero, "the monitor is shutting down");
        }

        var slot = await AcquireAsync(target.Name, cancellationToken).ConfigureAwait(false);
        try
        {
            return await ProbeWithSlotAsync(slot, target, start, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cut off mid-exchange (the target's timeout): the session's state is unknown, start clean next time.
            await slot.CloseAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            slot.Gate.Release();
        }
    }

    private async Task<ProbeResult> ProbeWithSlotAsync(SessionSlot slot, TargetDefinition target, long start, CancellationToken cancellationToken)
    {
        var fingerprint = McpConnector.Fingerprint(target);
        if (slot.Session is { } stale && stale.Fingerprint != fingerprint)
        {
            await slot.CloseAsync().ConfigureAwait(false);
        }

        string? liveFailure = null;
        if (slot.Session is { } live)
        {
            try
            {
                var details = live.ToolsDue(_options.McpToolsRefreshEvery, _options.McpToolsRefreshInterval)
                    ? await live.RefreshToolsAsync(cancellationToken).ConfigureAwait(false)
                    : await CheckAliveAsync(live, cancellationToken).ConfigureAwait(false);
                return ProbeResult.Ok(_time.GetElapsedTime(start), details);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Most often the server restarted and forgot our session: reconnect once before calling it a failure.
                liveFailure = $"{live.LivenessMethod} on the open session failed: {McpErrorDescriber.Describe(ex)}";
                _logger?.LogInformation("MCP target {Target}: {Failure}; reconnecting", target.Name, liveFailure);
                await slot.CloseAsync().ConfigureAwait(false);
            }
        }

        return await ConnectAsync(slot, target, fingerprint, start, liveFailure, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<McpServerDetails> CheckAliveAsync(PooledMcpSession live, CancellationToken cancellationToken)
    {
        await live.CheckAliveAsync(cancellationToken).ConfigureAwait(false);
        return live.Details!;
    }

    private async Task<ProbeResult> ConnectAsync(
        SessionSlot slot, TargetDefinition target, string fingerprint, long start, string? liveFailure, CancellationToken cancellationToken)
    {
        var suffix = liveFailure is null ? "" : $" (after {liveFailure})";
        PooledMcpSession session;
        try
        {
            var (client, transport) = await _connector.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            session = new PooledMcpSession(client, fingerprint, transport, _time);
        }
        catch (McpConnectException ex)
        {
            return ProbeResult.Fail(_time.GetElapsedTime(start), $"initialize failed: {ex.Message}{suffix}");
        }

        try
        {
            var details = await session.RefreshToolsAsync(cancellationToken).ConfigureAwait(false);
            slot.Session = session;
            return ProbeResult.Ok(_time.GetElapsedTime(start), details);
        }
        catch (Exception ex)
        {
            await DisposeQuietlyAsync(session).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            return ProbeResult.Fail(_time.GetElapsedTime(start), $"tools/list failed: {McpErrorDescriber.Describe(ex)}{suffix}");
        }
    }

    /// <summary>Closes the target's session (and ends a stdio child). Waits for a probe of that target in flight.</summary>
    public async ValueTask ForgetAsync(string targetName)
    {
        if (_slots.TryRemove(targetName, out var slot))
        {
            await slot.Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                await slot.CloseAsync().ConfigureAwait(false);
            }
            finally
            {
                slot.Gate.Release();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var name in _slots.Keys)
        {
            await ForgetAsync(name).ConfigureAwait(false);
        }

        _http.Dispose();
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

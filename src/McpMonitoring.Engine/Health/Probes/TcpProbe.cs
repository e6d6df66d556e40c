using System.Net.Sockets;

namespace McpMonitoring.Engine.Health.Probes;

/// <summary>Healthy when a TCP connection to host:port opens; the connection is closed at once.</summary>
public sealed class TcpProbe(TimeProvider time) : IProbe
{
    public TargetKind Kind => TargetKind.Tcp;

    public async Task<ProbeResult> ProbeAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        try
        {
            using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(target.Host!, target.Port!.Value, cancellationToken).ConfigureAwait(false);
            var latency = time.GetElapsedTime(start);
            socket.Shutdown(SocketShutdown.Both);
            return ProbeResult.Ok(latency);
        }
        catch (SocketException ex)
        {
            return ProbeResult.Fail(time.GetElapsedTime(start), $"connect to {target.Host}:{target.Port} failed: {ex.SocketErrorCode} ({ex.Message})");
        }
    }
}

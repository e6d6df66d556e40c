using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// The TypeScript SDK reference server (@modelcontextprotocol/server-everything) as a child process over
/// Streamable HTTP or legacy SSE on a free loopback port; ready once it logs that it listens.
/// </summary>
public sealed class NodePeerServer : IAsyncDisposable
{
    private readonly Process _process;

    private NodePeerServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The server's "stdio" arguments for a stdio target: node + these.</summary>
    public static List<string> StdioArgs => [TestPaths.EverythingServerJs, "stdio"];

    /// <param name="mode"><c>streamableHttp</c> (endpoint /mcp) or <c>sse</c> (endpoint /sse).</param>
    public static async Task<NodePeerServer> StartAsync(string mode, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(TestPaths.EverythingServerJs);
        start.ArgumentList.Add(mode);
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(start)!;
        var server = new NodePeerServer(process, port);
        _ = DrainAsync(process.StandardOutput);
        using var ready = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ready.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            // Both transports print "... port N" on stderr once app.listen has bound the socket.
            while (await process.StandardError.ReadLineAsync(ready.Token) is { } line)
            {
                if (line.Contains($"port {port}", StringComparison.Ordinal))
                {
                    _ = DrainAsync(process.StandardError);
                    return server;
                }
            }

            throw new InvalidOperationException($"node server-everything {mode} exited before listening (code {process.ExitCode}).");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>A port nothing listens on right now (the OS picks it; node then binds it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try
        {
            while (await reader.ReadLineAsync() is not null)
            {
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }
}

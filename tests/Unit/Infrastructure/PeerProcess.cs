using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// A real peer (Prometheus, Alertmanager, Pushgateway from Debian's packages) started on 127.0.0.1 with a
/// temporary folder, waited for until its readiness URL answers, and killed by PID on dispose.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private PeerProcess(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="executable"/>; <paramref name="arguments"/> gets the port and the temp folder.</summary>
    public static async Task<PeerProcess> StartAsync(string executable, Func<int, string, string> arguments, string readyPath = "/-/ready")
    {
        var path = FindExecutable(executable)
            ?? throw new InvalidOperationException($"{executable} is not installed: scripts/test.sh installs it (Debian package).");
        var directory = System.IO.Directory.CreateTempSubdirectory($"mcpmon-{executable}-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(path, arguments(port, directory))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var peer = new PeerProcess(process, port, directory);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var ready = false;
        for (var attempt = 0; attempt < 300 && !ready && !process.HasExited; attempt++)
        {
            try
            {
                ready = (await http.GetAsync(new Uri(peer.BaseAddress, readyPath))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: wait for the process to make progress, bounded by the attempt count.
                process.WaitForExit(50);
            }
        }

        if (!ready)
        {
            await peer.DisposeAsync();
            throw new InvalidOperationException($"{executable} did not become ready on port {port}:\n{peer.Output}");
        }

        return peer;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

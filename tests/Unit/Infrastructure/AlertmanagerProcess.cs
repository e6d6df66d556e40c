using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// A real Alertmanager (Debian package prometheus-alertmanager 0.25) on 127.0.0.1 with a temp config and storage,
/// clustering off; started per test class and stopped by its PID.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncLifetime
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";
    private Process? _process;
    private string? _dir;

    public Uri BaseAddress { get; private set; } = null!;

    public static bool Installed => File.Exists(Binary);

    public async ValueTask InitializeAsync()
    {
        if (!Installed)
        {
            return;
        }

        _dir = Directory.CreateTempSubdirectory("alertmanager-").FullName;
        var config = Path.Combine(_dir, "alertmanager.yml");
        await File.WriteAllTextAsync(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.path={Path.Combine(_dir, "data")}", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        Wait.Until(() => Ready(http), "Alertmanager answers /-/ready", TimeSpan.FromSeconds(30));
    }

    private bool Ready(HttpClient http)
    {
        if (_process!.HasExited)
        {
            throw new InvalidOperationException($"prometheus-alertmanager exited with code {_process.ExitCode}.");
        }

        try
        {
            return http.GetAsync("-/ready").GetAwaiter().GetResult().StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

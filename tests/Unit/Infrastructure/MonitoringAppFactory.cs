using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// The real console on a fresh SQLite file in a temp folder, with no demo fleet unless asked,
/// optionally on a real Kestrel socket (for probes that call back into it). Settings override the
/// defaults: <c>ConnectionStrings:Monitoring</c> set to a PostgreSQL connection string puts it on PostgreSQL.
/// </summary>
public sealed class MonitoringAppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public MonitoringAppFactory(Dictionary<string, string?>? settings = null, string? dataDir = null)
    {
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("mcpmon-test-").FullName;
        Directory.CreateDirectory(Path.Combine(DataDir, "config"));
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Monitoring"] = $"Data Source={Path.Combine(DataDir, "monitoring.db")}",
            ["Monitoring:ConfigDir"] = Path.Combine(DataDir, "config"),
            ["Monitoring:Demo"] = "false",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public string DataDir { get; }

    /// <summary>Starts the console on a real socket at 127.0.0.1:random, for peers (Prometheus) that must reach it.</summary>
    public Uri StartOnSocket()
    {
        UseKestrel(0);
        StartServer();
        return ClientOptions.BaseAddress;
    }

    /// <summary>Extra registrations (a capturing logger, a fake clock) applied after the app's own.</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureTestServices is { } configure)
        {
            builder.ConfigureServices(configure);
        }
    }
}

using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.History;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Demo;
using McpMonitoring.Web.Model;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace McpMonitoring.Tests.Component.Infrastructure;

/// <summary>
/// bUnit context with MudBlazor, loose JS interop, a fake clock and a real engine (health monitor and event
/// stream) so pages are driven by the same pushes as in production.
/// </summary>
public abstract class ComponentTestContext : BunitContext
{
    static ComponentTestContext()
    {
        // A ceiling, not a delay: waits end as soon as the assertion passes. The default (1 s) fails renders that the
        // whole suite (bUnit, Playwright and the unit tests in parallel on two cores) slows down.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    protected ComponentTestContext()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var options = Options.Create(new MonitoringOptions { UiUpdateInterval = TimeSpan.FromMilliseconds(10) });
        Events = new MonitoringEventStream(TimeProvider.System, options);
        Monitor = new HealthMonitor(Events, TimeProvider.System, [], options);
        Services.AddSingleton(options);
        Services.AddSingleton(Events);
        Services.AddSingleton(Monitor);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddScoped<BrowserTimeZone>();
        Services.AddSingleton<DemoServices>();

        // A real SQLite file per test: TargetService and history queries run their actual SQL.
        var database = Path.Combine(Directory.CreateTempSubdirectory("mcpmon-bunit-").FullName, "monitoring.db");
        Services.AddLogging();
        Services.AddDbContextFactory<MonitoringDbContext>(o => DatabaseProvider.Configure(o, $"Data Source={database}"));
        Services.AddSingleton<TargetService>();
        Services.AddSingleton<ProbeHistoryQuery>();

        // Alerts run their real lifecycle and group-commit store; tests that ingest call StartAlertsAsync first.
        Services.AddSingleton(Options.Create(new AlertingOptions()));
        Services.AddSingleton<AlertStore>();
        Services.AddSingleton<AlertService>();
        Services.AddScoped<OperatorIdentity>();
        Authorization = AddAuthorization();

        // Metrics: the real store, query engine and scrape targets (scraping a dead port really fails).
        Services.AddSingleton(Options.Create(new MetricsOptions()));
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<TimeSeriesStore>();
        Services.AddSingleton(sp => new MetricsQueryEngine(sp.GetRequiredService<TimeSeriesStore>(), sp.GetRequiredService<IOptions<MetricsOptions>>()));
        Services.AddSingleton<ScrapeHttpClient>();
        Services.AddSingleton<ScrapeTargetRegistry>();
        Services.AddSingleton<ScrapeTargetService>();
        Services.AddSingleton<Scraper>();
        Services.AddSingleton(sp => new ScrapeMetrics(Prometheus.Metrics.NewCustomRegistry(), sp.GetRequiredService<ScrapeTargetRegistry>, sp.GetRequiredService<TimeSeriesStore>()));
        Services.AddSingleton<ScrapeScheduler>();
    }

    protected TimeSeriesStore Store => Services.GetRequiredService<TimeSeriesStore>();

    protected ScrapeTargetService ScrapeTargets => Services.GetRequiredService<ScrapeTargetService>();

    /// <summary>Writes <paramref name="values"/> one <paramref name="step"/> apart, ending at the fake clock's now, into one series.</summary>
    protected void AddSeries(string metric, IReadOnlyDictionary<string, string> labels, IReadOnlyList<double> values, TimeSpan? step = null)
    {
        var id = Store.GetOrCreateSeries(LabelSet.From(metric, labels));
        var now = Time.GetUtcNow().ToUnixTimeMilliseconds();
        var every = (long)(step ?? TimeSpan.FromSeconds(15)).TotalMilliseconds;
        for (var i = 0; i < values.Count; i++)
        {
            Store.Append(id, now - ((values.Count - 1 - i) * every), values[i]);
        }
    }

    protected void DescribeMetric(string metric, MetricType type, string help) => Store.SetMetadata(metric, type, help);

    /// <summary>A scrape target as prometheus.yml (or the demo) would define it: read-only at run time.</summary>
    protected void AddConfigScrapeTarget(string name, string job, string url, ScrapeTargetSource source = ScrapeTargetSource.Config) =>
        Services.GetRequiredService<ScrapeTargetRegistry>().Set(new ScrapeTargetDefinition
        {
            Name = name,
            Job = job,
            Url = new Uri(url),
            Interval = TimeSpan.FromSeconds(15),
            Timeout = TimeSpan.FromSeconds(10),
            Source = source,
        });

    /// <summary>Not signed in unless a test calls SetAuthorized (OperatorIdentity then takes that name).</summary>
    protected BunitAuthorizationContext Authorization { get; }

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    protected MonitoringEventStream Events { get; }

    protected HealthMonitor Monitor { get; }

    /// <summary>Creates the schema; tests that save targets or read history call it first.</summary>
    protected void MigrateDatabase()
    {
        using var db = Services.GetRequiredService<IDbContextFactory<MonitoringDbContext>>().CreateDbContext();
        db.Database.Migrate();
    }

    protected AlertService Alerts => Services.GetRequiredService<AlertService>();

    /// <summary>Creates the schema and starts the alert store and service (loading what is stored), as the host would.</summary>
    protected async Task StartAlertsAsync()
    {
        MigrateDatabase();
        await Services.GetRequiredService<AlertStore>().StartAsync(Xunit.TestContext.Current.CancellationToken);
        await Alerts.StartAsync(Xunit.TestContext.Current.CancellationToken);
    }

    /// <summary>Raises a firing alert as a source would; <paramref name="rootCause"/> sets the root_cause annotation.</summary>
    protected async Task<AlertSnapshot> RaiseAlertAsync(
        string target, string name = "TargetUnhealthy", AlertSeverity severity = AlertSeverity.Critical, string? rootCause = null)
    {
        var annotations = new Dictionary<string, string> { ["summary"] = $"{target} is down" };
        if (rootCause is not null)
        {
            annotations["root_cause"] = rootCause;
        }

        var input = new AlertInput
        {
            Labels = new Dictionary<string, string> { [AlertLabels.AlertName] = name, [AlertLabels.Target] = target },
            Annotations = annotations,
            Severity = severity,
        };
        return (await Alerts.IngestAsync([input], AlertSources.Manual, "test"))[0];
    }

    protected void AddTarget(string name, params string[] dependsOn) => Monitor.Upsert(new TargetDefinition
    {
        Name = name,
        Kind = TargetKind.Http,
        Url = $"http://127.0.0.1:1/{name}",
        FailureThreshold = 1,
        RecoveryThreshold = 1,
        DependsOn = [.. dependsOn],
    }, TargetSource.Api);

    protected void Report(string name, bool success)
    {
        Monitor.TryGetRuntime(name, out var runtime);
        Monitor.ApplyResult(runtime, success ? ProbeResult.Ok(TimeSpan.FromMilliseconds(12)) : ProbeResult.Fail(TimeSpan.FromMilliseconds(3), "connection refused"));
    }
}

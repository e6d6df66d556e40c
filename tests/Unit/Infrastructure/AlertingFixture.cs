using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// The alert service over a real SQLite file on a fake clock, with a scriptable suppression evaluator.
/// <see cref="RestartAsync"/> builds a new service over the same file, as a process restart would.
/// </summary>
internal sealed class AlertingFixture : IAsyncDisposable
{
    private readonly string _database = Path.Combine(Directory.CreateTempSubdirectory("mcpmon-alerts-").FullName, "alerts.db");
    private ServiceProvider _provider = null!;

    private AlertingFixture()
    {
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    public ScriptedSuppression Suppression { get; } = new();

    public AlertService Alerts { get; private set; } = null!;

    public AlertStore Store { get; private set; } = null!;

    public MonitoringEventStream Events { get; private set; } = null!;

    public static async Task<AlertingFixture> StartAsync(AlertingOptions? options = null)
    {
        var fixture = new AlertingFixture();
        await fixture.BuildAsync(options ?? new AlertingOptions());
        return fixture;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await BuildAsync(new AlertingOptions());
    }

    private async Task BuildAsync(AlertingOptions options)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new MonitoringOptions()));
        services.AddDbContextFactory<MonitoringDbContext>(o => DatabaseProvider.Configure(o, $"Data Source={_database}"));
        services.AddSingleton<MonitoringEventStream>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<ISuppressionEvaluator>(Suppression);
        _provider = services.BuildServiceProvider();
        await using (var db = await _provider.GetRequiredService<IDbContextFactory<MonitoringDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        Store = _provider.GetRequiredService<AlertStore>();
        Alerts = _provider.GetRequiredService<AlertService>();
        Events = _provider.GetRequiredService<MonitoringEventStream>();
        await Store.StartAsync(CancellationToken.None);
        await Alerts.StartAsync(CancellationToken.None);
    }

    private async Task StopAsync()
    {
        await Alerts.StopAsync(CancellationToken.None);
        await Store.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }

    public static AlertInput Input(string name, string target = "db", AlertSeverity? severity = AlertSeverity.Critical, TimeSpan? forDuration = null, DateTimeOffset? endsAt = null, string? summary = null) => new()
    {
        Labels = new Dictionary<string, string> { ["alertname"] = name, ["target"] = target },
        Annotations = summary is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["summary"] = summary },
        Severity = severity,
        For = forDuration ?? TimeSpan.Zero,
        EndsAt = endsAt,
    };

    public async ValueTask DisposeAsync() => await StopAsync();
}

/// <summary>Suppresses alerts whose target label the test names; stands in for silences in lifecycle tests.</summary>
internal sealed class ScriptedSuppression : ISuppressionEvaluator
{
    public HashSet<string> SilencedTargets { get; } = [];

    public SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) =>
        labels.TryGetValue("target", out var target) && SilencedTargets.Contains(target)
            ? new SuppressionInfo(SuppressionKind.Silence, "s-1", $"silenced: {target}")
            : null;
}

using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// Suppression services on a real SQLite file and the engine fixture's fake clock, plus an alert source that tests
/// fill in (standing in for the alert service behind <see cref="IFiringAlerts"/> and <see cref="IAlertLookup"/>).
/// </summary>
internal sealed class SuppressionFixture
{
    public SuppressionFixture()
    {
        var database = Path.Combine(Directory.CreateTempSubdirectory("mcpmon-suppress-").FullName, "monitoring.db");
        var services = new ServiceCollection();
        services.AddDbContextFactory<MonitoringDbContext>(o => DatabaseProvider.Configure(o, $"Data Source={database}"));
        services.AddSingleton<IFiringAlerts>(Alerts);
        services.AddSingleton<IAlertLookup>(Alerts);
        Provider = services.BuildServiceProvider();
        Contexts = Provider.GetRequiredService<IDbContextFactory<MonitoringDbContext>>();
        using (var db = Contexts.CreateDbContext())
        {
            db.Database.Migrate();
        }

        Audit = new AuditLog(Contexts, Time);
        Silences = new SilenceService(Contexts, Audit, Engine.Events, Time, Options.Create(new SuppressionOptions()));
        Windows = new MaintenanceWindowService(Contexts, Audit, Engine.Events, Time, NullLogger<MaintenanceWindowService>.Instance);
        Rules = new InhibitionRuleService(Contexts, Audit, Engine.Events, Time, NullLogger<InhibitionRuleService>.Instance);
        Pipeline = new SuppressionPipeline(
        [
            new SilenceSuppression(Silences),
            new MaintenanceSuppression(Windows),
            new InhibitionSuppression(Rules, Provider),
            new DependencySuppression(Engine.Monitor),
        ]);
    }

    public EngineFixture Engine { get; } = new();

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time => Engine.Time;

    public FakeAlerts Alerts { get; } = new();

    public ServiceProvider Provider { get; }

    public IDbContextFactory<MonitoringDbContext> Contexts { get; }

    public AuditLog Audit { get; }

    public SilenceService Silences { get; }

    public MaintenanceWindowService Windows { get; }

    public InhibitionRuleService Rules { get; }

    public SuppressionPipeline Pipeline { get; }

    public static Dictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToDictionary(l => l.Name, l => l.Value);

    public static List<MatcherSpec> Matchers(string list) => [.. Matcher.ParseList(list).Select(MatcherSpec.From)];
}

/// <summary>A settable list of firing alerts for inhibition and previews.</summary>
public sealed class FakeAlerts : IFiringAlerts, IAlertLookup
{
    private readonly List<AlertSnapshot> _alerts = [];
    private long _nextId;
    private long _version;

    /// <summary>Bumped by <see cref="Fire"/> and <see cref="Clear"/>, as the alert service does, so evaluators' caches are exercised.</summary>
    public long FiringVersion => Interlocked.Read(ref _version);

    public AlertSnapshot Fire(params (string Name, string Value)[] labels)
    {
        var set = labels.ToDictionary(l => l.Name, l => l.Value);
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var alert = new AlertSnapshot(
            Interlocked.Increment(ref _nextId), Fingerprint.Of(set), set.GetValueOrDefault(AlertLabels.AlertName, "Test"), AlertSeverity.Warning,
            AlertState.Firing, set, new Dictionary<string, string>(), AlertSources.Manual, now, now, now, null, null, null, 1, null, null);
        lock (_alerts)
        {
            _alerts.Add(alert);
        }

        Interlocked.Increment(ref _version);
        return alert;
    }

    public void Clear()
    {
        lock (_alerts)
        {
            _alerts.Clear();
        }

        Interlocked.Increment(ref _version);
    }

    public IEnumerable<IReadOnlyDictionary<string, string>> FiringLabelSets()
    {
        lock (_alerts)
        {
            return [.. _alerts.Select(a => a.Labels)];
        }
    }

    public IReadOnlyList<AlertSnapshot> Active()
    {
        lock (_alerts)
        {
            return [.. _alerts];
        }
    }
}

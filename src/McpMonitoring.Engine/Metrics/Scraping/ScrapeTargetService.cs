using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>What the API sends to create or change a scrape target; absent durations take the configured defaults.</summary>
public sealed record ScrapeTargetRequest(
    string Name,
    string Job,
    string Url,
    IReadOnlyDictionary<string, string>? Labels = null,
    [property: JsonConverter(typeof(NullableDurationJsonConverter))] TimeSpan? Interval = null,
    [property: JsonConverter(typeof(NullableDurationJsonConverter))] TimeSpan? Timeout = null,
    bool HonorLabels = false,
    bool HonorTimestamps = true,
    int SampleLimit = 0);

/// <summary>
/// Scrape targets: prometheus.yml's (read at start-up, read-only at run time), the API's (durable, the database
/// wins) and the demo's. A change is validated, committed with its audit entry, and only then applied.
/// </summary>
public sealed class ScrapeTargetService(
    ScrapeTargetRegistry registry,
    IDbContextFactory<MonitoringDbContext> contexts,
    AuditLog audit,
    MonitoringEventStream events,
    TimeProvider time,
    IOptions<MetricsOptions> options,
    ILogger<ScrapeTargetService> logger)
{
    public const string AuditSubject = "scrape_target";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _mutations = new(1, 1);

    /// <summary>Keys of prometheus.yml that were read but are not acted on (shown on the summary).</summary>
    public IReadOnlyList<string> IgnoredConfigKeys { get; private set; } = [];

    public TimeSpan DefaultInterval { get; private set; } = options.Value.DefaultScrapeInterval;

    public TimeSpan DefaultTimeout { get; private set; } = options.Value.DefaultScrapeTimeout;

    public IReadOnlyList<ScrapeTargetStatus> GetAll() => registry.Snapshot();

    public ScrapeTargetStatus? Get(string name) => registry.TryGet(name, out var runtime) ? runtime.Snapshot() : null;

    /// <summary>Loads prometheus.yml and the API's targets; a bad file throws naming the file and the job.</summary>
    public async Task LoadAsync(ScrapeConfiguration config, CancellationToken cancellationToken)
    {
        IgnoredConfigKeys = config.IgnoredKeys;
        if (config.IgnoredKeys.Count > 0)
        {
            logger.LogWarning("prometheus.yml: these keys are read but not acted on by the console: {Keys}", string.Join(", ", config.IgnoredKeys));
        }

        if (config.Targets.Count > 0)
        {
            DefaultInterval = config.Targets[0].Interval;
            DefaultTimeout = config.Targets[0].Timeout;
        }

        foreach (var target in config.Targets)
        {
            registry.Set(target);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entity in await db.ScrapeTargets.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            var target = JsonSerializer.Deserialize<ScrapeTargetDefinition>(entity.DefinitionJson, Json);
            if (target is null || registry.TryGet(target.Name, out _))
            {
                logger.LogWarning("Scrape target {Name} from the database is unreadable or shadowed by prometheus.yml; skipped", entity.Name);
                continue;
            }

            registry.Set(target);
        }
    }

    /// <summary>Scrapes the console itself when nothing else is configured, so the explorer shows data on first run.</summary>
    public bool LoadDemoTargetIfEmpty(Uri metricsUrl)
    {
        if (registry.Count > 0)
        {
            return false;
        }

        registry.Set(new ScrapeTargetDefinition
        {
            Name = "mcp-monitoring/self",
            Job = "mcp-monitoring",
            Url = metricsUrl,
            Interval = DefaultInterval,
            Timeout = DefaultTimeout < DefaultInterval ? DefaultTimeout : DefaultInterval,
            Source = ScrapeTargetSource.Demo,
        });
        return true;
    }

    public async Task<ConfigMutation<ScrapeTargetStatus>> CreateAsync(ScrapeTargetRequest request, string actor, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ToDefinition(request, out var target) is { } invalid)
            {
                return invalid;
            }

            if (registry.TryGet(target.Name, out var existing) && existing.Definition.Source != ScrapeTargetSource.Demo)
            {
                return ConfigMutation<ScrapeTargetStatus>.Conflict($"a scrape target named '{target.Name}' already exists.");
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow().UtcDateTime;
                db.ScrapeTargets.Add(new ScrapeTargetEntity { Name = target.Name, DefinitionJson = JsonSerializer.Serialize(target, Json), CreatedAt = now, UpdatedAt = now });
                audit.Stage(db, new AuditRecord(actor, "created", AuditSubject, target.Name, $"{target.Job} {target.Url}"));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            RemoveDemo();
            Apply(target, ConfigurationChange.Added);
            return new(ConfigMutationOutcome.Created, Get(target.Name));
        }
        finally
        {
            _mutations.Release();
        }
    }

    public async Task<ConfigMutation<ScrapeTargetStatus>> UpdateAsync(string name, ScrapeTargetRequest request, string actor, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Editable(name) is { } notEditable)
            {
                return notEditable;
            }

            if (request.Name != name)
            {
                return ConfigMutation<ScrapeTargetStatus>.Invalid("name", $"the name in the body ('{request.Name}') differs from the one in the path ('{name}'); a target cannot be renamed.");
            }

            if (ToDefinition(request, out var target) is { } invalid)
            {
                return invalid;
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                var entity = await db.ScrapeTargets.SingleAsync(t => t.Name == name, cancellationToken).ConfigureAwait(false);
                entity.DefinitionJson = JsonSerializer.Serialize(target, Json);
                entity.UpdatedAt = time.GetUtcNow().UtcDateTime;
                audit.Stage(db, new AuditRecord(actor, "updated", AuditSubject, name, $"{target.Job} {target.Url}"));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            Apply(target, ConfigurationChange.Updated);
            return new(ConfigMutationOutcome.Ok, Get(name));
        }
        finally
        {
            _mutations.Release();
        }
    }

    public async Task<ConfigMutation<ScrapeTargetStatus>> DeleteAsync(string name, string actor, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Editable(name) is { } notEditable)
            {
                return notEditable;
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                await db.ScrapeTargets.Where(t => t.Name == name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                await audit.RecordAsync(new AuditRecord(actor, "deleted", AuditSubject, name), cancellationToken).ConfigureAwait(false);
            }

            registry.Remove(name);
            events.Publish(new ScrapeTargetChanged(name, ConfigurationChange.Removed, time.GetUtcNow()));
            return new(ConfigMutationOutcome.Ok);
        }
        finally
        {
            _mutations.Release();
        }
    }

    private ConfigMutation<ScrapeTargetStatus>? Editable(string name)
    {
        if (!registry.TryGet(name, out var runtime))
        {
            return ConfigMutation<ScrapeTargetStatus>.NotFound;
        }

        return runtime.Definition.Source switch
        {
            ScrapeTargetSource.Config => ConfigMutation<ScrapeTargetStatus>.Conflict($"'{name}' is defined in {options.Value.ScrapeConfigFile}; change it there and restart."),
            ScrapeTargetSource.Demo => ConfigMutation<ScrapeTargetStatus>.Conflict($"'{name}' is the demo target; it goes away when you add a target of your own."),
            _ => null,
        };
    }

    private ConfigMutation<ScrapeTargetStatus>? ToDefinition(ScrapeTargetRequest request, out ScrapeTargetDefinition target)
    {
        target = null!;
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url))
        {
            return ConfigMutation<ScrapeTargetStatus>.Invalid("url", $"'{request.Url}' is not an absolute URL (for example http://host:9100/metrics).");
        }

        var interval = request.Interval ?? DefaultInterval;
        target = new ScrapeTargetDefinition
        {
            Name = request.Name?.Trim() ?? "",
            Job = request.Job?.Trim() ?? "",
            Url = url,
            Labels = request.Labels ?? new Dictionary<string, string>(),
            Interval = interval,
            Timeout = request.Timeout ?? (DefaultTimeout < interval ? DefaultTimeout : interval),
            HonorLabels = request.HonorLabels,
            HonorTimestamps = request.HonorTimestamps,
            SampleLimit = request.SampleLimit,
            Source = ScrapeTargetSource.Api,
        };
        return ScrapeTargetValidator.Validate(target) is { } problem
            ? ConfigMutation<ScrapeTargetStatus>.Invalid(problem.Field, problem.Message)
            : null;
    }

    private void RemoveDemo()
    {
        foreach (var demo in registry.All.Where(r => r.Definition.Source == ScrapeTargetSource.Demo).ToList())
        {
            registry.Remove(demo.Definition.Name);
        }
    }

    private void Apply(ScrapeTargetDefinition target, ConfigurationChange change)
    {
        registry.Set(target);
        events.Publish(new ScrapeTargetChanged(target.Name, change, time.GetUtcNow()));
    }
}

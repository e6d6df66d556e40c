using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Storage;

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>
/// Custom metrics for workflows that cannot expose /metrics themselves: definitions are validated, committed to
/// SQLite with their audit record, then registered in memory (<see cref="CustomMetricSet"/>), and re-registered from
/// the database at start-up. Values live in memory only: a restart resets them, as it does in any Prometheus client.
/// </summary>
public sealed partial class CustomMetricService(
    IDbContextFactory<MonitoringDbContext> contexts,
    AuditLog audit,
    CustomMetricSet metrics,
    ConsoleMetricsWriter exposition,
    TimeProvider time,
    IOptions<MetricsOptions> options)
{
    public const string AuditSubject = "customMetric";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _mutations = new(1, 1);

    /// <summary>Registers every stored definition. Called once at start-up, after the schema exists.</summary>
    public async Task<int> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.CustomMetrics.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            metrics.Put(new CustomMetric(ToDefinition(row)));
        }

        return rows.Count;
    }

    /// <summary>Definitions by name, optionally of one type and containing <paramref name="search"/>.</summary>
    public Page<CustomMetricView> List(CustomMetricType? type, string? search, int offset, int limit)
    {
        var matching = metrics.All
            .Where(m => type is null || m.Definition.Type == type)
            .Where(m => string.IsNullOrEmpty(search) || m.Definition.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return new Page<CustomMetricView>([.. matching.Skip(offset).Take(limit).Select(m => ToView(m, 0))], matching.Count, offset, limit);
    }

    /// <summary>One definition with its current values (at most <paramref name="seriesLimit"/> series).</summary>
    public CustomMetricView? Get(string name, int seriesLimit = 1000) =>
        metrics.TryGet(name, out var metric) ? ToView(metric, seriesLimit) : null;

    /// <summary>
    /// Defines a metric: Created when new, Ok (idempotent) when the same definition exists, Conflict when the name is
    /// taken by a different definition or collides with another metric's series, or when <c>Metrics:MaxCustomMetrics</c> is reached.
    /// </summary>
    public async Task<ConfigMutation<CustomMetricView>> DefineAsync(CustomMetricInput input, string actor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var definition = CustomMetricValidator.Validate(input, actor, time.GetUtcNow(), errors);
        if (definition is null)
        {
            return ConfigMutation<CustomMetricView>.Invalid(errors);
        }

        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (metrics.TryGet(definition.Name, out var existing))
            {
                return existing.Definition.DifferenceFrom(definition) is { } difference
                    ? ConfigMutation<CustomMetricView>.Conflict($"custom metric '{definition.Name}' already exists and {difference}; delete it first to redefine it.")
                    : new ConfigMutation<CustomMetricView>(ConfigMutationOutcome.Ok, ToView(existing, 0));
            }

            var max = options.Value.MaxCustomMetrics;
            if (metrics.Count >= max)
            {
                return ConfigMutation<CustomMetricView>.Conflict($"there are already {metrics.Count} custom metrics, the limit (Metrics:MaxCustomMetrics = {max}); delete one first.");
            }

            var metric = new CustomMetric(definition);
            if (await CollisionAsync(metric, cancellationToken).ConfigureAwait(false) is { } collision)
            {
                return ConfigMutation<CustomMetricView>.Conflict(collision);
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                db.CustomMetrics.Add(ToEntity(definition));
                audit.Stage(db, new AuditRecord(actor, "create", AuditSubject, definition.Name, Describe(definition)));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            metrics.Put(metric);
            return new ConfigMutation<CustomMetricView>(ConfigMutationOutcome.Created, ToView(metric, 0));
        }
        finally
        {
            _mutations.Release();
        }
    }

    /// <summary>Deletes the definition and its values: the metric disappears from /metrics at once.</summary>
    public async Task<ConfigMutation<CustomMetricView>> DeleteAsync(string name, string actor, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!metrics.TryGet(name, out var metric))
            {
                return ConfigMutation<CustomMetricView>.NotFound;
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (await db.CustomMetrics.FindAsync([name], cancellationToken).ConfigureAwait(false) is { } row)
                {
                    db.CustomMetrics.Remove(row);
                }

                audit.Stage(db, new AuditRecord(actor, "delete", AuditSubject, name, Describe(metric.Definition)));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            metrics.Remove(name);
            return new ConfigMutation<CustomMetricView>(ConfigMutationOutcome.Ok);
        }
        finally
        {
            _mutations.Release();
        }
    }

    private async Task<string?> CollisionAsync(CustomMetric metric, CancellationToken cancellationToken)
    {
        var name = metric.Definition.Name;
        if (metrics.All.FirstOrDefault(m => m.Claims.Overlaps(metric.Claims)) is { } other)
        {
            return $"custom metric '{name}' would collide with the series of custom metric '{other.Definition.Name}' ({other.Definition.Type.Name()}): " +
                   $"both would use {string.Join(", ", other.Claims.Intersect(metric.Claims, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(c => $"'{c}'"))}.";
        }

        var console = await exposition.ConsoleClaimsAsync(cancellationToken).ConfigureAwait(false);
        var shared = metric.Claims.Where(console.Contains).Order(StringComparer.Ordinal).ToList();
        return shared.Count == 0 ? null : $"custom metric '{name}' would collide with a metric the console exports itself ({string.Join(", ", shared.Select(c => $"'{c}'"))}).";
    }

    private static CustomMetricView ToView(CustomMetric metric, int seriesLimit)
    {
        var d = metric.Definition;
        return new CustomMetricView(d.Name, d.Type.Name(), d.Help, d.LabelNames, d.Buckets, d.CreatedAt, d.CreatedBy, metric.SeriesCount,
            seriesLimit > 0 ? metric.Snapshot(seriesLimit) : null);
    }

    private static string Describe(CustomMetricDefinition d) =>
        $"{d.Type.Name()} {d.Name}{{{string.Join(",", d.LabelNames)}}}{(d.Buckets is null ? "" : $" buckets [{string.Join(", ", d.Buckets)}]")}: {d.Help}";

    private static CustomMetricEntity ToEntity(CustomMetricDefinition d) => new()
    {
        Name = d.Name,
        Type = d.Type.Name(),
        Help = d.Help,
        LabelNamesJson = JsonSerializer.Serialize(d.LabelNames, Json),
        BucketsJson = d.Buckets is null ? null : JsonSerializer.Serialize(d.Buckets, Json),
        CreatedAt = d.CreatedAt.UtcDateTime,
        CreatedBy = d.CreatedBy,
    };

    private static CustomMetricDefinition ToDefinition(CustomMetricEntity e) => new(
        e.Name,
        CustomMetricTypes.TryParse(e.Type, out var type) ? type : throw new InvalidDataException($"custom_metrics row '{e.Name}' has unknown type '{e.Type}'."),
        e.Help,
        JsonSerializer.Deserialize<List<string>>(e.LabelNamesJson, Json) ?? [],
        e.BucketsJson is null ? null : JsonSerializer.Deserialize<List<double>>(e.BucketsJson, Json),
        new DateTimeOffset(e.CreatedAt, TimeSpan.Zero),
        e.CreatedBy);
}

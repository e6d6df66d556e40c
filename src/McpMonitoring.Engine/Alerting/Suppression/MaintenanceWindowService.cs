using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>
/// Maintenance window CRUD: validated, committed with its audit record, applied to the in-memory list that
/// <see cref="MaintenanceSuppression"/> reads, then announced on the event stream.
/// </summary>
public sealed partial class MaintenanceWindowService(
    IDbContextFactory<MonitoringDbContext> contexts,
    AuditLog audit,
    MonitoringEventStream events,
    TimeProvider time,
    ILogger<MaintenanceWindowService> logger)
{
    public const int MaxOccurrences = 100;
    private readonly SemaphoreSlim _mutations = new(1, 1);
    private ImmutableArray<MaintenanceWindow> _windows = [];

    public ImmutableArray<MaintenanceWindow> Windows => _windows;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.MaintenanceWindows.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var windows = new List<MaintenanceWindow>();
        foreach (var row in rows)
        {
            try
            {
                windows.Add(ToModel(row));
            }
            catch (Exception ex) when (ex is FormatException or JsonException or TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                // A zone the host no longer knows must not stop the console; the window is listed as unreadable in the log.
                logger.LogError(ex, "Stored maintenance window {Id} could not be read and is skipped", row.Id);
            }
        }

        _windows = [.. windows];
    }

    public MaintenanceWindow? Find(string id) => _windows.FirstOrDefault(w => w.Id == id);

    /// <summary>Windows ordered open first, then by name; <paramref name="activeOnly"/> keeps the open ones.</summary>
    public Page<MaintenanceWindowView> List(bool activeOnly, int offset, int limit)
    {
        var now = time.GetUtcNow();
        var views = _windows.Select(w => w.ToView(now)).Where(v => !activeOnly || v.Active)
            .OrderByDescending(v => v.Active).ThenBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return new Page<MaintenanceWindowView>([.. views.Skip(offset).Take(limit)], views.Count, offset, limit);
    }

    public MaintenanceWindowView? Get(string id) => Find(id)?.ToView(time.GetUtcNow());

    /// <summary>The next <paramref name="count"/> occurrences that have not ended (the open one first), or null for an unknown id.</summary>
    public IReadOnlyList<MaintenanceOccurrenceView>? Occurrences(string id, int count)
    {
        if (Find(id) is not { } window)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return [.. window.Schedule.From(now).Take(Math.Clamp(count, 1, MaxOccurrences)).Select(o => MaintenanceOccurrenceView.Of(o, window.Schedule.Zone, now))];
    }

    public async Task<ConfigMutation<MaintenanceWindowView>> CreateAsync(MaintenanceWindowInput input, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var window = Build(input, Guid.NewGuid().ToString(), actor, now, errors);
        if (window is null)
        {
            return ConfigMutation<MaintenanceWindowView>.Invalid(errors);
        }

        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.MaintenanceWindows.Add(ToEntity(window, new MaintenanceWindowEntity { Id = window.Id, Name = "", CreatedBy = "", MatchersJson = "", TargetsJson = "", CreatedAt = now.UtcDateTime }, now));
            audit.Stage(db, new AuditRecord(actor, "create", SuppressionSubjects.MaintenanceWindow, window.Id, Describe(window)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            ImmutableInterlocked.Update(ref _windows, static (list, w) => list.Add(w), window);
        }
        finally
        {
            _mutations.Release();
        }

        events.Publish(new AlertConfigurationChanged(SuppressionSubjects.MaintenanceWindow, window.Id, ConfigurationChange.Added, actor, now));
        return new ConfigMutation<MaintenanceWindowView>(ConfigMutationOutcome.Created, window.ToView(now));
    }

    public async Task<ConfigMutation<MaintenanceWindowView>> UpdateAsync(string id, MaintenanceWindowInput input, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        MaintenanceWindow window;
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entity = await db.MaintenanceWindows.SingleOrDefaultAsync(w => w.Id == id, cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return ConfigMutation<MaintenanceWindowView>.NotFound;
            }

            var errors = new Dictionary<string, string[]>();
            if (Build(input, id, actor, now, errors) is not { } built)
            {
                return ConfigMutation<MaintenanceWindowView>.Invalid(errors);
            }

            window = built;
            var before = Find(id) is { } previous ? Describe(previous) : "(unreadable)";
            ToEntity(window, entity, now);
            audit.Stage(db, new AuditRecord(actor, "update", SuppressionSubjects.MaintenanceWindow, id, $"{before} -> {Describe(window)}"));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            ImmutableInterlocked.Update(ref _windows, static (list, w) => [.. list.Where(x => x.Id != w.Id), w], window);
        }
        finally
        {
            _mutations.Release();
        }

        events.Publish(new AlertConfigurationChanged(SuppressionSubjects.MaintenanceWindow, id, ConfigurationChange.Updated, actor, now));
        return new ConfigMutation<MaintenanceWindowView>(ConfigMutationOutcome.Ok, window.ToView(now));
    }

    public async Task<ConfigMutation<MaintenanceWindowView>> DeleteAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entity = await db.MaintenanceWindows.SingleOrDefaultAsync(w => w.Id == id, cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return ConfigMutation<MaintenanceWindowView>.NotFound;
            }

            db.MaintenanceWindows.Remove(entity);
            audit.Stage(db, new AuditRecord(actor, "delete", SuppressionSubjects.MaintenanceWindow, id, Find(id) is { } w ? Describe(w) : entity.Name));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            ImmutableInterlocked.Update(ref _windows, static (list, id) => list.RemoveAll(x => x.Id == id), id);
        }
        finally
        {
            _mutations.Release();
        }

        events.Publish(new AlertConfigurationChanged(SuppressionSubjects.MaintenanceWindow, id, ConfigurationChange.Removed, actor, now));
        return new ConfigMutation<MaintenanceWindowView>(ConfigMutationOutcome.Ok);
    }

    private static MaintenanceWindow ToModel(MaintenanceWindowEntity e)
    {
        var schedule = e.Cron is { } cron
            ? MaintenanceSchedule.Recurring(cron, TimeSpan.FromSeconds(e.DurationSeconds ?? 0), TimeZoneInfo.FindSystemTimeZoneById(e.TimeZone ?? "UTC"))
            : MaintenanceSchedule.OneOff(new DateTimeOffset(e.StartsAt!.Value, TimeSpan.Zero), new DateTimeOffset(e.EndsAt!.Value, TimeSpan.Zero));
        return new MaintenanceWindow(
            e.Id,
            e.Name,
            e.Comment,
            e.CreatedBy,
            SilenceService.DeserializeMatchers(e.MatchersJson),
            JsonSerializer.Deserialize<List<string>>(e.TargetsJson) ?? [],
            schedule,
            new DateTimeOffset(e.UpdatedAt, TimeSpan.Zero));
    }

    private static MaintenanceWindowEntity ToEntity(MaintenanceWindow w, MaintenanceWindowEntity e, DateTimeOffset now)
    {
        e.Name = w.Name;
        e.Comment = w.Comment;
        e.CreatedBy = w.CreatedBy;
        e.MatchersJson = SilenceService.SerializeMatchers(w.Matchers);
        e.TargetsJson = JsonSerializer.Serialize(w.Targets);
        e.StartsAt = w.Schedule.StartsAt?.UtcDateTime;
        e.EndsAt = w.Schedule.EndsAt?.UtcDateTime;
        e.Cron = w.Schedule.CronText;
        e.DurationSeconds = w.Schedule.IsRecurring ? (long)w.Schedule.Duration.TotalSeconds : null;
        e.TimeZone = w.Schedule.IsRecurring ? w.Schedule.Zone.Id : null;
        e.UpdatedAt = now.UtcDateTime;
        return e;
    }

    private static string Describe(MaintenanceWindow w)
    {
        var scope = string.Join(", ", [.. w.Matchers.Select(m => m.ToString()), .. w.Targets.Select(t => $"target {t}")]);
        var when = w.Schedule.IsRecurring
            ? $"cron '{w.Schedule.CronText}' for {Configuration.Duration.Format(w.Schedule.Duration)} in {w.Schedule.Zone.Id}"
            : $"{w.Schedule.StartsAt:u}..{w.Schedule.EndsAt:u}";
        return $"'{w.Name}' [{scope}] {when}";
    }
}

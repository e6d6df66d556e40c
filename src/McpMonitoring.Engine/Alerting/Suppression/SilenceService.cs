using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>
/// Silences with Alertmanager's rules: validated, committed to SQLite together with their audit record, then
/// applied to the in-memory set that <see cref="SilenceSuppression"/> reads (evaluation never touches the database),
/// then announced with <see cref="AlertConfigurationChanged"/> so alerts are re-evaluated and pages refresh.
/// </summary>
public sealed partial class SilenceService(
    IDbContextFactory<MonitoringDbContext> contexts,
    AuditLog audit,
    MonitoringEventStream events,
    TimeProvider time,
    IOptions<SuppressionOptions> options)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _mutations = new(1, 1);
    private ImmutableArray<Silence> _live = [];

    /// <summary>Silences that were not expired when last loaded or changed; callers check the state at their own time.</summary>
    public ImmutableArray<Silence> Live => _live;

    /// <summary>Prunes silences expired past the retention and loads the others. Called once at start-up.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = (now - options.Value.ExpiredSilenceRetention).UtcDateTime;
        await db.Silences.Where(s => s.EndsAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var nowUtc = now.UtcDateTime;
        var rows = await db.Silences.AsNoTracking().Where(s => s.EndsAt > nowUtc).ToListAsync(cancellationToken).ConfigureAwait(false);
        _live = [.. rows.Select(ToModel)];
    }

    public async Task<SilenceView?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.Silences.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToModel(row).ToView(time.GetUtcNow());
    }

    /// <summary>Silences in <paramref name="state"/> (all when null): active and pending ones ending soonest first, expired ones most recent first.</summary>
    public async Task<Page<SilenceView>> ListAsync(SilenceState? state, int offset, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Silences.AsNoTracking();
        query = state switch
        {
            SilenceState.Active => query.Where(s => s.StartsAt <= nowUtc && s.EndsAt > nowUtc).OrderBy(s => s.EndsAt),
            SilenceState.Pending => query.Where(s => s.StartsAt > nowUtc).OrderBy(s => s.StartsAt),
            SilenceState.Expired => query.Where(s => s.EndsAt <= nowUtc).OrderByDescending(s => s.EndsAt),
            // Not expired first, then the most recently changed.
            _ => query.OrderBy(s => s.EndsAt <= nowUtc).ThenByDescending(s => s.UpdatedAt),
        };
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await query.Skip(offset).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<SilenceView>([.. rows.Select(r => ToModel(r).ToView(now))], total, offset, limit);
    }

    public async Task<ConfigMutation<SilenceView>> CreateAsync(SilenceInput input, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var silence = Build(input, actor, now, existing: null, errors) with { Id = Guid.NewGuid().ToString() };
        if (errors.Count > 0)
        {
            return ConfigMutation<SilenceView>.Invalid(errors);
        }

        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                db.Silences.Add(ToEntity(silence, now));
                audit.Stage(db, new AuditRecord(actor, "create", SuppressionSubjects.Silence, silence.Id, Describe(silence)));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            Apply(silence, now);
        }
        finally
        {
            _mutations.Release();
        }

        events.Publish(new AlertConfigurationChanged(SuppressionSubjects.Silence, silence.Id, ConfigurationChange.Added, actor, now));
        return new ConfigMutation<SilenceView>(ConfigMutationOutcome.Created, silence.ToView(now));
    }

    /// <summary>
    /// Edits in place (Alertmanager would replace the silence with a new id when its matchers change; here the id
    /// stays and the audit log keeps the previous version). An expired silence cannot be edited, an active one
    /// cannot move its start.
    /// </summary>
    public async Task<ConfigMutation<SilenceView>> UpdateAsync(string id, SilenceInput input, string actor, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        Silence updated;
        var now = time.GetUtcNow();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entity = await db.Silences.SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return ConfigMutation<SilenceView>.NotFound;
            }

            var existing = ToModel(entity);
            if (existing.StateAt(now) == SilenceState.Expired)
            {
                return ConfigMutation<SilenceView>.Conflict($"silence '{id}' has expired and cannot be edited; create a new silence instead.");
            }

            var errors = new Dictionary<string, string[]>();
            updated = Build(input, actor, now, existing, errors) with { Id = id };
            if (errors.Count > 0)
            {
                return ConfigMutation<SilenceView>.Invalid(errors);
            }

            var before = Describe(existing);
            entity.MatchersJson = SerializeMatchers(updated.Matchers);
            entity.StartsAt = updated.StartsAt.UtcDateTime;
            entity.EndsAt = updated.EndsAt.UtcDateTime;
            entity.CreatedBy = updated.CreatedBy;
            entity.Comment = updated.Comment;
            entity.UpdatedAt = now.UtcDateTime;
            audit.Stage(db, new AuditRecord(actor, "update", SuppressionSubjects.Silence, id, $"{before} -> {Describe(updated)}"));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Apply(updated, now);
        }
        finally
        {
            _mutations.Release();
        }

        events.Publish(new AlertConfigurationChanged(SuppressionSubjects.Silence, id, ConfigurationChange.Updated, actor, now));
        return new ConfigMutation<SilenceView>(ConfigMutationOutcome.Ok, updated.ToView(now));
    }

    /// <summary>Ends a silence now (Alertmanager's DELETE). Expiring an expired silence is a no-op that still answers Ok.</summary>
    public async Task<ConfigMutation<SilenceView>> ExpireAsync(string id, string actor, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        Silence expired;
        var now = time.GetUtcNow();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entity = await db.Silences.SingleOrDefaultAsync(s => s.Id == id, cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return ConfigMutation<SilenceView>.NotFound;
            }

            var existing = ToModel(entity);
            if (existing.StateAt(now) == SilenceState.Expired)
            {
                return new ConfigMutation<SilenceView>(ConfigMutationOutcome.Ok, existing.ToView(now));
            }

            // A pending silence never started: it ends where it would have begun, so it never counts as active.
            var end = existing.StartsAt > now ? existing.StartsAt : now;
            expired = existing with { EndsAt = end, UpdatedAt = now };
            entity.EndsAt = end.UtcDateTime;
            entity.UpdatedAt = now.UtcDateTime;
            audit.Stage(db, new AuditRecord(actor, "expire", SuppressionSubjects.Silence, id, Describe(existing)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Apply(expired, now);
        }
        finally
        {
            _mutations.Release();
        }

        events.Publish(new AlertConfigurationChanged(SuppressionSubjects.Silence, id, ConfigurationChange.Removed, actor, now));
        return new ConfigMutation<SilenceView>(ConfigMutationOutcome.Ok, expired.ToView(now));
    }

    private void Apply(Silence silence, DateTimeOffset now) => ImmutableInterlocked.Update(ref _live, static (list, arg) =>
    {
        var (silence, now) = arg;
        var kept = list.RemoveAll(s => s.Id == silence.Id || s.StateAt(now) == SilenceState.Expired);
        return silence.StateAt(now) == SilenceState.Expired ? kept : kept.Add(silence);
    }, (silence, now));

    internal static string SerializeMatchers(IReadOnlyList<Matcher> matchers) =>
        JsonSerializer.Serialize(matchers.Select(MatcherSpec.From), Json);

    internal static IReadOnlyList<Matcher> DeserializeMatchers(string json) =>
        [.. (JsonSerializer.Deserialize<List<MatcherSpec>>(json, Json) ?? []).Select(m => m.ToMatcher())];

    private static Silence ToModel(SilenceEntity e) => new(
        e.Id,
        DeserializeMatchers(e.MatchersJson),
        new DateTimeOffset(e.StartsAt, TimeSpan.Zero),
        new DateTimeOffset(e.EndsAt, TimeSpan.Zero),
        e.CreatedBy,
        e.Comment,
        new DateTimeOffset(e.UpdatedAt, TimeSpan.Zero));

    private static SilenceEntity ToEntity(Silence s, DateTimeOffset now) => new()
    {
        Id = s.Id,
        MatchersJson = SerializeMatchers(s.Matchers),
        StartsAt = s.StartsAt.UtcDateTime,
        EndsAt = s.EndsAt.UtcDateTime,
        CreatedBy = s.CreatedBy,
        Comment = s.Comment,
        CreatedAt = now.UtcDateTime,
        UpdatedAt = now.UtcDateTime,
    };

    private static string Describe(Silence s) =>
        $"{{{string.Join(", ", s.Matchers)}}} {s.StartsAt:u}..{s.EndsAt:u} by {s.CreatedBy}: {s.Comment}";
}

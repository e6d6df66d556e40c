using Microsoft.EntityFrameworkCore;
using McpMonitoring.Engine.Storage;

namespace McpMonitoring.Engine.Audit;

/// <summary>
/// Who changed what, kept in the <c>audit_log</c> table. Record a change in the same transaction as the change
/// itself with <see cref="Stage"/> (the caller's SaveChanges commits both or neither); use
/// <see cref="RecordAsync"/> when there is no transaction to join.
/// </summary>
/// <remarks>A singleton; every call opens its own short-lived context, so it is safe from any thread.</remarks>
public sealed class AuditLog(IDbContextFactory<MonitoringDbContext> contexts, TimeProvider time)
{
    public const int MaxActorLength = 128;

    /// <summary>Adds the record to <paramref name="db"/>'s unit of work without saving it.</summary>
    public void Stage(MonitoringDbContext db, AuditRecord record) => db.AuditLog.Add(ToEntity(record));

    /// <summary>Writes the record in its own transaction.</summary>
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        Stage(db, record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries matching <paramref name="filter"/>, newest first.</summary>
    public async Task<Page<AuditEntry>> GetAsync(AuditFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.AuditLog.AsNoTracking();
        if (filter.SubjectKind is { } kind)
        {
            query = query.Where(e => e.SubjectKind == kind);
        }

        if (filter.SubjectId is { } id)
        {
            query = query.Where(e => e.SubjectId == id);
        }

        if (filter.Actor is { } actor)
        {
            query = query.Where(e => e.Actor == actor);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var rows = await query.OrderByDescending(e => e.Id).Skip(offset).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new Page<AuditEntry>(
            [.. rows.Select(r => new AuditEntry(r.Id, new DateTimeOffset(r.At, TimeSpan.Zero), r.Actor, r.Action, r.SubjectKind, r.SubjectId, r.Detail))],
            total, offset, limit);
    }

    /// <summary>Deletes entries older than <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var cutoff = before.UtcDateTime;
        return await db.AuditLog.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private AuditEntity ToEntity(AuditRecord record) => new()
    {
        At = time.GetUtcNow().UtcDateTime,
        Actor = Truncate(record.Actor, MaxActorLength),
        Action = Truncate(record.Action, 64),
        SubjectKind = Truncate(record.SubjectKind, 64),
        SubjectId = Truncate(record.SubjectId, 256),
        Detail = record.Detail,
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}

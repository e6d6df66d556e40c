using Microsoft.EntityFrameworkCore;
using McpMonitoring.Engine.Storage;

namespace McpMonitoring.Engine.Notifications;

/// <summary>The durable outbox: rows are written before anyone is told, and leave "pending" only when delivered or dead.</summary>
public sealed class NotificationOutbox(IDbContextFactory<MonitoringDbContext> contexts)
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Dead = "dead";

    public async Task AddAsync(IReadOnlyList<NotificationEntity> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Notifications.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pending rows whose next attempt is due, oldest first.</summary>
    public async Task<List<NotificationEntity>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.State == Pending && n.NextAttemptAtMs <= nowMs)
            .OrderBy(n => n.NextAttemptAtMs).ThenBy(n => n.Id)
            .Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task UpdateAsync(NotificationEntity row, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.Notifications.Where(n => n.Id == row.Id).ExecuteUpdateAsync(u => u
            .SetProperty(n => n.State, row.State)
            .SetProperty(n => n.Attempts, row.Attempts)
            .SetProperty(n => n.NextAttemptAtMs, row.NextAttemptAtMs)
            .SetProperty(n => n.LastAttemptAtMs, row.LastAttemptAtMs)
            .SetProperty(n => n.SentAtMs, row.SentAtMs)
            .SetProperty(n => n.LastError, row.LastError), cancellationToken).ConfigureAwait(false);
    }

    public async Task<NotificationEntity?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Newest first, filtered by state and receiver.</summary>
    public async Task<(int Total, List<NotificationEntity> Items)> QueryAsync(string? state, string? receiver, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Notifications.AsNoTracking();
        if (state is not null)
        {
            query = query.Where(n => n.State == state);
        }

        if (receiver is not null)
        {
            query = query.Where(n => n.Receiver == receiver);
        }

        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = await query.OrderByDescending(n => n.CreatedAtMs).ThenByDescending(n => n.Id)
            .Skip(offset).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        return (total, items);
    }

    public async Task<List<string>> EscalationKeysSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var sinceMs = since.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Notifications.AsNoTracking()
            .Where(n => n.DedupKey != null && n.CreatedAtMs >= sinceMs)
            .Select(n => n.DedupKey!).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Retention: delivered rows after a while, dead ones after longer (operators look at those).</summary>
    public async Task<int> PruneAsync(DateTimeOffset sentBefore, DateTimeOffset deadBefore, CancellationToken cancellationToken)
    {
        var sentMs = sentBefore.ToUnixTimeMilliseconds();
        var deadMs = deadBefore.ToUnixTimeMilliseconds();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Notifications
            .Where(n => (n.State == Sent && n.CreatedAtMs < sentMs) || (n.State == Dead && n.CreatedAtMs < deadMs))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}

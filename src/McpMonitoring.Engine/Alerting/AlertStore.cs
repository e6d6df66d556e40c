using System.Data.Common;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using McpMonitoring.Engine.Storage;

namespace McpMonitoring.Engine.Alerting;

/// <summary>
/// Durable alert state by group commit: callers queue row images and timeline entries and await one
/// task that completes when the transaction holding them has committed. Many concurrent API calls (an
/// Alertmanager sender posting batches) share one transaction, so a 2xx always means durable without
/// one fsync per alert.
/// </summary>
public sealed class AlertStore(IDbContextFactory<MonitoringDbContext> contexts, ILogger<AlertStore> logger) : BackgroundService
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the writes; the task completes when they are committed (or faults when the commit failed).</summary>
    internal Task SaveAsync(IReadOnlyList<AlertEntity> alerts, IReadOnlyList<AlertEventEntity> events)
    {
        if (alerts.Count == 0 && events.Count == 0)
        {
            return Task.CompletedTask;
        }

        var write = new PendingWrite(alerts, events, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(write))
        {
            write.Done.SetException(new InvalidOperationException("The alert store is shutting down."));
        }

        return write.Done.Task;
    }

    internal async Task<List<AlertEntity>> LoadAsync(long resolvedSinceMs, int maxResolved, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var resolved = (int)Storage.AlertStateColumn.Resolved;
        var open = await db.Alerts.AsNoTracking().Where(a => a.State != resolved).ToListAsync(cancellationToken).ConfigureAwait(false);
        var recent = await db.Alerts.AsNoTracking().Where(a => a.State == resolved && a.ResolvedAtMs >= resolvedSinceMs)
            .OrderByDescending(a => a.ResolvedAtMs).Take(maxResolved).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. open, .. recent];
    }

    internal async Task<long> MaxIdAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Alerts.MaxAsync(a => (long?)a.Id, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    internal async Task<AlertEntity?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AlertEventEntity>> GetTimelineAsync(long alertId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.AlertEvents.AsNoTracking().Where(e => e.AlertId == alertId).OrderBy(e => e.Id)
            .Take(1000).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<PendingWrite>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (batch.Count < 500 && reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                await CommitAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Commit what callers are still waiting for before the process goes.
            _queue.Writer.TryComplete();
            while (reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using var upsert = CreateUpsert(connection, transaction);
            await using var insertEvent = CreateEventInsert(connection, transaction);
            // Later images of the same alert in one batch win: write only the last one.
            var latest = new Dictionary<long, AlertEntity>();
            foreach (var write in batch)
            {
                foreach (var alert in write.Alerts)
                {
                    latest[alert.Id] = alert;
                }
            }

            foreach (var alert in latest.Values)
            {
                Bind(upsert, alert);
                await upsert.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            foreach (var write in batch)
            {
                foreach (var entry in write.Events)
                {
                    insertEvent.Parameters[0].Value = entry.AlertId;
                    insertEvent.Parameters[1].Value = entry.AtMs;
                    insertEvent.Parameters[2].Value = entry.Kind;
                    insertEvent.Parameters[3].Value = entry.Actor;
                    insertEvent.Parameters[4].Value = (object?)entry.Comment ?? DBNull.Value;
                    await insertEvent.ExecuteNonQueryAsync().ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            foreach (var write in batch)
            {
                write.Done.TrySetResult();
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Committing {Count} alert writes failed", batch.Count);
            foreach (var write in batch)
            {
                write.Done.TrySetException(ex);
            }
        }
    }

    private static readonly string[] Columns =
    [
        "id", "fingerprint", "name", "severity", "state", "labels_json", "annotations_json", "source", "starts_at_ms",
        "firing_since_ms", "last_received_ms", "ends_at_ms", "resolved_at_ms", "resolved_by", "ack_by", "ack_at_ms",
        "ack_comment", "snooze_until_ms", "occurrences", "for_ms", "generator_url",
    ];

    private static DbCommand CreateUpsert(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var updates = string.Join(", ", Columns.Skip(1).Select(c => $"{c} = excluded.{c}"));
        command.CommandText =
            $"INSERT INTO alerts ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"@p{i}"))}) " +
            $"ON CONFLICT (id) DO UPDATE SET {updates}";
        for (var i = 0; i < Columns.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Bind(DbCommand command, AlertEntity a)
    {
        object?[] values =
        [
            a.Id, a.Fingerprint, a.Name, a.Severity, a.State, a.LabelsJson, a.AnnotationsJson, a.Source, a.StartsAtMs,
            a.FiringSinceMs, a.LastReceivedMs, a.EndsAtMs, a.ResolvedAtMs, a.ResolvedBy, a.AckBy, a.AckAtMs,
            a.AckComment, a.SnoozeUntilMs, a.Occurrences, a.ForMs, a.GeneratorUrl,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static DbCommand CreateEventInsert(DbConnection connection, DbTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO alert_events (alert_id, at_ms, kind, actor, comment) VALUES (@a, @t, @k, @u, @c)";
        foreach (var name in new[] { "@a", "@t", "@k", "@u", "@c" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private sealed record PendingWrite(IReadOnlyList<AlertEntity> Alerts, IReadOnlyList<AlertEventEntity> Events, TaskCompletionSource Done);
}

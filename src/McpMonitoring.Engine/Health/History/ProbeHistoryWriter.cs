using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Health.History;

/// <summary>
/// The one writer of probe history: drains <see cref="ProbeHistory"/> into one transaction per batch,
/// folds results into per-minute rollups, records status transitions, and prunes by retention.
/// </summary>
public sealed class ProbeHistoryWriter(
    ProbeHistory history,
    MonitoringEventStream events,
    IDbContextFactory<MonitoringDbContext> contexts,
    TimeProvider time,
    IOptions<MonitoringOptions> options,
    ILogger<ProbeHistoryWriter> logger) : BackgroundService
{
    private static readonly TimeSpan RollupFlushInterval = TimeSpan.FromSeconds(5);
    private readonly HistoryOptions _options = options.Value.History;
    private readonly Dictionary<string, int> _seriesIds = new(StringComparer.Ordinal);
    private readonly RollupAccumulator _rollups = new();
    private readonly List<PendingProbeResult> _batch = [];
    private long _lastRollupFlush;
    private long _lastPrune;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = events.Watch(EventTopics.Health);
        var changes = PersistStatusChangesAsync(watcher, stoppingToken);
        _lastRollupFlush = _lastPrune = time.GetTimestamp();
        var reader = history.Reader;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                tick.CancelAfter(RollupFlushInterval);
                try
                {
                    await reader.WaitToReadAsync(tick.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Periodic wake-up to flush rollups and prune even when nothing arrives.
                }

                // Let a batch gather: at 10k results/s, waking per result meant a transaction per handful of rows.
                if (reader.Count < _options.WriteBatchSize && _options.WriteInterval > TimeSpan.Zero)
                {
                    await Task.Delay(_options.WriteInterval, time, stoppingToken).ConfigureAwait(false);
                }

                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // Keep what is buffered: a restart must not lose the last minutes of history.
            await RunOnceAsync(CancellationToken.None, final: true).ConfigureAwait(false);
        }

        await changes.ConfigureAwait(false);
    }

    /// <summary>Writes what is buffered now; also flushes rollups and prunes when due. Used by tests and benchmarks.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken, bool final = false)
    {
        try
        {
            while (history.Reader.TryRead(out var item))
            {
                _batch.Add(item);
                if (_batch.Count >= _options.WriteBatchSize)
                {
                    await WriteBatchAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (_batch.Count > 0)
            {
                await WriteBatchAsync(cancellationToken).ConfigureAwait(false);
            }

            if (final || time.GetElapsedTime(_lastRollupFlush) >= RollupFlushInterval)
            {
                await FlushRollupsAsync(final, cancellationToken).ConfigureAwait(false);
                _lastRollupFlush = time.GetTimestamp();
            }

            if (!final && time.GetElapsedTime(_lastPrune) >= _options.MaintenanceInterval)
            {
                await PruneAsync(cancellationToken).ConfigureAwait(false);
                _lastPrune = time.GetTimestamp();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A database hiccup costs this batch, never the writer loop or the probes.
            logger.LogError(ex, "Writing probe history failed; {Count} results discarded", _batch.Count);
            _batch.Clear();
        }
    }

    private async Task WriteBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureSeriesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (_options.PersistRawResults)
        {
            await SqlBatch.InsertRowsAsync(
                connection,
                transaction,
                "INSERT INTO probe_results (series_id, at_ms, success, latency_ms)",
                "",
                _batch,
                (item, sql) => sql.Append(
                    CultureInfo.InvariantCulture,
                    $"{_seriesIds[item.Target]},{item.AtMs},{(item.Success ? "TRUE" : "FALSE")},{item.LatencyMs}"),
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        lock (_rollups)
        {
            foreach (var item in _batch)
            {
                _rollups.Add(_seriesIds[item.Target], item.AtMs, item.Success, item.LatencyMs);
            }
        }

        _batch.Clear();
    }

    private async Task EnsureSeriesAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var item in _batch)
        {
            if (_seriesIds.ContainsKey(item.Target))
            {
                continue;
            }

            await using var upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText =
                "INSERT INTO history_series (\"TargetName\") VALUES (@n) ON CONFLICT (\"TargetName\") DO NOTHING; " +
                "SELECT \"Id\" FROM history_series WHERE \"TargetName\" = @n";
            SqlBatch.AddParameter(upsert, "@n", DbType.String).Value = item.Target;
            _seriesIds[item.Target] = Convert.ToInt32(await upsert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private async Task FlushRollupsAsync(bool all, CancellationToken cancellationToken)
    {
        Dictionary<(int SeriesId, long BucketMs), RollupAccumulator.Rollup> buckets;
        lock (_rollups)
        {
            // Only finished minutes, except at shutdown: flushing the current minute every few seconds wrote
            // one upsert per target per flush, as many rows as the raw results of a 100k fleet.
            buckets = all ? _rollups.TakeAll() : _rollups.TakeCompleted(time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        if (buckets.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Merging upsert: a minute flushed in parts (shutdown and restart within a minute) adds up.
        await SqlBatch.InsertRowsAsync(
            connection,
            transaction,
            "INSERT INTO probe_rollups (series_id, bucket_ms, count, failures, sum_latency_ms, min_latency_ms, max_latency_ms)",
            " ON CONFLICT (series_id, bucket_ms) DO UPDATE SET " +
            "count = probe_rollups.count + excluded.count, failures = probe_rollups.failures + excluded.failures, " +
            "sum_latency_ms = probe_rollups.sum_latency_ms + excluded.sum_latency_ms, " +
            "min_latency_ms = CASE WHEN excluded.min_latency_ms < probe_rollups.min_latency_ms THEN excluded.min_latency_ms ELSE probe_rollups.min_latency_ms END, " +
            "max_latency_ms = CASE WHEN excluded.max_latency_ms > probe_rollups.max_latency_ms THEN excluded.max_latency_ms ELSE probe_rollups.max_latency_ms END",
            [.. buckets],
            (bucket, sql) => sql.Append(
                CultureInfo.InvariantCulture,
                $"{bucket.Key.SeriesId},{bucket.Key.BucketMs},{bucket.Value.Count},{bucket.Value.Failures},{bucket.Value.Sum},{bucket.Value.Min},{bucket.Value.Max}"),
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rawCutoff = (now - _options.RawRetention).ToUnixTimeMilliseconds();
        var rollupCutoff = (now - _options.RollupRetention).ToUnixTimeMilliseconds();
        var changeCutoff = (now - _options.RollupRetention).UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.ProbeResults.Where(r => r.AtMs < rawCutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.ProbeRollups.Where(r => r.BucketMs < rollupCutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.StatusChanges.Where(c => c.At < changeCutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PersistStatusChangesAsync(MonitoringEventStream.EventWatcher watcher, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in watcher.ReadBatchesAsync(cancellationToken).ConfigureAwait(false))
            {
                var rows = batch.OfType<TargetStatusChanged>().Select(c => new StatusChangeEntity
                {
                    TargetName = c.Target,
                    At = c.At.UtcDateTime,
                    FromStatus = c.From.ToString(),
                    ToStatus = c.To.ToString(),
                    RootCause = c.RootCause,
                    Error = c.Error is { Length: > 2000 } e ? e[..2000] : c.Error,
                }).ToList();
                if (rows.Count == 0)
                {
                    continue;
                }

                try
                {
                    await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                    db.StatusChanges.AddRange(rows);
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Persisting {Count} status changes failed", rows.Count);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}

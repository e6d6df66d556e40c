using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Rollups;

/// <summary>
/// Persists downsampled buckets: every <see cref="MetricsOptions.RollupInterval"/>, once the bucket has closed and
/// late samples had time to arrive, the min, max, sum, count and last of each series (up to
/// <see cref="MetricsOptions.MaxRollupSeries"/>; the rest are counted) go to the database in one transaction.
/// At shutdown the open bucket is written too and completed by the next process (the upsert merges). Buckets older
/// than <see cref="MetricsOptions.RollupRetention"/> are pruned hourly.
/// </summary>
/// <remarks>
/// Which series are persisted when there are more than the budget: those already persisted keep their place while
/// they have samples; a series without samples for a whole bucket gives its place up. Buckets are computed from the
/// in-memory chunks, so a bucket older than the memory retention can no longer be rolled up and is skipped.
/// </remarks>
public sealed class MetricRollupService(
    TimeSeriesStore store,
    MetricRollupRepository repository,
    TimeProvider time,
    IOptions<MetricsOptions> options,
    ILogger<MetricRollupService> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);
    private readonly long _intervalMs = (long)options.Value.RollupInterval.TotalMilliseconds;
    private readonly long _retentionMs = (long)options.Value.RollupRetention.TotalMilliseconds;
    private readonly int _maxSeries = options.Value.MaxRollupSeries;
    private readonly Dictionary<LabelSet, Tracked> _tracked = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _nextBucketMs = -1;
    private long _lastPruneMs = -1;
    private long _run;
    private long _rowsWritten;
    private long _skipped;

    /// <summary>Scrape results carry the scrape's start time and arrive up to a scrape timeout later: wait that long after a bucket closes.</summary>
    public TimeSpan Grace => TimeSpan.FromMilliseconds(Math.Min(30_000, _intervalMs / 4));

    /// <summary>Series with a place among the persisted ones.</summary>
    public int TrackedSeries => _tracked.Count;

    /// <summary>Series left out of the last bucket because <see cref="MetricsOptions.MaxRollupSeries"/> was reached.</summary>
    public long SkippedSeries => Interlocked.Read(ref _skipped);

    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_maxSeries == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(_intervalMs / 10, 1_000, 60_000)), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            // The open bucket too: a restart must not leave a hole of up to one interval in long-range charts.
            await RunOnceAsync(CancellationToken.None, final: true).ConfigureAwait(false);
        }
    }

    /// <summary>Writes every bucket that is due (all started ones when <paramref name="final"/>), then prunes when due. Used by tests.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken, bool final = false)
    {
        if (_maxSeries == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            if (_nextBucketMs < 0)
            {
                // Nothing in memory is older than the store: earlier buckets belong to the previous process.
                _nextBucketMs = Floor(store.CreatedAtMs);
                _lastPruneMs = now;
            }

            _nextBucketMs = Math.Max(_nextBucketMs, Floor(now - (long)store.Retention.TotalMilliseconds));
            var graceMs = (long)Grace.TotalMilliseconds;
            while (_nextBucketMs + _intervalMs + graceMs <= now || (final && _nextBucketMs <= now))
            {
                await RollAsync(_nextBucketMs, cancellationToken).ConfigureAwait(false);
                _nextBucketMs += _intervalMs;
            }

            if (!final && now - _lastPruneMs >= PruneInterval.TotalMilliseconds)
            {
                var (rows, series) = await repository.PruneAsync(now - _retentionMs, cancellationToken).ConfigureAwait(false);
                if (series.Count > 0)
                {
                    var deleted = series.ToHashSet();
                    foreach (var entry in _tracked.Where(e => deleted.Contains(e.Value.DbId)).ToList())
                    {
                        _tracked.Remove(entry.Key);
                    }
                }

                logger.LogDebug("Metric rollups pruned: {Rows} buckets, {Series} series", rows, series.Count);
                _lastPruneMs = now;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The bucket is retried at the next tick (and skipped once memory no longer holds it).
            logger.LogError(ex, "Writing metric rollups failed");
        }
        finally
        {
            _gate.Release();
        }
    }

    private long Floor(long ms) => ms - (((ms % _intervalMs) + _intervalMs) % _intervalMs);

    private async Task RollAsync(long bucketMs, CancellationToken cancellationToken)
    {
        var run = ++_run;
        // A series without samples in the previous bucket gives its place up.
        foreach (var entry in _tracked.Where(e => e.Value.Seen < run - 1).ToList())
        {
            _tracked.Remove(entry.Key);
        }

        var end = bucketMs + _intervalMs;
        var rows = new List<MetricRollupRepository.Row>();
        var fresh = new List<(LabelSet Labels, SampleAggregate Aggregate)>();
        long skipped = 0;
        foreach (var series in store.AllSeries())
        {
            var known = _tracked.TryGetValue(series.Labels, out var tracked);
            if (!known && _tracked.Count + fresh.Count >= _maxSeries)
            {
                skipped++;
                continue;
            }

            if (!TimeSeriesStore.TryAggregate(series, bucketMs, end, out var aggregate) || !double.IsFinite(aggregate.Sum))
            {
                continue;
            }

            if (known)
            {
                tracked!.Seen = run;
                rows.Add(new MetricRollupRepository.Row(tracked.DbId, bucketMs, aggregate));
            }
            else
            {
                fresh.Add((series.Labels, aggregate));
            }
        }

        var ids = await repository.EnsureSeriesAsync([.. fresh.Select(f => f.Labels)], cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < fresh.Count; i++)
        {
            _tracked[fresh[i].Labels] = new Tracked { DbId = ids[i], Seen = run };
            rows.Add(new MetricRollupRepository.Row(ids[i], bucketMs, fresh[i].Aggregate));
        }

        await repository.WriteAsync(rows, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _rowsWritten, rows.Count);
        Interlocked.Exchange(ref _skipped, skipped);
        if (skipped > 0)
        {
            logger.LogDebug("Metric rollups: {Skipped} series beyond Metrics:MaxRollupSeries ({Max}) not persisted", skipped, _maxSeries);
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    private sealed class Tracked
    {
        public int DbId;
        public long Seen;
    }
}


namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>Retention: chunks entirely older than the cutoff go, then series left without samples.</summary>
public sealed partial class TimeSeriesStore
{
    private const int RemovalBatch = 10_000;
    private readonly Lock _retentionGate = new();
    private long _dropped;

    /// <summary>Result of one retention pass.</summary>
    public readonly record struct RetentionResult(int ChunksDropped, long SamplesDropped, int SeriesDropped);

    /// <summary>
    /// Drops every chunk whose newest sample is older than now minus <see cref="MetricsOptions.Retention"/>, then the
    /// series left without samples (also a series created but never appended, at its second empty pass), and the
    /// metadata of metrics without series. Run by <see cref="MetricsRetentionService"/>; callable from tests.
    /// </summary>
    public RetentionResult ApplyRetention()
    {
        lock (_retentionGate)
        {
            var cutoff = _time.GetUtcNow().ToUnixTimeMilliseconds() - _retentionMs;
            var chunks = 0;
            long samples = 0;
            var candidates = new List<MemSeries>();
            foreach (var series in AllSeries())
            {
                lock (series)
                {
                    series.Head.DropSealedOlderThan(cutoff, out var oldChunks, out var oldSamples, out var oldBytes);
                    chunks += oldChunks;
                    samples += oldSamples;
                    _samples.Add(-oldSamples);
                    _chunkBytes.Add(-oldBytes);

                    if (IsExpired(series, cutoff))
                    {
                        candidates.Add(series);
                    }
                    else if (series.IsEmpty)
                    {
                        series.EmptyPasses++;
                    }
                }
            }

            var dropped = 0;
            for (var start = 0; start < candidates.Count; start += RemovalBatch)
            {
                dropped += Remove(candidates.GetRange(start, Math.Min(RemovalBatch, candidates.Count - start)), cutoff, ref chunks, ref samples);
            }

            foreach (var name in _metadata.Keys)
            {
                lock (_indexLock)
                {
                    if (!_metrics.ContainsKey(name))
                    {
                        _metadata.TryRemove(name, out _);
                    }
                }
            }

            Interlocked.Add(ref _dropped, dropped);
            return new RetentionResult(chunks, samples, dropped);
        }
    }

    /// <summary>No sealed chunk left and the head is older than the cutoff, or empty since the previous pass. Caller holds the series lock.</summary>
    private static bool IsExpired(MemSeries series, long cutoff) =>
        !series.HasSealedChunks && (series.Head.Count > 0 ? series.Head.LastT < cutoff : series.EmptyPasses > 0);

    private int Remove(List<MemSeries> candidates, long cutoff, ref int chunks, ref long samples)
    {
        var dead = new List<MemSeries>(candidates.Count);
        lock (_indexLock)
        {
            foreach (var series in candidates)
            {
                lock (series)
                {
                    // Checked again: an append may have arrived since the scan.
                    if (series.Dead || !IsExpired(series, cutoff))
                    {
                        continue;
                    }

                    series.Dead = true;
                    if (series.Head.Count > 0)
                    {
                        chunks++;
                        samples += series.Head.Count;
                        _samples.Add(-series.Head.Count);
                        _chunkBytes.Add(-series.Head.UsedBytes);
                        series.Head = default;
                    }

                    dead.Add(series);
                }
            }

            RemoveFromIndex(dead);
        }

        return dead.Count;
    }
}

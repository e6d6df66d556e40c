namespace McpMonitoring.Engine.Health.History;

/// <summary>Per-minute aggregates built in memory from results as they pass, flushed as an upsert that merges.</summary>
internal sealed class RollupAccumulator
{
    public const long BucketMs = 60_000;

    private Dictionary<(int SeriesId, long BucketMs), Rollup> _buckets = [];

    public int Count => _buckets.Count;

    public void Add(int seriesId, long atMs, bool success, float latencyMs)
    {
        var key = (seriesId, atMs - (atMs % BucketMs));
        if (!_buckets.TryGetValue(key, out var rollup))
        {
            _buckets[key] = rollup = new Rollup { Min = latencyMs, Max = latencyMs };
        }

        rollup.Count++;
        rollup.Failures += success ? 0 : 1;
        rollup.Sum += latencyMs;
        rollup.Min = Math.Min(rollup.Min, latencyMs);
        rollup.Max = Math.Max(rollup.Max, latencyMs);
    }

    /// <summary>
    /// Takes the buckets of minutes that ended before <paramref name="beforeMs"/>; the current minute keeps
    /// accumulating, so each (series, minute) is usually written once instead of once per flush.
    /// </summary>
    public Dictionary<(int SeriesId, long BucketMs), Rollup> TakeCompleted(long beforeMs)
    {
        var current = beforeMs - (beforeMs % BucketMs);
        Dictionary<(int SeriesId, long BucketMs), Rollup>? taken = null;
        foreach (var (key, rollup) in _buckets)
        {
            if (key.BucketMs < current)
            {
                (taken ??= []).Add(key, rollup);
            }
        }

        if (taken is null)
        {
            return [];
        }

        foreach (var key in taken.Keys)
        {
            _buckets.Remove(key);
        }

        return taken;
    }

    /// <summary>Takes everything accumulated so far and starts afresh.</summary>
    public Dictionary<(int SeriesId, long BucketMs), Rollup> TakeAll()
    {
        var taken = _buckets;
        _buckets = [];
        return taken;
    }

    internal sealed class Rollup
    {
        public int Count;
        public int Failures;
        public double Sum;
        public float Min;
        public float Max;
    }
}

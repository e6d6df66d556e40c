using McpMonitoring.Engine.Metrics.Storage.Chunks;

namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>Aggregates of one series over one interval: what a rollup row holds. Only finite values count.</summary>
internal readonly record struct SampleAggregate(double Min, double Max, double Sum, int Count, double Last);

/// <summary>Decoding for queries and rollups.</summary>
public sealed partial class TimeSeriesStore
{
    /// <summary>Samples in [fromMs, toMs], oldest first, optionally with staleness markers (queries need them to stop a lookback).</summary>
    internal static void ReadSamples(MemSeries series, long fromMs, long toMs, List<Sample> into, bool includeStaleMarkers)
    {
        // Decoded under the series lock: the head chunk changes with every append, and a chunk sealed meanwhile
        // must not be missed or read twice. A chunk of 120 samples decodes in about a microsecond.
        lock (series)
        {
            foreach (var chunk in SealedChunks.Enumerate(series.Head.Sealed))
            {
                if (ChunkFormat.MaxT(chunk) < fromMs)
                {
                    continue;
                }

                if (ChunkFormat.MinT(chunk) > toMs)
                {
                    return;
                }

                Decode(chunk, fromMs, toMs, into, includeStaleMarkers);
            }

            ref var head = ref series.Head;
            if (head.Count > 0 && head.LastT >= fromMs && head.MinT <= toMs)
            {
                Decode(head.Written, fromMs, toMs, into, includeStaleMarkers);
            }
        }
    }

    /// <summary>Min, max, sum, count and last of the finite samples in [fromMs, toMsExclusive); false when there are none.</summary>
    internal static bool TryAggregate(MemSeries series, long fromMs, long toMsExclusive, out SampleAggregate aggregate)
    {
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        var sum = 0.0;
        var count = 0;
        var last = 0.0;
        lock (series)
        {
            foreach (var chunk in SealedChunks.Enumerate(series.Head.Sealed))
            {
                Fold(chunk);
            }

            if (series.Head.Count > 0)
            {
                Fold(series.Head.Written);
            }
        }

        aggregate = new SampleAggregate(min, max, sum, count, last);
        return count > 0;

        void Fold(ReadOnlySpan<byte> chunk)
        {
            if (ChunkFormat.MaxT(chunk) < fromMs || ChunkFormat.MinT(chunk) >= toMsExclusive)
            {
                return;
            }

            var it = new XorIterator(chunk);
            while (it.Next())
            {
                if (it.T < fromMs)
                {
                    continue;
                }

                if (it.T >= toMsExclusive)
                {
                    break;
                }

                var value = it.Value;
                if (!double.IsFinite(value))
                {
                    continue;
                }

                min = Math.Min(min, value);
                max = Math.Max(max, value);
                sum += value;
                count++;
                last = value;
            }
        }
    }

    /// <summary>The oldest timestamp the series holds in memory, or null when it holds none.</summary>
    internal static long? FirstTimestamp(MemSeries series)
    {
        lock (series)
        {
            return series.FirstTimestamp;
        }
    }

    private static void Decode(ReadOnlySpan<byte> chunk, long fromMs, long toMs, List<Sample> into, bool includeStaleMarkers)
    {
        var it = new XorIterator(chunk);
        while (it.Next())
        {
            if (it.T < fromMs)
            {
                continue;
            }

            if (it.T > toMs)
            {
                return;
            }

            if (includeStaleMarkers || !StaleMarker.IsStale(it.Bits))
            {
                into.Add(new Sample(it.T, it.Value));
            }
        }
    }
}

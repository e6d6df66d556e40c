using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Storage.Chunks;

namespace McpMonitoring.Engine.Metrics.Storage;

public readonly record struct Sample(long TimestampMs, double Value);

/// <summary>A stored series as a query sees it.</summary>
public sealed record SeriesInfo(int Id, LabelSet Labels);

public sealed record StoreStats(int Series, long Samples, long ChunkBytes, long SeriesRejected, long OutOfOrderSamples)
{
    /// <summary>Compressed bytes per stored sample (chunk payload only).</summary>
    public double BytesPerSample => Samples == 0 ? 0 : (double)ChunkBytes / Samples;

    /// <summary>Appends and staleness markers addressed to an id whose series was dropped by retention (the caller must resolve the labels again).</summary>
    public long UnknownSeriesAppends { get; init; }

    /// <summary>Series dropped by retention since start (no sample left within <see cref="MetricsOptions.Retention"/>).</summary>
    public long SeriesDropped { get; init; }

    public int MaxSeries { get; init; }
}

/// <summary>What <see cref="TimeSeriesStore.TryAppend"/> did with a sample.</summary>
public enum AppendStatus
{
    Appended,

    /// <summary>Same timestamp and value as the last sample: nothing to do (a re-scrape of an explicit timestamp).</summary>
    Duplicate,

    /// <summary>Not after the series' last timestamp: dropped and counted.</summary>
    OutOfOrder,

    /// <summary>The id addresses no live series (dropped by retention, its slot may be reused): resolve the labels again.</summary>
    UnknownSeries,
}

/// <summary>
/// The in-memory time-series store: one append-only series per label set, samples compressed Gorilla-style
/// (delta-of-delta timestamps, XOR values) in chunks, bounded by <see cref="MetricsOptions.MaxSeries"/> and
/// <see cref="MetricsOptions.Retention"/>. Thread-safe: many scrapes append while queries read.
/// </summary>
/// <remarks>
/// Appends take only their series' lock (uncontended: one scraper appends a series at a time); the label index
/// has one lock, taken when a series is created or selected, never per sample. Ids are slot + generation
/// (<see cref="SeriesId"/>): an id of a series that retention dropped never addresses another series.
/// </remarks>
public sealed partial class TimeSeriesStore
{
    /// <summary>Prometheus' <c>--scrape.timestamp-tolerance</c> default (see <see cref="Append"/>).</summary>
    public const long TimestampToleranceMs = 2;

    /// <summary>Below this interval timestamps are kept as given: a 2 ms nudge matters at sub-second resolution.</summary>
    private const int MinAlignedIntervalMs = 1_000;

    private readonly int _samplesPerChunk;
    private readonly long _retentionMs;
    private readonly long _maxChunkSpanMs;
    private readonly TimeProvider _time;
    private readonly StripedCounter _samples = new();
    private readonly StripedCounter _chunkBytes = new();
    private readonly StripedCounter _outOfOrder = new();
    private readonly StripedCounter _unknownSeries = new();
    private readonly ConcurrentDictionary<string, (MetricType Type, string? Help)> _metadata = new(StringComparer.Ordinal);

    /// <summary>A store with default options on the system clock (tests and tools).</summary>
    public TimeSeriesStore()
        : this(Options.Create(new MetricsOptions()), TimeProvider.System)
    {
    }

    public TimeSeriesStore(IOptions<MetricsOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        _maxSeries = Math.Min(o.MaxSeries, SeriesId.MaxSlots);
        _samplesPerChunk = Math.Clamp(o.SamplesPerChunk, 2, ushort.MaxValue);
        _retentionMs = (long)o.Retention.TotalMilliseconds;
        // Chunks are also cut by time, so retention frees memory in steps of a quarter of itself, and every
        // delta inside a chunk fits the header's 32-bit span (a day at most).
        _maxChunkSpanMs = Math.Clamp(_retentionMs / 4, 1_000, (long)TimeSpan.FromDays(1).TotalMilliseconds);
        CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    /// <summary>When this store started (Unix ms): memory holds nothing from before it, so older ranges come from rollups.</summary>
    public long CreatedAtMs { get; }

    /// <summary>How long raw samples stay in memory.</summary>
    public TimeSpan Retention => TimeSpan.FromMilliseconds(_retentionMs);

    /// <summary>Raw data is complete from this time on (Unix ms): the later of the store's start and now minus retention.</summary>
    public long CompleteFromMs => Math.Max(CreatedAtMs, _time.GetUtcNow().ToUnixTimeMilliseconds() - _retentionMs);

    /// <summary>Appends a sample. A timestamp not after the series' last one is dropped and counted (equal timestamp with equal value is a silent no-op).</summary>
    /// <remarks>
    /// A timestamp within <see cref="TimestampToleranceMs"/> of the series' regular interval (intervals of a second or
    /// more, see <see cref="Align"/>) is stored on the interval, as Prometheus' scrape loop does: scrape jitter of a
    /// millisecond otherwise costs 2 bytes per sample in delta-of-delta encoding, more than most values.
    /// </remarks>
    public void Append(int seriesId, long timestampMs, double value) => TryAppend(seriesId, timestampMs, value);

    /// <summary>
    /// <see cref="Append"/> that says what happened; <see cref="AppendStatus.UnknownSeries"/> means the series was
    /// dropped (no sample within the retention), so a caller that caches ids must call <see cref="GetOrCreateSeries"/> again.
    /// </summary>
    public AppendStatus TryAppend(int seriesId, long timestampMs, double value)
        => AppendCore(seriesId, timestampMs, BitConverter.DoubleToUInt64Bits(value), staleMarker: false);

    /// <summary>Writes Prometheus' staleness marker: the series ended at this time (it vanished from its scrape, or the target went down).</summary>
    /// <remarks>Ignored for a series without samples, already stale, or with a sample at or after this time.</remarks>
    public void MarkStale(int seriesId, long timestampMs) => AppendCore(seriesId, timestampMs, StaleMarker.Bits, staleMarker: true);

    /// <summary>Records the family's TYPE/HELP for the metric explorer (last writer wins).</summary>
    public void SetMetadata(string metricName, MetricType type, string? help) => _metadata[metricName] = (type, help);

    public (MetricType Type, string? Help)? GetMetadata(string metricName)
        => _metadata.TryGetValue(metricName, out var metadata) ? metadata : null;

    /// <summary>The newest sample, unless the series is stale.</summary>
    public Sample? Latest(int seriesId)
    {
        if (Find(seriesId) is not { } series)
        {
            return null;
        }

        lock (series)
        {
            ref var head = ref series.Head;
            if (series.Dead || head.Count == 0 || StaleMarker.IsStale(head.LastBits))
            {
                return null;
            }

            return new Sample(head.LastT, BitConverter.UInt64BitsToDouble(head.LastBits));
        }
    }

    /// <summary>Appends the samples of a series in [fromMs, toMs] in time order; staleness markers are not returned.</summary>
    public void Read(int seriesId, long fromMs, long toMs, List<Sample> into)
    {
        if (Find(seriesId) is { } series)
        {
            ReadSamples(series, fromMs, toMs, into, includeStaleMarkers: false);
        }
    }

    public StoreStats GetStats() => new(
        Volatile.Read(ref _liveSeries),
        _samples.Value,
        _chunkBytes.Value,
        Interlocked.Read(ref _rejected),
        _outOfOrder.Value)
    {
        UnknownSeriesAppends = _unknownSeries.Value,
        SeriesDropped = Interlocked.Read(ref _dropped),
        MaxSeries = _maxSeries,
    };

    /// <summary>
    /// The scrape interval is the last delta rounded to 100 ms when that is within twice the tolerance of it (the
    /// previous sample may itself be late by the tolerance); a timestamp within the tolerance of last + interval is
    /// moved onto it. Scrapes start a millisecond or two after their tick, so from the third sample on a regular
    /// series lands on one grid.
    /// </summary>
    private static long Align(long t, long lastT, int lastDelta)
    {
        var interval = (lastDelta + 50) / 100 * 100;
        if (Math.Abs(interval - lastDelta) > 2 * TimestampToleranceMs)
        {
            return t;
        }

        var expected = lastT + interval;
        return Math.Abs(t - expected) <= TimestampToleranceMs ? expected : t;
    }

    /// <summary>How often retention runs (<see cref="MetricsRetentionService"/>): a tenth of the retention, between 1 and 5 minutes.</summary>
    public TimeSpan RetentionPassInterval => TimeSpan.FromMilliseconds(Math.Clamp(_retentionMs / 10, 60_000, 300_000));

    /// <summary>
    /// What a series will hold once retention runs, estimated from its first chunk: the samples of a retention
    /// period, a chunk and a retention pass at its interval, at the first chunk's bytes per sample (capped at 32 KB;
    /// retention gives back what was guessed too large, appends grow what was too small).
    /// </summary>
    private int ExpectedBytes(int chunkBytes, int samples, int intervalMs)
    {
        if (samples < 2 || intervalMs <= 0)
        {
            return 0;
        }

        var inMemory = (_retentionMs + _maxChunkSpanMs + (long)RetentionPassInterval.TotalMilliseconds) / intervalMs;
        var perChunk = Math.Max(1, Math.Min(samples, _samplesPerChunk));
        var bytes = inMemory * (chunkBytes + 2) / perChunk;
        return (int)Math.Min(bytes + (bytes / 16) + 64, 32 * 1024);
    }

    /// <summary>
    /// Samples per chunk; a series' first chunk is cut early, at a point between half and all of it picked by the
    /// id, so that series created together (a fleet starting) do not all seal and drop chunks in the same scrape:
    /// a million series re-allocating at once showed as half a gigabyte of garbage in one go.
    /// </summary>
    private int ChunkLimit(MemSeries series)
    {
        if (series.HasSealedChunks)
        {
            return _samplesPerChunk;
        }

        var half = _samplesPerChunk / 2;
        return half + (int)(((uint)series.Id * 2654435761u) % (uint)Math.Max(1, _samplesPerChunk - half));
    }

    private AppendStatus AppendCore(int seriesId, long t, ulong bits, bool staleMarker)
    {
        if (Find(seriesId) is not { } series)
        {
            _unknownSeries.Add(1);
            return AppendStatus.UnknownSeries;
        }

        lock (series)
        {
            if (series.Dead)
            {
                _unknownSeries.Add(1);
                return AppendStatus.UnknownSeries;
            }

            ref var head = ref series.Head;
            if (head.Count > 0)
            {
                if (head.Count >= 2 && head.TDelta >= MinAlignedIntervalMs)
                {
                    t = Align(t, head.LastT, head.TDelta);
                }

                if (t <= head.LastT || (staleMarker && StaleMarker.IsStale(head.LastBits)))
                {
                    if (staleMarker || (t == head.LastT && bits == head.LastBits))
                    {
                        return AppendStatus.Duplicate;
                    }

                    _outOfOrder.Add(1);
                    return AppendStatus.OutOfOrder;
                }

                if (head.Count >= ChunkLimit(series) || t - head.MinT > _maxChunkSpanMs || head.UsedBytes + ChunkFormat.MaxSampleBytes > SealedChunks.MaxChunkBytes)
                {
                    head.Seal(series.HasSealedChunks ? 0 : ExpectedBytes(head.UsedBytes, head.Count, head.TDelta));
                }
            }
            else if (staleMarker)
            {
                return AppendStatus.Duplicate;
            }

            var before = head.UsedBytes;
            if (head.Count == 0)
            {
                head.Start(t, bits);
            }
            else
            {
                head.Append(t, bits);
            }

            series.EmptyPasses = 0;
            _samples.Add(1);
            _chunkBytes.Add(head.UsedBytes - before);
            return AppendStatus.Appended;
        }
    }
}

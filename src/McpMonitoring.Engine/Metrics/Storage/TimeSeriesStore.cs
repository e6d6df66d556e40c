using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Metrics.Exposition;

namespace McpMonitoring.Engine.Metrics.Storage;

public readonly record struct Sample(long TimestampMs, double Value);

/// <summary>A stored series as a query sees it.</summary>
public sealed record SeriesInfo(int Id, LabelSet Labels);

public sealed record StoreStats(int Series, long Samples, long ChunkBytes, long SeriesRejected, long OutOfOrderSamples)
{
    /// <summary>Compressed bytes per stored sample (chunk payload only).</summary>
    public double BytesPerSample => Samples == 0 ? 0 : (double)ChunkBytes / Samples;
}

/// <summary>
/// The in-memory time-series store: one append-only series per label set, samples compressed Gorilla-style
/// (delta-of-delta timestamps, XOR values) in chunks, bounded by <see cref="MetricsOptions.MaxSeries"/> and
/// <see cref="MetricsOptions.Retention"/>. Thread-safe: many scrapes append while queries read.
/// </summary>
public sealed class TimeSeriesStore
{
    /// <summary>Id of the series with these labels, created if new; -1 when the series limit is reached (counted).</summary>
    public int GetOrCreateSeries(LabelSet labels) => throw new NotImplementedException("contract stub");

    /// <summary>Appends a sample. A timestamp not after the series' last one is dropped and counted (equal timestamp with equal value is a silent no-op).</summary>
    public void Append(int seriesId, long timestampMs, double value) => throw new NotImplementedException("contract stub");

    /// <summary>Records the family's TYPE/HELP for the metric explorer (last writer wins).</summary>
    public void SetMetadata(string metricName, MetricType type, string? help) => throw new NotImplementedException("contract stub");

    public (MetricType Type, string? Help)? GetMetadata(string metricName) => throw new NotImplementedException("contract stub");

    /// <summary>Writes Prometheus' staleness marker: the series ended at this time (it vanished from its scrape, or the target went down).</summary>
    public void MarkStale(int seriesId, long timestampMs) => throw new NotImplementedException("contract stub");

    /// <summary>The series of a metric that satisfy every matcher (an absent label matches as empty, as in Prometheus).</summary>
    public IReadOnlyList<SeriesInfo> Select(string metricName, IReadOnlyList<Matcher> matchers) => throw new NotImplementedException("contract stub");

    /// <summary>Appends the samples of a series in [fromMs, toMs] in time order; staleness markers are not returned.</summary>
    public void Read(int seriesId, long fromMs, long toMs, List<Sample> into) => throw new NotImplementedException("contract stub");

    /// <summary>The newest sample, unless the series is stale.</summary>
    public Sample? Latest(int seriesId) => throw new NotImplementedException("contract stub");

    public IReadOnlyList<string> MetricNames() => throw new NotImplementedException("contract stub");

    public IReadOnlyList<string> LabelNames(string metricName) => throw new NotImplementedException("contract stub");

    public IReadOnlyList<string> LabelValues(string metricName, string labelName) => throw new NotImplementedException("contract stub");

    /// <summary>The metrics with the most series, for the summary.</summary>
    public IReadOnlyList<(string Metric, int Series)> TopMetrics(int count) => throw new NotImplementedException("contract stub");

    public StoreStats GetStats() => throw new NotImplementedException("contract stub");
}

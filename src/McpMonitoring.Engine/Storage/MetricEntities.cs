namespace McpMonitoring.Engine.Storage;

/// <summary>
/// A scraped series whose rollups are persisted: its metric name, its other labels as a JSON object with sorted
/// keys, and <see cref="SeriesKey"/>, a 128-bit hash of both that is the unique key (label sets can be longer than
/// PostgreSQL's b-tree entries allow, a hash cannot).
/// </summary>
public sealed class MetricSeriesEntity
{
    public int Id { get; set; }

    public required string MetricName { get; set; }

    public required string Labels { get; set; }

    public required string SeriesKey { get; set; }
}

/// <summary>One <c>Metrics:RollupInterval</c> bucket of one series: what long-range charts read once raw samples have left memory.</summary>
public sealed class MetricRollupEntity
{
    public int SeriesId { get; set; }

    /// <summary>Start of the bucket, Unix milliseconds.</summary>
    public long BucketMs { get; set; }

    public double MinValue { get; set; }

    public double MaxValue { get; set; }

    public double SumValue { get; set; }

    public int Count { get; set; }

    /// <summary>The newest sample of the bucket: the value a query sees at the bucket's end.</summary>
    public double LastValue { get; set; }
}

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>One sample line as parsed, without copying: every span points into the parsed text.</summary>
public readonly ref struct ParsedSample
{
    public ParsedSample(ReadOnlySpan<byte> series, ReadOnlySpan<byte> name, ReadOnlySpan<byte> labelBlock, int labelCount, double value, long timestampMs, bool hasTimestamp, MetricType familyType)
    {
        Series = series;
        Name = name;
        LabelBlock = labelBlock;
        LabelCount = labelCount;
        Value = value;
        TimestampMs = timestampMs;
        HasTimestamp = hasTimestamp;
        FamilyType = familyType;
    }

    /// <summary>The metric name and label block exactly as written (<c>name{a="b"}</c>): a stable cache key for the series.</summary>
    public ReadOnlySpan<byte> Series { get; }

    /// <summary>The metric name (for a histogram, including its <c>_bucket</c>/<c>_sum</c>/<c>_count</c> suffix).</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The text between the braces (empty when there are no labels); already validated.</summary>
    public ReadOnlySpan<byte> LabelBlock { get; }

    public int LabelCount { get; }

    public double Value { get; }

    /// <summary>Milliseconds since the Unix epoch when <see cref="HasTimestamp"/> (OpenMetrics seconds are converted).</summary>
    public long TimestampMs { get; }

    public bool HasTimestamp { get; }

    /// <summary>The TYPE of the family this sample belongs to.</summary>
    public MetricType FamilyType { get; }

    /// <summary>The labels in written order; values are still escaped (see <see cref="ExpositionLabel.DecodeValue"/>).</summary>
    public ExpositionLabelEnumerator Labels => new(LabelBlock);
}

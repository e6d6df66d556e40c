namespace McpMonitoring.Engine.Metrics.Custom;

public enum CustomSampleOp
{
    Inc,
    Dec,
    Set,
    Observe,
}

/// <summary>A validated sample: the operation, its value and the label values in the definition's label order.</summary>
internal readonly record struct CustomSample(CustomSampleOp Op, double Value, LabelValues Labels);

/// <summary>Label values in the definition's order, compared by content (a key of the metric's series).</summary>
internal sealed class LabelValues : IEquatable<LabelValues>
{
    private readonly int _hash;

    public LabelValues(string[] values)
    {
        Values = values;
        var hash = new HashCode();
        foreach (var value in values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    public static LabelValues None { get; } = new([]);

    public string[] Values { get; }

    public bool Equals(LabelValues? other) =>
        other is not null && _hash == other._hash && Values.AsSpan().SequenceEqual(other.Values, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LabelValues);

    public override int GetHashCode() => _hash;
}

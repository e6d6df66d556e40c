namespace McpMonitoring.Engine.Metrics.Exposition;

public enum ExpositionRecordKind
{
    Type,
    Help,
    Sample,
}

/// <summary>One line of an exposition as <see cref="ExpositionParser.ParseToList(string, ExpositionFormat)"/> returns it, decoded.</summary>
/// <param name="Name">The family for TYPE and HELP; the metric name (with any suffix) for a sample.</param>
public sealed record ExpositionRecord(ExpositionRecordKind Kind, string Name)
{
    /// <summary>TYPE: the declared type; sample: the type of the family it belongs to.</summary>
    public MetricType Type { get; init; }

    /// <summary>HELP: the unescaped text.</summary>
    public string? Help { get; init; }

    /// <summary>Sample: labels in written order, values unescaped.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; init; } = [];

    public double Value { get; init; }

    public long? TimestampMs { get; init; }

    /// <summary>Sample: name and label block as written.</summary>
    public string? Series { get; init; }

    /// <summary>The value of a label, null when the sample does not have it.</summary>
    public string? Label(string name)
    {
        foreach (var label in Labels)
        {
            if (label.Key == name)
            {
                return label.Value;
            }
        }

        return null;
    }
}

namespace McpMonitoring.Engine.Metrics.Storage;

public readonly record struct Label(string Name, string Value);

/// <summary>
/// An immutable label set sorted by name, including <c>__name__</c>: the identity of a series. Equality and hash
/// are by content.
/// </summary>
public sealed class LabelSet : IEquatable<LabelSet>
{
    public const string MetricNameLabel = "__name__";

    private readonly Label[] _labels;
    private readonly int _hash;

    private LabelSet(Label[] sortedLabels)
    {
        _labels = sortedLabels;
        var hash = new HashCode();
        foreach (var label in sortedLabels)
        {
            hash.Add(label.Name, StringComparer.Ordinal);
            hash.Add(label.Value, StringComparer.Ordinal);
        }

        _hash = hash.ToHashCode();
    }

    public IReadOnlyList<Label> Labels => _labels;

    public string MetricName => Get(MetricNameLabel) ?? "";

    /// <summary>Builds a set from labels in any order; empty values are dropped (an empty label is no label in Prometheus); duplicate names throw.</summary>
    public static LabelSet From(IEnumerable<Label> labels)
    {
        var array = labels.Where(l => l.Value.Length > 0).ToArray();
        Array.Sort(array, static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        for (var i = 1; i < array.Length; i++)
        {
            if (array[i].Name == array[i - 1].Name)
            {
                throw new ArgumentException($"duplicate label name '{array[i].Name}'", nameof(labels));
            }
        }

        return new LabelSet(array);
    }

    public static LabelSet From(string metricName, IEnumerable<KeyValuePair<string, string>> labels)
        => From(labels.Select(kv => new Label(kv.Key, kv.Value)).Append(new Label(MetricNameLabel, metricName)));

    /// <summary>
    /// The same labels with every name and value replaced by the pool's instance, so a million series share
    /// a few thousand strings instead of holding their own copies (the scraper decodes fresh strings per new series).
    /// </summary>
    internal LabelSet Intern(Func<string, string> intern)
    {
        var labels = new Label[_labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = new Label(intern(_labels[i].Name), intern(_labels[i].Value));
        }

        // Already sorted and free of duplicates: the order of this set is kept.
        return new LabelSet(labels);
    }

    public string? Get(string name)
    {
        foreach (var label in _labels)
        {
            if (string.Equals(label.Name, name, StringComparison.Ordinal))
            {
                return label.Value;
            }
        }

        return null;
    }

    public Dictionary<string, string> ToDictionary() => _labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal);

    public bool Equals(LabelSet? other)
        => other is not null && (ReferenceEquals(this, other) || (_hash == other._hash && _labels.AsSpan().SequenceEqual(other._labels)));

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode() => _hash;

    /// <summary>Prometheus notation: <c>name{a="1", b="2"}</c>.</summary>
    public override string ToString()
    {
        var rest = _labels.Where(l => l.Name != MetricNameLabel).Select(l => $"{l.Name}=\"{l.Value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"");
        return $"{MetricName}{{{string.Join(", ", rest)}}}";
    }
}

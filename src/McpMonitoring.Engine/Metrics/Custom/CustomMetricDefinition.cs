using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>A validated custom metric definition: what is stored and re-registered at start-up.</summary>
/// <param name="Buckets">Upper bounds of a histogram's buckets, ascending (+Inf implicit); null for counters and gauges.</param>
public sealed record CustomMetricDefinition(
    string Name,
    CustomMetricType Type,
    string Help,
    IReadOnlyList<string> LabelNames,
    IReadOnlyList<double>? Buckets,
    DateTimeOffset CreatedAt,
    string CreatedBy)
{
    /// <summary>Histogram buckets when none are given: Prometheus' client defaults, in seconds.</summary>
    public static readonly IReadOnlyList<double> DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>
    /// What makes <paramref name="other"/> a different definition (type, help, label names, buckets), or null when it is
    /// the same one: defining it again is then an idempotent no-op. Label order does not matter (samples name their labels).
    /// </summary>
    public string? DifferenceFrom(CustomMetricDefinition other)
    {
        if (Type != other.Type)
        {
            return $"it is a {Type.Name()}, not a {other.Type.Name()}";
        }

        if (!string.Equals(Help, other.Help, StringComparison.Ordinal))
        {
            return $"its help is '{Help}'";
        }

        if (!LabelNames.Order(StringComparer.Ordinal).SequenceEqual(other.LabelNames.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            return $"its label names are [{string.Join(", ", LabelNames)}]";
        }

        return (Buckets ?? []).SequenceEqual(other.Buckets ?? []) ? null : $"its buckets are [{string.Join(", ", Buckets ?? [])}]";
    }
}

/// <summary>A custom metric as the API shows it.</summary>
/// <param name="SeriesCount">Label-value combinations recorded so far (bounded by <c>Metrics:MaxCustomMetricSeries</c>).</param>
/// <param name="Series">Current values, on the single-metric read only (at most 1000, in label order).</param>
public sealed record CustomMetricView(
    string Name,
    string Type,
    string Help,
    IReadOnlyList<string> LabelNames,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<double>? Buckets,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    int SeriesCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CustomSeriesView>? Series = null);

/// <summary>One series of a custom metric: a counter's or gauge's <paramref name="Value"/>, a histogram's <paramref name="Count"/> and <paramref name="Sum"/>.</summary>
public sealed record CustomSeriesView(
    IReadOnlyDictionary<string, string> Labels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Value,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Count,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Sum);

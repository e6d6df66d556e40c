using System.Text.Json.Serialization;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Metrics.Query;

[JsonConverter(typeof(JsonStringEnumConverter<Aggregation>))]
public enum Aggregation
{
    None,
    Sum,
    Avg,
    Min,
    Max,
    Count,
}

/// <summary>
/// A range query: the series of <paramref name="Metric"/> that satisfy <paramref name="Matchers"/>, evaluated at
/// every <paramref name="Step"/> from <paramref name="Start"/> to <paramref name="End"/>; optionally
/// <c>rate()</c> over <paramref name="RateWindow"/> (counter resets handled), then aggregated by
/// <paramref name="By"/> labels.
/// </summary>
public sealed record MetricsQuery(
    string Metric,
    IReadOnlyList<Matcher> Matchers,
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeSpan Step,
    TimeSpan? RateWindow = null,
    Aggregation Aggregation = Aggregation.None,
    IReadOnlyList<string>? By = null);

/// <summary>One point; <see cref="T"/> is Unix milliseconds (what apexcharts plots).</summary>
public readonly record struct QueryPoint(long T, double V);

public sealed record QuerySeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<QueryPoint> Points);

/// <summary>
/// The answer. <see cref="Resolution"/> says where the points came from: <c>raw</c> (memory) or <c>rollup</c>
/// (persisted downsampled buckets, for ranges older than the in-memory retention).
/// </summary>
public sealed record QueryResult(string Metric, string? Type, string? Unit, [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan Step, string Resolution, IReadOnlyList<QuerySeries> Series);

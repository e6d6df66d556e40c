using System.Globalization;
using McpMonitoring.Engine.Alerting;

namespace McpMonitoring.Engine.Metrics.Query;

/// <summary>A validated query on its evaluation grid: times are multiples of the step, so refreshed charts line up.</summary>
internal sealed record QueryPlan(
    string Metric,
    IReadOnlyList<Matcher> Matchers,
    long FirstMs,
    long StepMs,
    int Points,
    long? RateWindowMs,
    Aggregation Aggregation,
    IReadOnlyList<string> By)
{
    /// <summary>Prometheus' limit on points per series in a range query.</summary>
    public const int MaxPoints = 11_000;

    /// <summary>The longest rate window accepted (a month of raw samples would not be in memory anyway).</summary>
    public static readonly TimeSpan MaxRateWindow = TimeSpan.FromDays(31);

    public long LastMs => FirstMs + ((Points - 1) * StepMs);

    public long Time(int index) => FirstMs + (index * StepMs);

    /// <summary>Validates <paramref name="query"/>; throws <see cref="ArgumentException"/> naming the field and the problem.</summary>
    public static QueryPlan Create(MetricsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.Metric))
        {
            throw new ArgumentException("metric: a metric name is required.", nameof(query));
        }

        if (query.Step < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentException($"step: must be positive (at least 1ms), got {query.Step}.", nameof(query));
        }

        if (query.End < query.Start)
        {
            throw new ArgumentException($"end: {Format(query.End)} is before start {Format(query.Start)}.", nameof(query));
        }

        if (query.RateWindow is { } window && (window < TimeSpan.FromMilliseconds(1) || window > MaxRateWindow))
        {
            throw new ArgumentException($"rateWindow: must be between 1ms and {MaxRateWindow.TotalDays:0} days, got {window}.", nameof(query));
        }

        var by = query.By ?? [];
        if (by.Count > 0 && query.Aggregation == Aggregation.None)
        {
            throw new ArgumentException("by: grouping labels need an aggregation (sum, avg, min, max or count).", nameof(query));
        }

        if (by.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("by: label names must not be empty.", nameof(query));
        }

        if (!Enum.IsDefined(query.Aggregation))
        {
            throw new ArgumentException($"aggregation: unknown value {(int)query.Aggregation}.", nameof(query));
        }

        var stepMs = (long)query.Step.TotalMilliseconds;
        // Aligned down to the step: a chart refreshed a few seconds later evaluates at the same instants.
        var first = FloorTo(query.Start.ToUnixTimeMilliseconds(), stepMs);
        var last = FloorTo(query.End.ToUnixTimeMilliseconds(), stepMs);
        var points = ((last - first) / stepMs) + 1;
        if (points > MaxPoints)
        {
            throw new ArgumentException(
                $"step: {query.End - query.Start} at a step of {query.Step} gives {points.ToString(CultureInfo.InvariantCulture)} points per series, more than the {MaxPoints} allowed; use a larger step or a shorter range.",
                nameof(query));
        }

        return new QueryPlan(
            query.Metric,
            query.Matchers ?? [],
            first,
            stepMs,
            (int)points,
            query.RateWindow is { } w ? (long)w.TotalMilliseconds : null,
            query.Aggregation,
            by);
    }

    private static long FloorTo(long value, long step) => value - (((value % step) + step) % step);

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}

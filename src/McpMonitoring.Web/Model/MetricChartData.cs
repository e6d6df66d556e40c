using McpMonitoring.Engine.Metrics.Query;

namespace McpMonitoring.Web.Model;

/// <summary>One line of the explorer's chart: its legend name and points (Unix ms, value).</summary>
public sealed record ChartLine(string Name, IReadOnlyList<QueryPoint> Points);

/// <summary>
/// What the explorer's chart draws: at most <see cref="MaxSeries"/> lines, the y-axis format for the result's unit,
/// and the x range. Built from a <see cref="QueryResult"/> by <see cref="From"/>.
/// </summary>
public sealed record MetricChartData(string Metric, IReadOnlyList<ChartLine> Lines, int TotalSeries, AxisFormat Axis, DateTimeOffset Start, DateTimeOffset End, TimeSpan Step)
{
    /// <summary>More lines than this make an unreadable chart and a slow browser: the rest are counted, not drawn.</summary>
    public const int MaxSeries = 20;

    public bool IsCapped => TotalSeries > Lines.Count;

    public static MetricChartData From(QueryResult result, MetricsQuery query)
    {
        // Top series by average value (as topk would pick them), then drawn in name order so colours stay put between refreshes.
        var top = result.Series
            .Where(s => s.Points.Count > 0)
            .OrderByDescending(s => Average(s.Points))
            .Take(MaxSeries)
            .ToList();
        var names = LegendNames(top, result.Metric);
        var lines = top.Select((s, i) => new ChartLine(names[i], s.Points)).OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
        var max = lines.SelectMany(l => l.Points).Select(p => Math.Abs(p.V)).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        // The engine's unit already says "/s" under rate (and nothing for a count of series).
        var axis = ChartUnits.For(result.Unit, rate: false, max);
        return new MetricChartData(result.Metric, lines, result.Series.Count(s => s.Points.Count > 0), axis, query.Start, query.End, result.Step > TimeSpan.Zero ? result.Step : query.Step);
    }

    /// <summary>
    /// Legend names from the labels that tell the lines apart (labels every line shares are noise); a lone line
    /// shows all its labels, and a line without labels (an aggregate over everything) the metric's name.
    /// </summary>
    public static IReadOnlyList<string> LegendNames(IReadOnlyList<QuerySeries> series, string metric)
    {
        var shared = series.Count < 2
            ? new HashSet<string>(StringComparer.Ordinal)
            : series[0].Labels
                .Where(label => series.All(s => s.Labels.TryGetValue(label.Key, out var v) && v == label.Value))
                .Select(label => label.Key)
                .ToHashSet(StringComparer.Ordinal);
        return [.. series.Select(s =>
        {
            var parts = s.Labels
                .Where(l => l.Key != "__name__" && !shared.Contains(l.Key))
                .OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => $"{l.Key}=\"{l.Value}\"")
                .ToList();
            return parts.Count == 0 ? metric : "{" + string.Join(", ", parts) + "}";
        })];
    }

    private static double Average(IReadOnlyList<QueryPoint> points)
    {
        var finite = points.Where(p => double.IsFinite(p.V)).ToList();
        return finite.Count == 0 ? double.NegativeInfinity : finite.Average(p => p.V);
    }
}

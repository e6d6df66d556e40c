using McpMonitoring.Engine.Health.History;

namespace McpMonitoring.Web.Model;

/// <summary>A time range the latency chart offers.</summary>
public sealed record ChartRange(string Label, TimeSpan Span)
{
    public static readonly IReadOnlyList<ChartRange> All =
    [
        new("1h", TimeSpan.FromHours(1)),
        new("6h", TimeSpan.FromHours(6)),
        new("24h", TimeSpan.FromHours(24)),
        new("7d", TimeSpan.FromDays(7)),
    ];
}

/// <summary>
/// apexcharts options for a latency chart, as plain objects that serialise to the JSON apexcharts expects
/// (property names are written already camelCased). Times go over as Unix milliseconds and
/// <c>datetimeUTC = false</c> makes apexcharts label them in the browser's, that is the user's, zone.
/// </summary>
public static class LatencyChartOptions
{
    public const string Average = "average";
    public const string Max = "max";
    public const string Failures = "failed probes";

    public static object Create(IReadOnlyList<LatencyPoint> points, DateTimeOffset from, DateTimeOffset to, bool dark) => new
    {
        chart = new
        {
            type = "line",
            height = 300,
            background = "transparent",
            animations = new { enabled = false },
            toolbar = new { show = false },
            zoom = new { enabled = false },
        },
        theme = new { mode = dark ? "dark" : "light" },
        series = Series(points),
        colors = new[] { "#2196f3", "#ff9800", "#f44336" },
        stroke = new { width = new[] { 2, 1, 1 }, curve = new[] { "straight", "straight", "stepline" } },
        fill = new { type = "solid", opacity = new[] { 1, 1, 0.25 } },
        markers = new { size = 2 },
        dataLabels = new { enabled = false },
        xaxis = XAxis(from, to),
        yaxis = new object[]
        {
            new { seriesName = new[] { Average, Max }, min = 0, decimalsInFloat = 0, title = new { text = "latency (ms)" } },
            new { seriesName = new[] { Average, Max }, show = false, min = 0 },
            new { seriesName = Failures, opposite = true, min = 0, decimalsInFloat = 0, title = new { text = "failed probes (count)" } },
        },
        tooltip = new { shared = true, x = new { format = "MMM d HH:mm:ss" } },
        legend = new { position = "top" },
    };

    /// <summary>The sliding window, re-sent with each live update so the chart keeps showing "the last hour".</summary>
    public static object XAxis(DateTimeOffset from, DateTimeOffset to) => new
    {
        type = "datetime",
        min = from.ToUnixTimeMilliseconds(),
        max = to.ToUnixTimeMilliseconds(),
        labels = new { datetimeUTC = false },
        title = new { text = "time (your time zone)" },
    };

    public static object[] Series(IReadOnlyList<LatencyPoint> points) =>
    [
        new { name = Average, type = "line", data = points.Select(p => new object[] { p.At.ToUnixTimeMilliseconds(), p.AverageMs }).ToArray() },
        new { name = Max, type = "line", data = points.Select(p => new object[] { p.At.ToUnixTimeMilliseconds(), p.MaxMs }).ToArray() },
        new { name = Failures, type = "area", data = points.Select(p => new object[] { p.At.ToUnixTimeMilliseconds(), p.Failures }).ToArray() },
    ];
}

namespace McpMonitoring.Web.Model;

/// <summary>
/// apexcharts options for the metrics explorer, as plain objects that serialise to the JSON apexcharts expects.
/// Times go over as Unix milliseconds with <c>datetimeUTC = false</c> (labels in the user's zone, as
/// <see cref="LatencyChartOptions"/>); the y-axis format travels as <c>yFormat</c>, which charts.js turns into label
/// and tooltip formatters (functions cannot cross the interop boundary).
/// </summary>
public static class MetricChartOptions
{
    private const int SparsePoints = 30;

    public static object Create(MetricChartData data, bool dark) => new
    {
        chart = new
        {
            type = "line",
            height = 360,
            background = "transparent",
            animations = new { enabled = false },
            toolbar = new { show = false },
            zoom = new { enabled = false },
        },
        theme = new { mode = dark ? "dark" : "light" },
        series = Series(data),
        stroke = new { width = 2, curve = "straight" },
        markers = Markers(data),
        dataLabels = new { enabled = false },
        xaxis = XAxis(data),
        yaxis = YAxis(data),
        yFormat = YFormat(data.Axis),
        tooltip = new { shared = true, x = new { format = "MMM d HH:mm:ss" } },
        legend = new { show = true, position = "bottom", showForSingleSeries = true },
        noData = new { text = "no data" },
    };

    /// <summary>What a live refresh changes besides the series: the moved window and a possibly rescaled unit.</summary>
    public static object Update(MetricChartData data) => new { xaxis = XAxis(data), yaxis = YAxis(data), markers = Markers(data), yFormat = YFormat(data.Axis) };

    /// <summary>Dots while lines are short (a fresh target has one or two samples, which a line alone would not show).</summary>
    public static object Markers(MetricChartData data) =>
        new { size = data.Lines.Count > 0 && data.Lines.Max(l => l.Points.Count) <= SparsePoints ? 3 : 0 };

    public static object XAxis(MetricChartData data) => new
    {
        type = "datetime",
        min = data.Start.ToUnixTimeMilliseconds(),
        max = data.End.ToUnixTimeMilliseconds(),
        labels = new { datetimeUTC = false },
        title = new { text = "time (your time zone)" },
    };

    public static object YAxis(MetricChartData data) => new { title = new { text = data.Axis.Title } };

    public static object YFormat(AxisFormat axis) => new { divisor = axis.Divisor, suffix = axis.Suffix, decimals = axis.Decimals };

    /// <summary>
    /// One apexcharts series per line. A gap longer than two steps (a target down, a series gone stale) is drawn as a
    /// gap (a null point) rather than a straight line across it; non-finite values become null too, since JSON has no NaN.
    /// </summary>
    public static object[] Series(MetricChartData data)
    {
        var gap = (long)(data.Step.TotalMilliseconds * 2);
        return [.. data.Lines.Select(line =>
        {
            var points = new List<object?[]>(line.Points.Count + 4);
            long? previous = null;
            foreach (var point in line.Points)
            {
                if (previous is { } p && gap > 0 && point.T - p > gap)
                {
                    points.Add([p + 1, null]);
                }

                points.Add([point.T, double.IsFinite(point.V) ? point.V : null]);
                previous = point.T;
            }

            return (object)new { name = line.Name, data = points };
        })];
    }
}

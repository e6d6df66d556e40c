using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Web.Model;

namespace McpMonitoring.Tests.Component.Model;

public sealed class MetricChartDataTests
{
    private static readonly DateTimeOffset End = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void LegendNames_LabelsSharedByAllLinesLeftOut()
    {
        var series = new[]
        {
            Series(("job", "node"), ("instance", "a:9100")),
            Series(("job", "node"), ("instance", "b:9100")),
        };

        Assert.Equal(["{instance=\"a:9100\"}", "{instance=\"b:9100\"}"], MetricChartData.LegendNames(series, "up"));
        Assert.Equal(["{instance=\"a:9100\", job=\"node\"}"], MetricChartData.LegendNames([series[0]], "up"));
        Assert.Equal(["up"], MetricChartData.LegendNames([Series()], "up"));
    }

    [Fact]
    public void Series_GapLongerThanTwoStepsAndNaN_BecomeNullPoints()
    {
        var start = End.AddMinutes(-10);
        var t0 = start.ToUnixTimeMilliseconds();
        var points = new[] { new QueryPoint(t0, 1), new QueryPoint(t0 + 15_000, double.NaN), new QueryPoint(t0 + 120_000, 3) };
        var query = new MetricsQuery("up", [], start, End, TimeSpan.FromSeconds(15));
        var data = MetricChartData.From(new QueryResult("up", "gauge", null, TimeSpan.FromSeconds(15), "raw", [new QuerySeries(new Dictionary<string, string>(), points)]), query);

        var line = MetricChartOptions.Series(data).Single();
        var json = System.Text.Json.JsonSerializer.Serialize(line);

        Assert.Equal($"{{\"name\":\"up\",\"data\":[[{t0},1],[{t0 + 15_000},null],[{t0 + 15_001},null],[{t0 + 120_000},3]]}}", json);
    }

    private static QuerySeries Series(params (string Name, string Value)[] labels) =>
        new(labels.ToDictionary(l => l.Name, l => l.Value), [new QueryPoint(End.ToUnixTimeMilliseconds(), 1)]);
}

using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Web.Model;
using MatchType = McpMonitoring.Engine.Alerting.MatchType;

namespace McpMonitoring.Tests.Component.Model;

public sealed class MetricsSelectionTests
{
    [Fact]
    public void Parse_ThenToQueryString_RoundTrips()
    {
        var selection = MetricsSelection.Parse("http_requests_total", "{job=\"api\", path=~\"/v1/.*\"}", "6h", "5m", "sum", "job", null);

        var query = selection.ToQueryString();
        var again = MetricsSelection.Parse(
            "http_requests_total", Uri.UnescapeDataString(query.Split('&').Single(p => p.StartsWith("match=", StringComparison.Ordinal))[6..]), "6h", "5m", "sum", "job", null);

        Assert.Equal(query, again.ToQueryString());
        Assert.Empty(selection.Problems);
        Assert.Equal("sum by (job) (rate(http_requests_total{job=\"api\", path=~\"/v1/.*\"}[5m]))", selection.Expression());
    }

    [Fact]
    public void ToQuery_WideRange_StepGivesAbout240PointsAndRateCoversAStep()
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        var selection = MetricsSelection.Parse("x_total", null, "30d", "5m", null, null, null);

        var query = selection.ToQuery(now, out var error)!;

        Assert.Null(error);
        Assert.Equal(TimeSpan.FromHours(3), query.Step);
        Assert.Equal(TimeSpan.FromHours(3), query.RateWindow);
        Assert.Equal(now - TimeSpan.FromDays(30), query.Start);
        Assert.Equal(now, query.End);
    }

    [Fact]
    public void ToQuery_Live_EndsOnNextStepBoundarySoTheNewestSampleShows()
    {
        var now = new DateTimeOffset(2026, 11, 29, 12, 0, 7, TimeSpan.Zero);
        var live = MetricsSelection.Parse("up", null, "1h", null, null, null, null);
        var pinned = MetricsSelection.Parse("up", null, "1h", null, null, null, "1795953600");

        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 15, TimeSpan.Zero), live.ToQuery(now, out _)!.End);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795953600), pinned.ToQuery(now, out _)!.End);
    }

    [Fact]
    public void Parse_BadValues_ReportedAndDropped()
    {
        var selection = MetricsSelection.Parse("up", "{job=", "soon", "never", "median", "job", "yesterday");

        Assert.Equal(5, selection.Problems.Count);
        Assert.Equal("1h", selection.Range.Label);
        Assert.Null(selection.RateWindow);
        Assert.Equal(Aggregation.None, selection.Aggregation);
        Assert.Empty(selection.By);
        Assert.True(selection.IsLive);
    }

    [Fact]
    public void IncompleteMatcherRows_LeftOutOfUrlAndQuery()
    {
        var selection = MetricsSelection.Parse("up", null, null, null, null, null, null);
        selection.Matchers.Add(new LabelMatcherRow { Label = "job" });
        selection.Matchers.Add(new LabelMatcherRow { Label = "instance", Type = MatchType.NotEqual, Value = "a:1" });

        var query = selection.ToQuery(DateTimeOffset.UnixEpoch.AddYears(60), out _)!;

        Assert.Equal("metric=up&match=%7Binstance%21%3D%22a%3A1%22%7D", selection.ToQueryString());
        Assert.Equal("instance", Assert.Single(query.Matchers).Name);
    }

    [Fact]
    public void ToQuery_InvalidRegex_ErrorInsteadOfThrow()
    {
        var selection = MetricsSelection.Parse("up", null, null, null, null, null, null);
        selection.Matchers.Add(new LabelMatcherRow { Label = "job", Type = MatchType.Regex, Value = "(" });

        Assert.Null(selection.ToQuery(DateTimeOffset.UnixEpoch, out var error));
        Assert.NotNull(error);
        Assert.Contains("match=", selection.ToQueryString(), StringComparison.Ordinal);
    }
}

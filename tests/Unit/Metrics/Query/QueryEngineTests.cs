using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Engine.Metrics.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static McpMonitoring.Tests.Unit.Metrics.MetricsTestData;

namespace McpMonitoring.Tests.Unit.Metrics.Query;

public sealed class QueryEngineTests
{
    private readonly FakeTimeProvider _time = Clock(T0 - TimeSpan.FromMinutes(10));
    private readonly TimeSeriesStore _store;
    private readonly MetricsQueryEngine _engine;

    public QueryEngineTests()
    {
        _store = Store(_time);
        _engine = new MetricsQueryEngine(_store, Options.Create(new MetricsOptions()));
    }

    private static long At(double seconds) => T0Ms + (long)(seconds * 1000);

    private int Series(string metric, params string[] labels) => _store.GetOrCreateSeries(Labels(metric, labels));

    private Task<QueryResult> Run(
        string metric,
        TimeSpan from,
        TimeSpan to,
        TimeSpan step,
        TimeSpan? rate = null,
        Aggregation aggregation = Aggregation.None,
        string[]? by = null,
        string matchers = "")
    {
        _time.SetUtcNow(T0 + to + TimeSpan.FromMinutes(1));
        return _engine.ExecuteAsync(
            new MetricsQuery(metric, matchers.Length == 0 ? [] : Matcher.ParseList(matchers), T0 + from, T0 + to, step, rate, aggregation, by),
            TestContext.Current.CancellationToken);
    }

    private static List<(double Seconds, double Value)> Points(QuerySeries series)
        => [.. series.Points.Select(p => ((p.T - T0Ms) / 1000.0, p.V))];

    [Fact]
    public async Task Instant_LookbackOfFiveMinutes_LatestSampleUntilItIsFiveMinutesOld()
    {
        var id = Series("temperature_celsius", "room", "a");
        _store.Append(id, At(0), 1);
        _store.Append(id, At(60), 2);

        var result = await Run("temperature_celsius", TimeSpan.Zero, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));

        var series = Assert.Single(result.Series);
        // At 6 min the sample of 1 min is exactly 5 min old: outside (t - 5m, t].
        Assert.Equal([(0, 1), (60, 2), (120, 2), (180, 2), (240, 2), (300, 2)], Points(series));
        Assert.Equal(new Dictionary<string, string> { ["room"] = "a" }, series.Labels);
        Assert.Equal("raw", result.Resolution);
        Assert.Equal("°C", result.Unit);
        Assert.Equal(TimeSpan.FromMinutes(1), result.Step);
    }

    [Fact]
    public async Task Instant_StepAlignment_InstantsAreMultiplesOfTheStep()
    {
        var id = Series("g");
        for (var s = 0; s <= 300; s += 15)
        {
            _store.Append(id, At(s), s);
        }

        var result = await Run("g", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(130), TimeSpan.FromMinutes(1));

        // Start 00:10 aligns down to 00:00; end 02:10 to 02:00.
        Assert.Equal([(0, 0), (60, 60), (120, 120)], Points(Assert.Single(result.Series)));
    }

    [Fact]
    public async Task Instant_StalenessMarker_EndsTheSeriesAtOnceUntilItReturns()
    {
        var id = Series("g");
        _store.Append(id, At(0), 1);
        _store.Append(id, At(60), 2);
        _store.MarkStale(id, At(90));
        _store.Append(id, At(200), 3);

        var result = await Run("g", TimeSpan.Zero, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(1));

        // 2 min: newest sample is the marker (90 s), so nothing, although 60 s is within the lookback.
        Assert.Equal([(0, 1), (60, 2), (240, 3)], Points(Assert.Single(result.Series)));
    }

    [Fact]
    public async Task Rate_CounterReset_PrometheusExtrapolation()
    {
        // Window (0, 60 s] at t = 60 s: samples at 5, 20, 35, 50 s = 10, 20, 5 (reset), 15.
        // Increase = 15 - 10 + 20 (value before the reset) = 25. Sampled interval 45 s, average 15 s, threshold 16.5 s.
        // To start 5 s (< 16.5: extrapolate fully; zero point 45 * 10/25 = 18 s is further), to end 10 s (< 16.5).
        // rate = 25 * (45 + 5 + 10) / 45 / 60 = 25/45 = 0.5556/s.
        var id = Series("requests_total");
        _store.Append(id, At(5), 10);
        _store.Append(id, At(20), 20);
        _store.Append(id, At(35), 5);
        _store.Append(id, At(50), 15);

        var result = await Run("requests_total", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1));

        var point = Assert.Single(Assert.Single(result.Series).Points);
        Assert.Equal(At(60), point.T);
        Assert.Equal(25.0 / 45, point.V, 1e-12);
        Assert.Equal("/s", result.Unit);
    }

    [Fact]
    public async Task Rate_FarFromWindowStart_ExtrapolatesHalfAnInterval()
    {
        // Samples at 30 s and 45 s = 100, 130; window (0, 60]. Average interval 15 s, threshold 16.5 s.
        // To start 30 s >= 16.5: half an interval, 7.5 s (zero point 15 * 100/30 = 50 s is further). To end 15 s: kept.
        // rate = 30 * (15 + 7.5 + 15) / 15 / 60 = 1.25/s.
        var id = Series("transmit_bytes_total");
        _store.Append(id, At(30), 100);
        _store.Append(id, At(45), 130);

        var result = await Run("transmit_bytes_total", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1));

        Assert.Equal(1.25, Assert.Single(Assert.Single(result.Series).Points).V, 1e-12);
        Assert.Equal("bytes/s", result.Unit);
    }

    [Fact]
    public async Task Rate_CounterNearZero_NotExtrapolatedBeforeZero()
    {
        // Samples at 10, 25, 40, 55 s = 1, 11, 21, 31: increase 30 over 45 s. To start 10 s, but the counter was zero
        // 45 * 1/30 = 1.5 s before its first sample: extrapolate 1.5 s. To end 5 s.
        // rate = 30 * (45 + 1.5 + 5) / 45 / 60 = 0.572222/s.
        var id = Series("jobs_total");
        _store.Append(id, At(10), 1);
        _store.Append(id, At(25), 11);
        _store.Append(id, At(40), 21);
        _store.Append(id, At(55), 31);

        var result = await Run("jobs_total", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1));

        Assert.Equal(30 * (45 + 1.5 + 5) / 45 / 60, Assert.Single(Assert.Single(result.Series).Points).V, 1e-12);
    }

    [Fact]
    public async Task Rate_OverARange_SteadyCounterIsItsSlopeAndOneSampleIsNoRate()
    {
        var id = Series("requests_total");
        for (var s = 0; s <= 600; s += 15)
        {
            // 2 per second, reset to 0 at 300 s (a restart), then 2 per second again.
            _store.Append(id, At(s), s < 300 ? s * 2 : (s - 300) * 2);
        }

        var result = await Run("requests_total", TimeSpan.Zero, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));

        var points = Points(Assert.Single(result.Series));
        // At 0 s the window (-60, 0] holds one sample: no rate.
        Assert.Equal(60, points[0].Seconds);
        Assert.All(points.Where(p => p.Seconds != 300 && p.Seconds != 360), p => Assert.Equal(2, p.Value, 1e-9));
        // The window over the reset counts the 0 after 590 as a reset, not as a fall: still about 2/s
        // (Prometheus undercounts slightly here: the increase between the last sample before and the reset is lost).
        Assert.InRange(points.Single(p => p.Seconds == 360).Value, 1.7, 2.0);
        Assert.Equal(10, points.Count);
    }

    [Fact]
    public async Task Rate_StalenessMarkerInWindow_Ignored()
    {
        var id = Series("c_total");
        _store.Append(id, At(15), 0);
        _store.Append(id, At(30), 15);
        _store.MarkStale(id, At(40));
        _store.Append(id, At(45), 30);
        _store.Append(id, At(60), 45);

        var result = await Run("c_total", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1));

        // 45 over 45 s, extrapolated to start only to the zero point (0 s away) and end 0 s away: 45/60.
        Assert.Equal(0.75, Assert.Single(Assert.Single(result.Series).Points).V, 1e-12);
    }

    private void FourSeries()
    {
        _store.Append(Series("load", "job", "a", "instance", "1"), At(0), 1);
        _store.Append(Series("load", "job", "a", "instance", "2"), At(0), 3);
        _store.Append(Series("load", "job", "b", "instance", "1"), At(0), 10);
        _store.Append(Series("load", "instance", "3"), At(0), 5);
    }

    public static TheoryData<Aggregation, double, double, double> ByJob => new()
    {
        // job="", job="a", job="b"
        { Aggregation.Sum, 5, 4, 10 },
        { Aggregation.Avg, 5, 2, 10 },
        { Aggregation.Min, 5, 1, 10 },
        { Aggregation.Max, 5, 3, 10 },
        { Aggregation.Count, 1, 2, 1 },
    };

    [Theory]
    [MemberData(nameof(ByJob))]
    public async Task Aggregation_ByJob_OneSeriesPerJobAndAbsentLabelGroupedAsEmpty(Aggregation aggregation, double none, double a, double b)
    {
        FourSeries();

        var result = await Run("load", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1), aggregation: aggregation, by: ["job"]);

        Assert.Equal(3, result.Series.Count);
        // Sorted by labels: {} first, then job=a, job=b.
        Assert.Empty(result.Series[0].Labels);
        Assert.Equal(none, Assert.Single(result.Series[0].Points).V);
        Assert.Equal("a", result.Series[1].Labels["job"]);
        Assert.Equal(a, Assert.Single(result.Series[1].Points).V);
        Assert.Equal("b", result.Series[2].Labels["job"]);
        Assert.Equal(b, Assert.Single(result.Series[2].Points).V);
    }

    [Theory]
    [InlineData(Aggregation.Sum, 19)]
    [InlineData(Aggregation.Avg, 4.75)]
    [InlineData(Aggregation.Min, 1)]
    [InlineData(Aggregation.Max, 10)]
    [InlineData(Aggregation.Count, 4)]
    public async Task Aggregation_WithoutBy_OneSeriesWithoutLabels(Aggregation aggregation, double expected)
    {
        FourSeries();

        var result = await Run("load", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1), aggregation: aggregation);

        var series = Assert.Single(result.Series);
        Assert.Empty(series.Labels);
        Assert.Equal(expected, Assert.Single(series.Points).V);
    }

    [Fact]
    public async Task Aggregation_ByTwoLabelsWithMatchers_GroupsOnlySelectedSeries()
    {
        FourSeries();

        var result = await Run("load", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1), aggregation: Aggregation.Sum, by: ["job", "instance"], matchers: "job=~\"a|b\"");

        // Ordered by label set (instance sorts before job), as Prometheus orders series.
        Assert.Equal(
            ["a/1=1", "b/1=10", "a/2=3"],
            result.Series.Select(s => $"{s.Labels["job"]}/{s.Labels["instance"]}={s.Points[0].V}"));
    }

    [Fact]
    public async Task Aggregation_SeriesWithoutValueAtAnInstant_LeftOutOfThatInstant()
    {
        _store.Append(Series("g", "i", "1"), At(0), 1);
        var late = Series("g", "i", "2");
        _store.Append(late, At(120), 5);

        var result = await Run("g", TimeSpan.Zero, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(1), aggregation: Aggregation.Avg);

        Assert.Equal([(0, 1), (60, 1), (120, 3)], Points(Assert.Single(result.Series)));
    }

    [Fact]
    public async Task None_KeepsEachSeriesLabelsWithoutName()
    {
        FourSeries();

        var result = await Run("load", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1), matchers: "instance=\"1\"");

        Assert.Equal(2, result.Series.Count);
        Assert.All(result.Series, s => Assert.False(s.Labels.ContainsKey("__name__")));
        Assert.Equal(["a", "b"], result.Series.Select(s => s.Labels["job"]));
    }

    [Fact]
    public async Task UnknownMetric_EmptyResultNotError()
    {
        var result = await Run("does_not_exist", TimeSpan.Zero, TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        Assert.Empty(result.Series);
        Assert.Equal("does_not_exist", result.Metric);
        Assert.Null(result.Type);
    }

    [Fact]
    public async Task Type_FromFamilyMetadata()
    {
        _store.SetMetadata("http_requests", MetricType.Counter, "Requests.");
        _store.SetMetadata("rpc_duration_seconds", MetricType.Histogram, null);
        Assert.Equal("counter", (await Run("http_requests_total", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1))).Type);
        Assert.Equal("histogram", (await Run("rpc_duration_seconds_bucket", TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMinutes(1))).Type);
    }

    public static TheoryData<string, string> InvalidQueries => new()
    {
        { "end", "end" },
        { "step0", "step" },
        { "stepNegative", "step" },
        { "points", "11000" },
        { "metric", "metric" },
        { "rate", "rateWindow" },
        { "by", "by" },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public async Task Validation_InvalidQuery_ArgumentExceptionNamingTheProblem(string problem, string named)
    {
        var ok = new MetricsQuery("g", [], T0, T0 + TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        var query = problem switch
        {
            "end" => ok with { End = T0 - TimeSpan.FromSeconds(1) },
            "step0" => ok with { Step = TimeSpan.Zero },
            "stepNegative" => ok with { Step = TimeSpan.FromSeconds(-15) },
            "points" => ok with { End = T0 + TimeSpan.FromSeconds(11_000) , Step = TimeSpan.FromSeconds(1) },
            "metric" => ok with { Metric = " " },
            "rate" => ok with { RateWindow = TimeSpan.Zero },
            _ => ok with { By = ["job"] },
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _engine.ExecuteAsync(query, TestContext.Current.CancellationToken));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_ExactlyMaxPoints_Accepted()
    {
        var query = new MetricsQuery("g", [], T0, T0 + TimeSpan.FromSeconds(10_999), TimeSpan.FromSeconds(1));
        Assert.Empty((await _engine.ExecuteAsync(query, TestContext.Current.CancellationToken)).Series);
    }

    [Theory]
    [InlineData("process_cpu_seconds_total", true, Aggregation.None, "s/s")]
    [InlineData("process_cpu_seconds_total", false, Aggregation.None, "s")]
    [InlineData("http_request_duration_seconds", false, Aggregation.Max, "s")]
    [InlineData("http_request_duration_seconds_sum", true, Aggregation.Sum, "s/s")]
    [InlineData("http_request_duration_seconds_count", true, Aggregation.Sum, "/s")]
    [InlineData("http_request_duration_seconds_bucket", false, Aggregation.None, null)]
    [InlineData("node_memory_MemAvailable_bytes", false, Aggregation.Avg, "bytes")]
    [InlineData("node_network_receive_bytes_total", true, Aggregation.None, "bytes/s")]
    [InlineData("cache_hit_ratio", false, Aggregation.None, "ratio")]
    [InlineData("http_requests_total", true, Aggregation.None, "/s")]
    [InlineData("http_requests_total", false, Aggregation.None, null)]
    [InlineData("up", false, Aggregation.None, null)]
    [InlineData("up", false, Aggregation.Count, null)]
    [InlineData("node_hwmon_temp_celsius", false, Aggregation.None, "°C")]
    public void Units_FromNameSuffix(string metric, bool rate, Aggregation aggregation, string? expected)
    {
        Assert.Equal(expected, MetricUnits.Infer(metric, rate, aggregation));
    }
}

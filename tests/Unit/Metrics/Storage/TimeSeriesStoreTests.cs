using McpMonitoring.Engine.Alerting;
using MatchType = McpMonitoring.Engine.Alerting.MatchType;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Engine.Metrics.Storage.Chunks;
using static McpMonitoring.Tests.Unit.Metrics.MetricsTestData;

namespace McpMonitoring.Tests.Unit.Metrics.Storage;

public sealed class TimeSeriesStoreTests
{
    [Fact]
    public void GetOrCreateSeries_SameLabelsInAnyOrder_SameId()
    {
        var store = Store(Clock());
        var a = store.GetOrCreateSeries(Labels("up", "job", "api", "instance", "a:1"));
        var b = store.GetOrCreateSeries(LabelSet.From([new Label("instance", "a:1"), new Label("__name__", "up"), new Label("job", "api")]));
        var c = store.GetOrCreateSeries(Labels("up", "job", "api", "instance", "a:2"));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(2, store.GetStats().Series);
    }

    [Fact]
    public void GetOrCreateSeries_ManySeries_ShareInternedLabelStrings()
    {
        var store = Store(Clock());
        // Fresh string instances per series, as a scraper decoding each new series produces.
        var first = store.GetOrCreateSeries(Labels(new string("up".AsSpan()), new string("job".AsSpan()), new string("api".AsSpan()), "instance", "a:1"));
        var second = store.GetOrCreateSeries(Labels(new string("up".AsSpan()), new string("job".AsSpan()), new string("api".AsSpan()), "instance", "a:2"));
        var one = store.Select("up", [new Matcher("instance", MatchType.Equal, "a:1")]).Single();
        var two = store.Select("up", [new Matcher("instance", MatchType.Equal, "a:2")]).Single();
        Assert.Equal(first, one.Id);
        Assert.Equal(second, two.Id);
        Assert.Same(one.Labels.Get("job"), two.Labels.Get("job"));
        Assert.Same(one.Labels.Labels[1].Name, two.Labels.Labels[1].Name);
        Assert.Same(one.Labels.MetricName, two.Labels.MetricName);
    }

    [Fact]
    public void AppendRead_ManyChunks_AllSamplesInOrderWithinRange()
    {
        var store = Store(Clock(), new MetricsOptions { SamplesPerChunk = 16 });
        var id = store.GetOrCreateSeries(Labels("requests_total"));
        for (var i = 0; i < 100; i++)
        {
            store.Append(id, T0Ms + (i * 15_000L), i * 2.5);
        }

        var all = ReadAll(store, id);
        Assert.Equal(100, all.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => new Sample(T0Ms + (i * 15_000L), i * 2.5)), all);

        var range = new List<Sample>();
        store.Read(id, T0Ms + (20 * 15_000L), T0Ms + (40 * 15_000L), range);
        Assert.Equal(21, range.Count);
        Assert.Equal(20 * 2.5, range[0].Value);
        Assert.Equal(40 * 2.5, range[^1].Value);
        Assert.Equal(100, store.GetStats().Samples);
    }

    [Fact]
    public void Append_SeriesCreatedTogether_FirstChunksCutAtSpreadLengths()
    {
        var store = Store(Clock());
        var ids = Enumerable.Range(0, 100).Select(i => store.GetOrCreateSeries(Labels("g", "i", $"{i}"))).ToList();
        for (var scrape = 0; scrape < 120; scrape++)
        {
            foreach (var id in ids)
            {
                store.Append(id, T0Ms + (scrape * 15_000L), scrape);
            }
        }

        // A fleet that starts together must not seal (and later drop) every chunk in the same scrape.
        var firstChunkLengths = ids.Select(id =>
        {
            var series = store.Find(id)!;
            foreach (var chunk in SealedChunks.Enumerate(series.Head.Sealed))
            {
                return ChunkFormat.Count(chunk);
            }

            return 0;
        }).ToList();
        Assert.All(firstChunkLengths, n => Assert.InRange(n, 60, 119));
        Assert.True(firstChunkLengths.Distinct().Count() > 30, $"{firstChunkLengths.Distinct().Count()} distinct lengths");
        Assert.All(ids, id => Assert.Equal(120, ReadAll(store, id).Count));
    }

    [Fact]
    public void Append_OutOfOrderOrDuplicate_DroppedAndOnlyOutOfOrderCounted()
    {
        var store = Store(Clock());
        var id = store.GetOrCreateSeries(Labels("g"));
        Assert.Equal(AppendStatus.Appended, store.TryAppend(id, T0Ms + 1000, 1));
        Assert.Equal(AppendStatus.Duplicate, store.TryAppend(id, T0Ms + 1000, 1));
        Assert.Equal(AppendStatus.OutOfOrder, store.TryAppend(id, T0Ms + 1000, 2));
        Assert.Equal(AppendStatus.OutOfOrder, store.TryAppend(id, T0Ms + 500, 3));
        Assert.Equal(AppendStatus.Appended, store.TryAppend(id, T0Ms + 2000, 4));
        Assert.Equal([new Sample(T0Ms + 1000, 1), new Sample(T0Ms + 2000, 4)], ReadAll(store, id));
        Assert.Equal(2, store.GetStats().OutOfOrderSamples);
    }

    [Fact]
    public void Append_ScrapeJitterWithinTwoMilliseconds_StoredOnTheIntervalAndCompact()
    {
        var store = Store(Clock());
        var id = store.GetOrCreateSeries(Labels("g"));
        // Scrapes start 0-2 ms after their tick; one is 5 ms late.
        long[] offsets = [0, 1, 2, 0, 1, 2, 5, 1];
        for (var i = 0; i < offsets.Length; i++)
        {
            store.Append(id, T0Ms + (i * 15_000L) + offsets[i], 1);
        }

        // The second sample sets the grid (interval 15,001 ms rounds to 15 s); later ones within 2 ms of it snap to
        // it; 5 ms late is kept as is and the next one (4 ms off the new base) too.
        Assert.Equal(
            [0, 15_001, 30_001, 45_001, 60_001, 75_001, 90_005, 105_001],
            ReadAll(store, id).Select(s => s.TimestampMs - T0Ms));

        var jitteryStore = Store(Clock());
        var jittery = jitteryStore.GetOrCreateSeries(Labels("jittery"));
        var random = new Random(2);
        for (var i = 0; i < 120; i++)
        {
            jitteryStore.Append(jittery, T0Ms + (i * 15_000L) + random.Next(0, 3), 1);
        }

        // A constant on a regular grid: 2 bits per sample after the first two, plus header and first value of each
        // of the two chunks (a series' first chunk is cut early); with the jitter stored as given it would be 18 bits
        // per sample, 2.3 bytes.
        Assert.InRange(jitteryStore.GetStats().BytesPerSample, 0.4, 0.75);
    }

    [Fact]
    public void Append_SubSecondInterval_TimestampsKeptExactly()
    {
        var store = Store(Clock());
        var id = store.GetOrCreateSeries(Labels("g"));
        store.Append(id, T0Ms, 1);
        store.Append(id, T0Ms + 100, 2);
        store.Append(id, T0Ms + 201, 3);
        Assert.Equal([0, 100, 201], ReadAll(store, id).Select(s => s.TimestampMs - T0Ms));
    }

    [Fact]
    public void MarkStale_ThenRead_MarkerSkippedAndLatestNullUntilNextSample()
    {
        var store = Store(Clock());
        var id = store.GetOrCreateSeries(Labels("g"));
        store.Append(id, T0Ms, 1);
        Assert.Equal(new Sample(T0Ms, 1), store.Latest(id));

        store.MarkStale(id, T0Ms + 15_000);
        Assert.Null(store.Latest(id));
        Assert.Equal([new Sample(T0Ms, 1)], ReadAll(store, id));
        // Marker is stored: a second one, or one not after the last sample, is ignored without counting.
        store.MarkStale(id, T0Ms + 30_000);
        store.MarkStale(id, T0Ms);
        Assert.Equal(2, store.GetStats().Samples);
        Assert.Equal(0, store.GetStats().OutOfOrderSamples);

        store.Append(id, T0Ms + 45_000, 2);
        Assert.Equal(new Sample(T0Ms + 45_000, 2), store.Latest(id));
        Assert.Equal([new Sample(T0Ms, 1), new Sample(T0Ms + 45_000, 2)], ReadAll(store, id));
    }

    [Fact]
    public void Append_OrdinaryNaN_IsAValueNotAMarker()
    {
        var store = Store(Clock());
        var id = store.GetOrCreateSeries(Labels("g"));
        store.Append(id, T0Ms, double.NaN);
        Assert.True(double.IsNaN(store.Latest(id)!.Value.Value));
        Assert.Single(ReadAll(store, id));
        Assert.False(StaleMarker.IsStale(double.NaN));
        Assert.True(StaleMarker.IsStale(StaleMarker.Value));
    }

    [Fact]
    public void MarkStale_SeriesWithoutSamples_Ignored()
    {
        var store = Store(Clock());
        var id = store.GetOrCreateSeries(Labels("g"));
        store.MarkStale(id, T0Ms);
        Assert.Null(store.Latest(id));
        Assert.Equal(0, store.GetStats().Samples);
    }

    [Fact]
    public void UnknownId_AppendAndReads_CountedAndEmpty()
    {
        var store = Store(Clock());
        Assert.Equal(AppendStatus.UnknownSeries, store.TryAppend(12345, T0Ms, 1));
        store.Append(-1, T0Ms, 1);
        Assert.Null(store.Latest(12345));
        Assert.Empty(ReadAll(store, 12345));
        Assert.Equal(2, store.GetStats().UnknownSeriesAppends);
    }

    [Fact]
    public void Metadata_LastWriterWins()
    {
        var store = Store(Clock());
        Assert.Null(store.GetMetadata("x"));
        store.SetMetadata("x", MetricType.Gauge, "first");
        store.SetMetadata("x", MetricType.Counter, "second");
        Assert.Equal((MetricType.Counter, "second"), store.GetMetadata("x"));
    }

    [Fact]
    public void Explorer_NamesLabelsValuesAndTopMetrics()
    {
        var store = Store(Clock());
        store.GetOrCreateSeries(Labels("up", "job", "api", "instance", "a:1"));
        store.GetOrCreateSeries(Labels("up", "job", "api", "instance", "a:2"));
        store.GetOrCreateSeries(Labels("up", "job", "db", "instance", "d:1", "zone", "eu"));
        store.GetOrCreateSeries(Labels("http_requests_total", "job", "api", "code", "200"));

        Assert.Equal(["http_requests_total", "up"], store.MetricNames());
        Assert.Equal(["instance", "job", "zone"], store.LabelNames("up"));
        Assert.Equal(["api", "db"], store.LabelValues("up", "job"));
        Assert.Equal(["a:1", "a:2", "d:1"], store.LabelValues("up", "instance"));
        Assert.Equal(["up"], store.LabelValues("up", "__name__"));
        Assert.Empty(store.LabelValues("up", "nope"));
        Assert.Empty(store.LabelNames("nope"));
        Assert.Equal([("up", 3), ("http_requests_total", 1)], store.TopMetrics(5));
        Assert.Equal([("up", 3)], store.TopMetrics(1));
    }

    public static TheoryData<string, string[]> MatcherCases => new()
    {
        { "", ["a:1", "a:2", "d:1", "n:1"] },
        { "job=\"api\"", ["a:1", "a:2"] },
        { "job!=\"api\"", ["d:1", "n:1"] },
        { "job=~\"api|db\"", ["a:1", "a:2", "d:1"] },
        { "job=~\"ap\"", [] }, // anchored, as in Prometheus
        { "job!~\"a.*\"", ["d:1", "n:1"] },
        { "job=\"\"", ["n:1"] }, // absent label matches as empty
        { "job!=\"\"", ["a:1", "a:2", "d:1"] },
        { "zone=~\".*\"", ["a:1", "a:2", "d:1", "n:1"] },
        { "job=\"api\", instance!=\"a:1\"", ["a:2"] },
        { "__name__=\"up\"", ["a:1", "a:2", "d:1", "n:1"] },
    };

    [Theory]
    [MemberData(nameof(MatcherCases))]
    public void Select_Matchers_PrometheusSemantics(string matchers, string[] expectedInstances)
    {
        var store = Store(Clock());
        store.GetOrCreateSeries(Labels("up", "job", "api", "instance", "a:1"));
        store.GetOrCreateSeries(Labels("up", "job", "api", "instance", "a:2"));
        store.GetOrCreateSeries(Labels("up", "job", "db", "instance", "d:1"));
        store.GetOrCreateSeries(Labels("up", "instance", "n:1"));
        store.GetOrCreateSeries(Labels("other", "job", "api", "instance", "o:1"));

        var selected = store.Select("up", matchers.Length == 0 ? [] : Matcher.ParseList(matchers));
        Assert.Equal(expectedInstances, selected.Select(s => s.Labels.Get("instance")!).Order(StringComparer.Ordinal));
        Assert.Empty(store.Select("missing", []));
    }

    [Fact]
    public void Stats_RegularScrapeOfGaugesAndCounters_AboutOneAndAHalfBytesPerSample()
    {
        // 2 h of 15 s scrapes, as Prometheus' head holds: a slowly moving gauge, a counter, a constant.
        var store = Store(Clock());
        var gauge = store.GetOrCreateSeries(Labels("memory_bytes"));
        var counter = store.GetOrCreateSeries(Labels("requests_total"));
        var constant = store.GetOrCreateSeries(Labels("build_info"));
        var random = new Random(1);
        var memory = 200.0 * 1024 * 1024;
        var requests = 0.0;
        for (var i = 0; i < 480; i++)
        {
            var t = T0Ms + (i * 15_000L);
            if (random.Next(5) == 0)
            {
                memory += random.Next(-2, 3) * 4096;
            }

            requests += random.Next(0, 20);
            store.Append(gauge, t, memory);
            store.Append(counter, t, requests);
            store.Append(constant, t, 1);
        }

        var stats = store.GetStats();
        Assert.Equal(1440, stats.Samples);
        Assert.InRange(stats.BytesPerSample, 0.5, 1.6);
    }
}

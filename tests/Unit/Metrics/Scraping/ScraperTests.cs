using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpMonitoring.Tests.Unit.Metrics.Scraping;

/// <summary>The scraper against a real HTTP server: what lands in the store, the synthetic series, staleness and failures.</summary>
public sealed class ScraperTests : IAsyncDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly TimeSeriesStore _store;
    private readonly ScrapeHttpClient _http = new();
    private readonly Scraper _scraper;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _body = "";
    private string _contentType = "text/plain; version=0.0.4";
    private int _status = 200;
    private LocalHttpServer? _server;

    public ScraperTests()
    {
        var options = Options.Create(new MetricsOptions());
        _store = new TimeSeriesStore(options, _time);
        _scraper = new Scraper(_http, _store, _time, options);
    }

    public async ValueTask DisposeAsync()
    {
        _release.TrySetResult();
        _http.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Samples_Get_Target_Labels_And_Synthetic_Series_Are_Written()
    {
        _body = """
            # HELP http_requests_total Requests served.
            # TYPE http_requests_total counter
            http_requests_total{method="get",code="200"} 1027
            http_requests_total{method="post",code="500"} 3
            # TYPE temperature gauge
            temperature 21.5
            """;
        var runtime = await RuntimeAsync();

        var outcome = await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);

        Assert.True(outcome.Up, outcome.Error);
        Assert.Equal(3, outcome.Samples);
        Assert.Equal(3, outcome.SeriesAdded);
        var get = Single("http_requests_total", "method", "get");
        Assert.Equal("app", get.Labels.Get("job"));
        Assert.Equal(_server!.BaseAddress.Authority, get.Labels.Get("instance"));
        Assert.Equal("blue", get.Labels.Get("team"));
        Assert.Equal(1027, _store.Latest(get.Id)!.Value.Value);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), _store.Latest(get.Id)!.Value.TimestampMs);
        Assert.Equal(MetricType.Counter, _store.GetMetadata("http_requests_total")!.Value.Type);
        Assert.Equal("Requests served.", _store.GetMetadata("http_requests_total")!.Value.Help);

        Assert.Equal(1, LatestOf("up"));
        Assert.Equal(MetricType.Gauge, _store.GetMetadata("up")!.Value.Type);
        Assert.Equal(3, LatestOf("scrape_samples_scraped"));
        Assert.Equal(3, LatestOf("scrape_samples_post_metric_relabeling"));
        Assert.Equal(3, LatestOf("scrape_series_added"));
        Assert.True(LatestOf("scrape_duration_seconds") >= 0);
        Assert.Equal(ScrapeHealth.Up, runtime.Health);
        Assert.Equal(3, runtime.Snapshot().Series);
    }

    [Fact]
    public async Task Second_Scrape_Reuses_Series_And_Marks_Vanished_Ones_Stale()
    {
        _body = "a 1\nb 2\n";
        var runtime = await RuntimeAsync();
        await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(15));
        _body = "a 5\n";
        var second = await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);

        Assert.Equal(0, second.SeriesAdded);
        Assert.Equal(5, LatestOf("a"));
        Assert.Null(_store.Latest(Single("b").Id)); // a staleness marker ended it
        var samples = new List<Sample>();
        _store.Read(Single("a").Id, 0, long.MaxValue, samples);
        Assert.Equal([1.0, 5.0], samples.Select(s => s.Value));
        Assert.Equal(0, LatestOf("scrape_series_added"));
    }

    [Fact]
    public async Task Honored_Timestamps_Are_Used_Unless_Disabled()
    {
        _body = "a 1 1700000000000\n";
        var runtime = await RuntimeAsync();
        await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);
        Assert.Equal(1700000000000, _store.Latest(Single("a").Id)!.Value.TimestampMs);

        var ignoring = new ScrapeTargetRuntime(runtime.Definition with { Name = "other", HonorTimestamps = false, Labels = new Dictionary<string, string> { ["copy"] = "1" } });
        await _scraper.ScrapeAsync(ignoring, TestContext.Current.CancellationToken);
        var copy = _store.Select("a", [new McpMonitoring.Engine.Alerting.Matcher("copy", McpMonitoring.Engine.Alerting.MatchType.Equal, "1")]).Single();
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), _store.Latest(copy.Id)!.Value.TimestampMs);
    }

    [Fact]
    public async Task Invalid_Exposition_Stores_Nothing_And_Sets_Up_To_Zero()
    {
        _body = "good 1\nbad{a=\"x\",a=\"y\"} 2\n";
        var runtime = await RuntimeAsync();

        var outcome = await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);

        Assert.False(outcome.Up);
        Assert.StartsWith("invalid exposition: line 2:", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_store.Select("good", []), s => _store.Latest(s.Id) is not null);
        Assert.Equal(0, LatestOf("up"));
        Assert.Equal(0, LatestOf("scrape_samples_scraped"));
        Assert.Equal(ScrapeHealth.Down, runtime.Health);
        Assert.Equal(outcome.Error, runtime.LastError);
    }

    [Fact]
    public async Task Http_Error_Fails_The_Scrape_And_Ends_Previous_Series()
    {
        _body = "a 1\n";
        var runtime = await RuntimeAsync();
        await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(15));
        _status = 503;
        var outcome = await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);

        Assert.False(outcome.Up);
        Assert.Equal("server returned HTTP status 503 Service Unavailable", outcome.Error);
        Assert.Null(_store.Latest(Single("a").Id));
        Assert.Equal(0, LatestOf("up"));
        Assert.True(outcome.HealthChanged);
    }

    [Fact]
    public async Task Connection_Refused_Is_Down_With_The_Reason()
    {
        var runtime = new ScrapeTargetRuntime(Definition(new Uri("http://127.0.0.1:1/metrics")));
        var outcome = await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);
        Assert.False(outcome.Up);
        Assert.Contains("refused", outcome.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(outcome.Error!, "refused", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        Assert.Equal(0, LatestOf("up"));
    }

    [Fact]
    public async Task A_Target_That_Does_Not_Answer_Times_Out_On_The_Scrape_Timeout()
    {
        _server = await LocalHttpServer.StartAsync(app => app.MapGet("/metrics", async () =>
        {
            await _release.Task;
            return "a 1\n";
        }));
        var runtime = new ScrapeTargetRuntime(Definition(new Uri(_server.BaseAddress, "/metrics")));

        var scrape = _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);
        Wait.Until(() => { _time.Advance(TimeSpan.FromSeconds(1)); return scrape.IsCompleted; }, "the scrape times out on the fake clock", TimeSpan.FromSeconds(30));
        var outcome = await scrape;

        Assert.False(outcome.Up);
        Assert.StartsWith("context deadline exceeded", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_Limit_Fails_The_Whole_Scrape()
    {
        _body = "a 1\nb 2\nc 3\n";
        var runtime = await RuntimeAsync(sampleLimit: 2);
        var outcome = await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);
        Assert.False(outcome.Up);
        Assert.Contains("sample_limit exceeded", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_store.Select("a", []), s => _store.Latest(s.Id) is not null);
    }

    [Fact]
    public async Task OpenMetrics_Answers_Are_Parsed_By_Their_Content_Type()
    {
        _contentType = "application/openmetrics-text; version=1.0.0; charset=utf-8";
        _body = "# TYPE jobs counter\njobs_total 7\n# EOF\n";
        var runtime = await RuntimeAsync();
        var outcome = await _scraper.ScrapeAsync(runtime, TestContext.Current.CancellationToken);
        Assert.True(outcome.Up, outcome.Error);
        Assert.Equal(7, LatestOf("jobs_total"));
    }

    [Fact]
    public async Task Retired_Target_Ends_All_Its_Series()
    {
        _body = "a 1\n";
        var registry = new ScrapeTargetRegistry(_store, _time);
        await RuntimeAsync();
        registry.Set(Definition(new Uri(_server!.BaseAddress, "/metrics")));
        registry.TryGet("t", out var runtime);
        await _scraper.ScrapeAsync(runtime!, TestContext.Current.CancellationToken);
        Assert.Equal(1, LatestOf("up"));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(registry.Remove("t"));

        Assert.Null(_store.Latest(Single("a").Id));
        Assert.Null(_store.Latest(Single("up").Id));
    }

    private async Task<ScrapeTargetRuntime> RuntimeAsync(int sampleLimit = 0)
    {
        _server ??= await LocalHttpServer.StartAsync(app => app.MapGet("/metrics", (HttpContext context) =>
        {
            context.Response.StatusCode = _status;
            context.Response.ContentType = _contentType;
            return context.Response.WriteAsync(_body);
        }));
        return new ScrapeTargetRuntime(Definition(new Uri(_server.BaseAddress, "/metrics")) with { SampleLimit = sampleLimit });
    }

    private static ScrapeTargetDefinition Definition(Uri url) => new()
    {
        Name = "t",
        Job = "app",
        Url = url,
        Interval = TimeSpan.FromSeconds(15),
        Timeout = TimeSpan.FromSeconds(5),
        Labels = new Dictionary<string, string> { ["team"] = "blue" },
    };

    private SeriesInfo Single(string metric, string? label = null, string? value = null) =>
        _store.Select(metric, []).Single(s => label is null || s.Labels.Get(label) == value);

    private double LatestOf(string metric) => _store.Latest(Single(metric).Id)!.Value.Value;
}

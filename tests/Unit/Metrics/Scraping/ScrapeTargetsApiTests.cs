using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace McpMonitoring.Tests.Unit.Metrics.Scraping;

/// <summary>/metrics/targets, /metrics/query and /metrics/summary on the real console, scraping a real HTTP server.</summary>
public sealed class ScrapeTargetsApiTests : IAsyncLifetime
{
    private readonly MonitoringAppFactory _factory = new();
    private LocalHttpServer _exporter = null!;
    private HttpClient _client = null!;
    private double _value = 42;

    public async ValueTask InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_factory.DataDir, "config", "prometheus.yml"), """
            scrape_configs:
              - job_name: from-file
                static_configs: [{targets: ["127.0.0.1:1"]}]
            """);
        _exporter = await LocalHttpServer.StartAsync(app => app.MapGet("/metrics", () => "# TYPE jobs_done_total counter\njobs_done_total{queue=\"mail\"} " + _value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n"));
        _client = _factory.CreateClient();
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _exporter.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private string TargetJson(string name = "worker", string interval = "1s") =>
        $$"""{"name":"{{name}}","job":"workers","url":"{{_exporter.BaseAddress}}metrics","interval":"{{interval}}","timeout":"1s","labels":{"team":"automation"} }""";

    [Fact]
    public async Task Created_Target_Is_Scraped_And_Its_Series_Can_Be_Queried()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await _client.PostAsync("/metrics/targets", Json(TargetJson()), ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/metrics/targets/worker", response.Headers.Location?.ToString());

        JsonElement target = default;
        Wait.Until(() =>
        {
            target = _client.GetFromJsonAsync<JsonElement>("/metrics/targets/worker", ct).GetAwaiter().GetResult();
            return target.GetProperty("health").GetString() == "Up";
        }, "the new target is scraped", TimeSpan.FromSeconds(20));
        Assert.Equal(1, target.GetProperty("samplesScraped").GetInt32());
        Assert.Equal("api", target.GetProperty("target").GetProperty("source").GetString(), ignoreCase: true);

        // Instants are aligned to the step: the newest sample shows once an instant at or after it has passed.
        JsonElement result = default;
        Wait.Until(() =>
        {
            result = _client.GetFromJsonAsync<JsonElement>("/metrics/query?metric=jobs_done_total&match=team%3D%22automation%22&range=5m&step=1s", ct).GetAwaiter().GetResult();
            return result.GetProperty("series").GetArrayLength() > 0;
        }, "the scraped series is queryable");
        Assert.Equal("1s", result.GetProperty("step").GetString());
        var series = Assert.Single(result.GetProperty("series").EnumerateArray());
        Assert.Equal("mail", series.GetProperty("labels").GetProperty("queue").GetString());
        Assert.Equal("workers", series.GetProperty("labels").GetProperty("job").GetString());
        Assert.Contains(series.GetProperty("points").EnumerateArray(), p => p.GetProperty("v").GetDouble() == 42);

        var names = await _client.GetFromJsonAsync<JsonElement>("/metrics/names?q=jobs_done", ct);
        var name = Assert.Single(names.EnumerateArray());
        Assert.Equal("counter", name.GetProperty("type").GetString());

        var text = await _client.GetStringAsync("/metrics/summary?format=text", ct);
        Assert.Contains("up      worker", text, StringComparison.Ordinal);
        Assert.Contains("from-file/127.0.0.1:1", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"x","job":"j","url":"not a url"}""", "url")]
    [InlineData("""{"name":"x","job":"j","url":"ftp://h/metrics"}""", "url")]
    [InlineData("""{"name":"x","job":"","url":"http://h:1/metrics"}""", "job")]
    [InlineData("""{"name":"","job":"j","url":"http://h:1/metrics"}""", "name")]
    [InlineData("""{"name":"x","job":"j","url":"http://h:1/metrics","interval":"5s","timeout":"10s"}""", "timeout")]
    [InlineData("""{"name":"x","job":"j","url":"http://h:1/metrics","interval":"100ms"}""", "interval")]
    [InlineData("""{"name":"x","job":"j","url":"http://h:1/metrics","labels":{"bad-label":"v"}}""", "labels")]
    [InlineData("""{"name":"x","job":"j","url":"http://h:1/metrics","sampleLimit":-1}""", "sampleLimit")]
    public async Task Invalid_Targets_Are_Rejected_Naming_The_Field(string body, string field)
    {
        var response = await _client.PostAsync("/metrics/targets", Json(body), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var list = await _client.GetFromJsonAsync<JsonElement>("/metrics/targets", TestContext.Current.CancellationToken);
        Assert.Equal(1, list.GetProperty("total").GetInt32()); // only the file's target: nothing half-written
    }

    [Fact]
    public async Task Unknown_Field_Is_A_400_Naming_It()
    {
        var response = await _client.PostAsync("/metrics/targets", Json("""{"name":"x","job":"j","url":"http://h:1/metrics","intervall":"5s"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("intervall", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_Targets_Are_Listed_Read_Only()
    {
        var ct = TestContext.Current.CancellationToken;
        var list = await _client.GetFromJsonAsync<JsonElement>("/metrics/targets?job=from-file", ct);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("Config", item.GetProperty("target").GetProperty("source").GetString());

        var put = await _client.PutAsync("/metrics/targets/from-file/127.0.0.1:1", Json("""{"name":"from-file/127.0.0.1:1","job":"j","url":"http://h:1/metrics"}"""), ct);
        Assert.Equal(HttpStatusCode.Conflict, put.StatusCode);
        Assert.Contains("prometheus.yml", await put.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await _client.DeleteAsync("/metrics/targets/from-file/127.0.0.1:1", ct)).StatusCode);

        Wait.Until(() => _client.GetFromJsonAsync<JsonElement>("/metrics/targets/from-file/127.0.0.1:1", ct).GetAwaiter().GetResult()
            .GetProperty("health").GetString() == "Down", "the unreachable file target is down");
    }

    [Fact]
    public async Task Duplicate_Name_Is_A_Conflict_And_Unknown_Name_Is_404()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/metrics/targets", Json(TargetJson(interval: "1m")), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _client.PostAsync("/metrics/targets", Json(TargetJson(interval: "1m")), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/metrics/targets/nope", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync("/metrics/targets/nope", ct)).StatusCode);
    }

    [Fact]
    public async Task Targets_Survive_A_Restart_Updates_Apply_And_Delete_Is_Audited()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/metrics/targets", Json(TargetJson(interval: "1m")), ct)).StatusCode);

        await using (var restarted = new MonitoringAppFactory(dataDir: _factory.DataDir))
        {
            await _factory.DisposeAsync();
            using var client = restarted.CreateClient();
            var target = await client.GetFromJsonAsync<JsonElement>("/metrics/targets/worker", ct);
            Assert.Equal("1m", target.GetProperty("target").GetProperty("interval").GetString());

            var put = await client.PutAsync("/metrics/targets/worker", Json(TargetJson(interval: "30s")), ct);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal("30s", (await put.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("target").GetProperty("interval").GetString());

            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/metrics/targets/worker", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics/targets/worker", ct)).StatusCode);
            var audit = await client.GetFromJsonAsync<JsonElement>("/audit?subjectKind=scrape_target", ct);
            Assert.Equal(["deleted", "updated", "created"], audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        }
    }

    [Theory]
    [InlineData("/metrics/query", "metric")]
    [InlineData("/metrics/query?metric=up&step=0", "step")]
    [InlineData("/metrics/query?metric=up&range=soon", "range")]
    [InlineData("/metrics/query?metric=up&start=yesterday", "start")]
    [InlineData("/metrics/query?metric=up&aggregate=median", "aggregate")]
    [InlineData("/metrics/query?metric=up&by=job", "by")]
    [InlineData("/metrics/query?metric=up&rate=fast", "rate")]
    [InlineData("/metrics/query?metric=up&match=job%3D~%22(%22", "match")]
    public async Task Bad_Queries_Are_400_Naming_The_Parameter(string url, string parameter)
    {
        var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }
}

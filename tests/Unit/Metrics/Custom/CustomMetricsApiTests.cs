using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Metrics.Custom;

/// <summary>/metrics/custom: define, read, list, delete, and the definitions' validation rules (4xx naming the problem).</summary>
public sealed class CustomMetricsApiTests : IAsyncLifetime
{
    private const string Counter = """{"name":"workflow_runs_total","type":"counter","help":"Workflow runs by outcome.","labelNames":["workflow","status"]}""";

    private readonly MonitoringAppFactory _factory = new();
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Define_New_CreatedWithLocationAndAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await _client.DefineAsync("""
            {"name":"step_duration_seconds","type":"histogram","help":"Step durations.","labelNames":["step"],"buckets":[0.1,1,10],"createdBy":"alice"}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/metrics/custom/step_duration_seconds", response.Headers.Location?.ToString());
        var body = await response.BodyAsync();
        Assert.Equal("histogram", body.GetProperty("type").GetString());
        Assert.Equal([0.1, 1, 10], body.GetProperty("buckets").EnumerateArray().Select(b => b.GetDouble()));
        Assert.Equal(["step"], body.GetProperty("labelNames").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("alice", body.GetProperty("createdBy").GetString());
        var audit = await _client.GetFromJsonAsync<JsonElement>("/audit?subjectKind=customMetric", ct);
        var entry = audit.GetProperty("items")[0];
        Assert.Equal("create", entry.GetProperty("action").GetString());
        Assert.Equal("alice", entry.GetProperty("actor").GetString());
        Assert.Equal("step_duration_seconds", entry.GetProperty("subjectId").GetString());
    }

    [Fact]
    public async Task Define_HistogramWithoutBuckets_DefaultBuckets()
    {
        var body = await (await _client.DefineAsync("""{"name":"wait_seconds","type":"histogram","help":"Waits."}""")).BodyAsync();
        Assert.Equal([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], body.GetProperty("buckets").EnumerateArray().Select(b => b.GetDouble()));
    }

    [Fact]
    public async Task Define_IdenticalAgain_OkAndIdempotent()
    {
        Assert.Equal(HttpStatusCode.Created, (await _client.DefineAsync(Counter)).StatusCode);

        // Label order does not matter: samples name their labels.
        var again = await _client.DefineAsync("""{"name":"workflow_runs_total","type":"counter","help":"Workflow runs by outcome.","labelNames":["status","workflow"]}""");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["workflow", "status"], (await again.BodyAsync()).GetProperty("labelNames").EnumerateArray().Select(l => l.GetString()));
        var list = await _client.GetFromJsonAsync<JsonElement>("/metrics/custom", TestContext.Current.CancellationToken);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("""{"name":"workflow_runs_total","type":"counter","help":"Workflow runs by outcome.","labelNames":["workflow"]}""", "its label names are [workflow, status]")]
    [InlineData("""{"name":"workflow_runs_total","type":"counter","help":"Other help.","labelNames":["workflow","status"]}""", "its help is 'Workflow runs by outcome.'")]
    public async Task Define_SameNameDifferentShape_Conflict(string body, string expected)
    {
        await _client.DefineAsync(Counter);

        var response = await _client.DefineAsync(body);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(expected, (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Define_DifferentTypeOrBuckets_Conflict()
    {
        await _client.DefineAsync("""{"name":"step_seconds","type":"histogram","help":"Steps.","buckets":[1,2]}""");

        var buckets = await _client.DefineAsync("""{"name":"step_seconds","type":"histogram","help":"Steps.","buckets":[1,3]}""");
        var type = await _client.DefineAsync("""{"name":"step_seconds","type":"gauge","help":"Steps."}""");

        Assert.Equal(HttpStatusCode.Conflict, buckets.StatusCode);
        Assert.Contains("its buckets are [1, 2]", (await buckets.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, type.StatusCode);
        Assert.Contains("it is a histogram, not a gauge", (await type.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"gauge","help":"h"}""", "name", "name is required")]
    [InlineData("""{"name":"x","help":"h"}""", "type", "type is required")]
    [InlineData("""{"name":"x","type":"summary","help":"h"}""", "type", "'summary' is not one of counter, gauge, histogram")]
    [InlineData("""{"name":"x","type":"gauge"}""", "help", "help is required")]
    [InlineData("""{"name":"x","type":"gauge","help":"   "}""", "help", "help is required")]
    [InlineData("""{"name":"x","type":"gauge","help":"a\u0000b"}""", "help", "control characters")]
    [InlineData("""{"name":"bad-name","type":"gauge","help":"h"}""", "name", "not a Prometheus metric name")]
    [InlineData("""{"name":"mcpmon_mine","type":"gauge","help":"h"}""", "name", "the console's own")]
    [InlineData("""{"name":"__mine","type":"gauge","help":"h"}""", "name", "Prometheus-internal")]
    [InlineData("""{"name":"runs","type":"counter","help":"h"}""", "name", "must end with '_total'")]
    [InlineData("""{"name":"depth_total","type":"gauge","help":"h"}""", "name", "only counters end with '_total'")]
    [InlineData("""{"name":"x","type":"gauge","help":"h","labelNames":["a-b"]}""", "labelNames[0]", "not a Prometheus label name")]
    [InlineData("""{"name":"x","type":"gauge","help":"h","labelNames":["ok","__x"]}""", "labelNames[1]", "must not start with '__'")]
    [InlineData("""{"name":"x","type":"gauge","help":"h","labelNames":["a","a"]}""", "labelNames[1]", "listed twice")]
    [InlineData("""{"name":"x","type":"histogram","help":"h","labelNames":["le"]}""", "labelNames[0]", "reserved for histogram buckets")]
    [InlineData("""{"name":"x","type":"gauge","help":"h","labelNames":["instance"]}""", "labelNames[0]", "grouping key")]
    [InlineData("""{"name":"x","type":"gauge","help":"h","labelNames":["a","b","c","d","e","f","g","h","i","j","k","l","m","n","o","p","q"]}""", "labelNames", "at most 16")]
    [InlineData("""{"name":"x","type":"gauge","help":"h","buckets":[1]}""", "buckets", "for histograms only")]
    [InlineData("""{"name":"x","type":"histogram","help":"h","buckets":[]}""", "buckets", "between 1 and 100")]
    [InlineData("""{"name":"x","type":"histogram","help":"h","buckets":[1,0.5]}""", "buckets[1]", "strictly ascending")]
    [InlineData("""{"name":"x","type":"histogram","help":"h","buckets":[1,1]}""", "buckets[1]", "strictly ascending")]
    [InlineData("""{"name":"x","type":"histogram","help":"h","buckets":["NaN"]}""", "buckets[0]", "not NaN")]
    [InlineData("""{"name":"x","type":"histogram","help":"h","buckets":[1,"Infinity"]}""", "buckets[1]", "must be finite")]
    [InlineData("""{"name":"x","type":"histogram","help":"h","buckets":["-Infinity"]}""", "buckets[0]", "must be finite")]
    public async Task Define_Invalid_BadRequestNamingTheField(string body, string key, string expected)
    {
        var response = await _client.DefineAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.ErrorsAtAsync(key), StringComparison.Ordinal);
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>("/metrics/custom", TestContext.Current.CancellationToken)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Define_UnknownFieldOrWrongContentType_BadRequestOrUnsupported()
    {
        var ct = TestContext.Current.CancellationToken;
        var unknown = await _client.DefineAsync("""{"name":"x","type":"gauge","help":"h","unit":"seconds"}""");
        var text = await _client.PostAsync("/metrics/custom", new StringContent("name=x"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("unit", (await unknown.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public async Task Define_SeriesNamesOfAnotherCustomMetric_Conflict()
    {
        await _client.DefineAsync(Counter);

        // OpenMetrics declares the counter as family "workflow_runs": a gauge of that name would duplicate it.
        var response = await _client.DefineAsync("""{"name":"workflow_runs","type":"gauge","help":"h"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("would collide with the series of custom metric 'workflow_runs_total'", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Define_NameTheConsoleExports_Conflict()
    {
        // A family in the console's own registry (prometheus-net's default one) outside the reserved prefixes.
        Prometheus.Metrics.CreateGauge("customtest_console_owned", "A console metric for this test.");

        var response = await _client.DefineAsync("""{"name":"customtest_console_owned","type":"gauge","help":"h"}""");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("a metric the console exports itself", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Unknown_NotFoundNamingIt()
    {
        var response = await _client.GetAsync("/metrics/custom/nope_total", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nope_total", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FilterAndPage_ByName()
    {
        var ct = TestContext.Current.CancellationToken;
        await _client.DefineAsync(Counter);
        await _client.DefineAsync("""{"name":"queue_depth","type":"gauge","help":"Queue depth."}""");
        await _client.DefineAsync("""{"name":"batch_queue_wait_seconds","type":"histogram","help":"Waits."}""");

        var page = await _client.GetFromJsonAsync<JsonElement>("/metrics/custom?offset=1&limit=1", ct);
        var gauges = await _client.GetFromJsonAsync<JsonElement>("/metrics/custom?type=gauge", ct);
        var search = await _client.GetFromJsonAsync<JsonElement>("/metrics/custom?q=QUEUE", ct);
        var badType = await _client.GetAsync("/metrics/custom?type=summary", ct);
        var badLimit = await _client.GetAsync("/metrics/custom?limit=0", ct);

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal("queue_depth", page.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(["queue_depth"], gauges.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(["batch_queue_wait_seconds", "queue_depth"], search.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Contains("type must be one of", await badType.ErrorsAtAsync("type"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("limit must be between 1 and 1000", await badLimit.ErrorsAtAsync("limit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Defined_GoneFromMetricsAndRedefinableAsAnotherType()
    {
        var ct = TestContext.Current.CancellationToken;
        await _client.DefineAsync("""{"name":"temporary_value","type":"gauge","help":"Temporary."}""");
        await _client.RecordAsync("temporary_value", """{"value":42}""");
        Assert.Contains("temporary_value 42", await _client.MetricsTextAsync(), StringComparison.Ordinal);

        var deleted = await _client.DeleteAsync("/metrics/custom/temporary_value", ct);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain("temporary_value", await _client.MetricsTextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/metrics/custom/temporary_value", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync("/metrics/custom/temporary_value", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.RecordAsync("temporary_value", """{"value":1}""")).StatusCode);

        // A fresh registry per metric: the same name can come back with another type and help.
        Assert.Equal(HttpStatusCode.Created, (await _client.DefineAsync("""{"name":"temporary_value","type":"histogram","help":"Now a histogram."}""")).StatusCode);
        var text = await _client.MetricsTextAsync();
        Assert.Contains("# TYPE temporary_value histogram", text, StringComparison.Ordinal);
        Assert.DoesNotContain("temporary_value 42", text, StringComparison.Ordinal);
        var audit = await _client.GetFromJsonAsync<JsonElement>("/audit?subjectId=temporary_value", ct);
        Assert.Equal(["create", "delete", "create"], audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Reverse());
    }

    [Fact]
    public async Task Metrics_OpenMetricsRequested_OneDocumentEndingInEof()
    {
        var ct = TestContext.Current.CancellationToken;
        await _client.DefineAsync(Counter);
        await _client.RecordAsync("workflow_runs_total", """{"labels":{"workflow":"nightly","status":"ok"},"value":2}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");

        var response = await _client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var plain = await _client.GetAsync("/metrics", ct);

        Assert.Equal("application/openmetrics-text; version=1.0.0; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("# EOF").Length - 1);
        Assert.Contains("# TYPE workflow_runs counter\n", text, StringComparison.Ordinal);
        Assert.Contains("workflow_runs_total{workflow=\"nightly\",status=\"ok\"} 2.0\n", text, StringComparison.Ordinal);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", plain.Content.Headers.ContentType?.ToString());
        Assert.DoesNotContain("# EOF", await plain.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Metrics.Custom;

/// <summary>POST /metrics/custom/{name}/samples: what each type accepts, all-or-nothing batches, the cardinality bound.</summary>
public sealed class CustomMetricSamplesTests : IAsyncLifetime
{
    private readonly MonitoringAppFactory _factory = new(new() { ["Metrics:MaxCustomMetricSeries"] = "3" });
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await _client.DefineAsync("""{"name":"workflow_runs_total","type":"counter","help":"Workflow runs.","labelNames":["workflow","status"]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.DefineAsync("""{"name":"queue_depth","type":"gauge","help":"Items waiting."}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.DefineAsync("""{"name":"step_duration_seconds","type":"histogram","help":"Step durations.","labelNames":["step"],"buckets":[0.1,1,10]}""")).StatusCode);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<JsonElement> SeriesAsync(string name) =>
        (await _client.GetFromJsonAsync<JsonElement>($"/metrics/custom/{name}", TestContext.Current.CancellationToken)).GetProperty("series");

    [Fact]
    public async Task Counter_IncDefaultAndValue_AddsUpOnMetrics()
    {
        var one = await _client.RecordAsync("workflow_runs_total", """{"labels":{"workflow":"nightly","status":"ok"}}""");
        var batch = await _client.RecordAsync("workflow_runs_total", """
            {"samples":[{"op":"inc","value":2.5,"labels":{"status":"ok","workflow":"nightly"}},{"labels":{"workflow":"nightly","status":"failed"}}]}
            """);

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var result = await batch.BodyAsync();
        Assert.Equal(2, result.GetProperty("recorded").GetInt32());
        Assert.Equal(2, result.GetProperty("seriesCount").GetInt32());
        var text = await _client.MetricsTextAsync();
        Assert.Contains("workflow_runs_total{workflow=\"nightly\",status=\"ok\"} 3.5\n", text, StringComparison.Ordinal);
        Assert.Contains("workflow_runs_total{workflow=\"nightly\",status=\"failed\"} 1\n", text, StringComparison.Ordinal);
        var series = await SeriesAsync("workflow_runs_total");
        Assert.Equal(1, series[0].GetProperty("value").GetDouble());
        Assert.Equal("failed", series[0].GetProperty("labels").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Gauge_SetIncDec_AppliedInOrder()
    {
        var response = await _client.RecordAsync("queue_depth", """{"samples":[{"op":"set","value":10},{"op":"inc"},{"op":"dec","value":4},{"value":-2.5,"op":"inc"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("queue_depth 4.5\n", await _client.MetricsTextAsync(), StringComparison.Ordinal);
        Assert.Equal(4.5, (await SeriesAsync("queue_depth"))[0].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Histogram_Observe_BucketsCountAndSum()
    {
        var response = await _client.RecordAsync("step_duration_seconds", """
            {"samples":[{"value":0.05,"labels":{"step":"fetch"}},{"op":"observe","value":5,"labels":{"step":"fetch"}},{"value":20,"labels":{"step":"fetch"}}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await _client.MetricsTextAsync();
        Assert.Contains("step_duration_seconds_bucket{step=\"fetch\",le=\"0.1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("step_duration_seconds_bucket{step=\"fetch\",le=\"1\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("step_duration_seconds_bucket{step=\"fetch\",le=\"10\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("step_duration_seconds_bucket{step=\"fetch\",le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("step_duration_seconds_sum{step=\"fetch\"} 25.05\n", text, StringComparison.Ordinal);
        var series = (await SeriesAsync("step_duration_seconds"))[0];
        Assert.Equal(3, series.GetProperty("count").GetInt64());
        Assert.Equal(25.05, series.GetProperty("sum").GetDouble(), 9);
    }

    [Theory]
    [InlineData("workflow_runs_total", """{"value":-1,"labels":{"workflow":"a","status":"ok"}}""", "value", "a counter only goes up")]
    [InlineData("workflow_runs_total", """{"op":"set","value":1,"labels":{"workflow":"a","status":"ok"}}""", "op", "does not apply to a counter: use inc")]
    [InlineData("workflow_runs_total", """{"labels":{"workflow":"a"}}""", "labels", "labels must include 'status'")]
    [InlineData("workflow_runs_total", """{"labels":{"workflow":"a","status":"ok","region":"eu"}}""", "labels", "'region' is not a label of 'workflow_runs_total'")]
    [InlineData("workflow_runs_total", """{"labels":{"workflow":"a","status":null}}""", "labels", "label 'status' needs a string value")]
    [InlineData("queue_depth", """{"value":"NaN"}""", "value", "not NaN")]
    [InlineData("queue_depth", """{"value":"Infinity"}""", "value", "must be finite")]
    [InlineData("queue_depth", """{"value":1e400}""", "value", "must be finite")]
    [InlineData("queue_depth", """{"op":"set"}""", "value", "value is required to set")]
    [InlineData("queue_depth", """{"op":"observe","value":1}""", "op", "use set, inc, dec")]
    [InlineData("queue_depth", """{"op":"reset"}""", "op", "'reset' does not apply")]
    [InlineData("queue_depth", """{"value":1,"labels":{"x":"1"}}""", "labels", "'x' is not a label")]
    [InlineData("step_duration_seconds", """{"labels":{"step":"a"}}""", "value", "value is required to observe")]
    [InlineData("step_duration_seconds", """{"op":"inc","value":1,"labels":{"step":"a"}}""", "op", "use observe")]
    [InlineData("step_duration_seconds", """{"samples":[]}""", "samples", "between 1 and 1000")]
    [InlineData("step_duration_seconds", """{"value":1,"samples":[{"value":1,"labels":{"step":"a"}}]}""", "samples", "not both")]
    [InlineData("step_duration_seconds", """{"samples":[{"value":1,"labels":{"step":"a"}},{"value":"NaN","labels":{"step":"a"}}]}""", "samples[1].value", "not NaN")]
    [InlineData("step_duration_seconds", """{"samples":[null]}""", "samples[0]", "must be an object")]
    public async Task Record_Invalid_BadRequestNamingThePath(string metric, string body, string key, string expected)
    {
        var response = await _client.RecordAsync(metric, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.ErrorsAtAsync(key), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_BatchWithOneBadSample_NothingRecorded()
    {
        var response = await _client.RecordAsync("step_duration_seconds", """
            {"samples":[{"value":1,"labels":{"step":"a"}},{"value":2,"labels":{"step":"a"}},{"value":-1,"labels":{"nope":"a"}}]}
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("samples[2].labels", (await response.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, (await SeriesAsync("step_duration_seconds")).GetArrayLength());
        Assert.DoesNotContain("step_duration_seconds_count{", await _client.MetricsTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_BatchOverLimit_BadRequest()
    {
        var samples = string.Join(",", Enumerable.Range(0, 1001).Select(_ => """{"value":1}"""));

        var response = await _client.RecordAsync("queue_depth", $$"""{"samples":[{{samples}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not 1001", await response.ErrorsAtAsync("samples"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_UnknownMetricOrField_NotFoundOrBadRequest()
    {
        var missing = await _client.RecordAsync("nope_total", """{"value":1}""");
        var unknownField = await _client.RecordAsync("queue_depth", """{"value":1,"timestamp":123}""");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("no custom metric with id 'nope_total'", (await missing.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        Assert.Contains("timestamp", (await unknownField.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_PastMaxSeries_ConflictAndNothingRecorded()
    {
        // Metrics:MaxCustomMetricSeries is 3 in this class.
        var three = await _client.RecordAsync("step_duration_seconds", """
            {"samples":[{"value":1,"labels":{"step":"a"}},{"value":1,"labels":{"step":"b"}},{"value":1,"labels":{"step":"c"}},{"value":1,"labels":{"step":"a"}}]}
            """);
        var fourth = await _client.RecordAsync("step_duration_seconds", """{"value":1,"labels":{"step":"d"}}""");
        var mixed = await _client.RecordAsync("step_duration_seconds", """{"samples":[{"value":1,"labels":{"step":"a"}},{"value":1,"labels":{"step":"e"}}]}""");
        var existing = await _client.RecordAsync("step_duration_seconds", """{"value":1,"labels":{"step":"b"}}""");

        Assert.Equal(HttpStatusCode.OK, three.StatusCode);
        Assert.Equal(3, (await three.BodyAsync()).GetProperty("seriesCount").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
        var problem = await fourth.BodyAsync();
        Assert.Equal("Too many series", problem.GetProperty("title").GetString());
        Assert.Contains("Metrics:MaxCustomMetricSeries = 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, mixed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
        var series = await SeriesAsync("step_duration_seconds");
        Assert.Equal(["a", "b", "c"], series.EnumerateArray().Select(s => s.GetProperty("labels").GetProperty("step").GetString()));
        Assert.Equal(2, series[0].GetProperty("count").GetInt64());
        Assert.Equal(2, series[1].GetProperty("count").GetInt64());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Tests.Unit.Metrics.Custom;

/// <summary>Definitions are durable (SQLite) and re-registered at start-up; values are not; limits, keys and options.</summary>
public sealed class CustomMetricsPersistenceTests
{
    [Fact]
    public async Task Restart_DefinitionsSurviveValuesStartFromZero()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = new MonitoringAppFactory(new() { ["API_KEY"] = "secret" });
        var client = first.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", "secret");
        await client.DefineAsync("""{"name":"workflow_runs_total","type":"counter","help":"Workflow runs.","labelNames":["workflow"]}""");
        await client.DefineAsync("""{"name":"queue_depth","type":"gauge","help":"Items waiting."}""");
        await client.DefineAsync("""{"name":"step_duration_seconds","type":"histogram","help":"Steps.","buckets":[0.5,2]}""");
        await client.RecordAsync("workflow_runs_total", """{"labels":{"workflow":"nightly"},"value":5}""");
        await client.RecordAsync("queue_depth", """{"value":9}""");
        await first.DisposeAsync();

        await using var second = new MonitoringAppFactory(dataDir: first.DataDir);
        var again = second.CreateClient();
        var list = await again.GetFromJsonAsync<JsonElement>("/metrics/custom", ct);
        var histogram = await again.GetFromJsonAsync<JsonElement>("/metrics/custom/step_duration_seconds", ct);
        var text = await again.MetricsTextAsync();

        Assert.Equal(["queue_depth", "step_duration_seconds", "workflow_runs_total"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal([0.5, 2], histogram.GetProperty("buckets").EnumerateArray().Select(b => b.GetDouble()));
        Assert.Equal("api-key", histogram.GetProperty("createdBy").GetString());
        Assert.Contains("# TYPE workflow_runs_total counter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("workflow_runs_total{workflow=\"nightly\"}", text, StringComparison.Ordinal);
        Assert.Contains("queue_depth 0\n", text, StringComparison.Ordinal);
        Assert.Contains("step_duration_seconds_bucket{le=\"0.5\"} 0\n", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await again.DefineAsync("""{"name":"queue_depth","type":"gauge","help":"Items waiting."}""")).StatusCode);
    }

    [Fact]
    public async Task Define_PastMaxCustomMetrics_ConflictNamingTheKey()
    {
        await using var factory = new MonitoringAppFactory(new() { ["Metrics:MaxCustomMetrics"] = "2" });
        var client = factory.CreateClient();
        await client.DefineAsync("""{"name":"one","type":"gauge","help":"h"}""");
        await client.DefineAsync("""{"name":"two","type":"gauge","help":"h"}""");

        var third = await client.DefineAsync("""{"name":"three","type":"gauge","help":"h"}""");
        var identical = await client.DefineAsync("""{"name":"two","type":"gauge","help":"h"}""");

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("Metrics:MaxCustomMetrics = 2", (await third.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, identical.StatusCode);
    }

    [Fact]
    public async Task Mutations_WithoutApiKey_UnauthorizedReadsOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new MonitoringAppFactory(new() { ["API_KEY"] = "secret" });
        var client = factory.CreateClient();
        var keyed = factory.CreateClient();
        keyed.DefaultRequestHeaders.Add("X-API-Key", "secret");
        await keyed.DefineAsync("""{"name":"queue_depth","type":"gauge","help":"h"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DefineAsync("""{"name":"x","type":"gauge","help":"h"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RecordAsync("queue_depth", """{"value":1}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.DeleteAsync("/metrics/custom/queue_depth", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics/custom/queue_depth", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/metrics/custom", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await keyed.RecordAsync("queue_depth", """{"value":1}""")).StatusCode);
    }

    [Theory]
    [InlineData("PROMETHEUS_PUSHGATEWAY", "localhost:9091", "PROMETHEUS_PUSHGATEWAY must be an absolute http:// or https:// URL")]
    [InlineData("Metrics:PushInterval", "00:00:00", "Metrics:PushInterval must be between")]
    [InlineData("Metrics:MaxCustomMetricSeries", "0", "Metrics:MaxCustomMetricSeries must be between 1 and 1000000")]
    public async Task Start_BadSetting_StopsWithKeyNamed(string key, string value, string expected)
    {
        await using var factory = new MonitoringAppFactory(new() { [key] = value });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

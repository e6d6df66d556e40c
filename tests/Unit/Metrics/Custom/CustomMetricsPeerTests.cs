using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Engine.Metrics.Push;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpMonitoring.Tests.Unit.Metrics.Custom;

/// <summary>Real peers (Debian packages): a Pushgateway receives the console's pushes, a Prometheus scrapes its /metrics.</summary>
public sealed class CustomMetricsPeerTests
{
    [Fact]
    public async Task Pushgateway_ReceivesConsoleAndCustomMetrics_DeleteRemovesThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await PeerProcess.StartAsync("prometheus-pushgateway", (port, _) => $"--web.listen-address=127.0.0.1:{port}");
        await using var console = new MonitoringAppFactory(new()
        {
            // The original spec's form of the variable: the gateway's /metrics URL.
            ["PROMETHEUS_PUSHGATEWAY"] = $"{gateway.BaseAddress}metrics",
            ["Metrics:PushInterval"] = "00:00:00.200",
            ["Metrics:PushInstance"] = "console-test",
        });
        var client = console.CreateClient();
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress };
        Assert.Equal(HttpStatusCode.Created, (await client.DefineAsync("""{"name":"workflow_runs_total","type":"counter","help":"Workflow runs.","labelNames":["workflow","status"]}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.DefineAsync("""{"name":"step_duration_seconds","type":"histogram","help":"Step durations.","labelNames":["step"],"buckets":[1,5]}""")).StatusCode);
        await client.RecordAsync("workflow_runs_total", """{"labels":{"workflow":"nightly","status":"ok"},"value":3}""");
        await client.RecordAsync("step_duration_seconds", """{"samples":[{"labels":{"step":"fetch"},"value":2},{"labels":{"step":"fetch"},"value":4}]}""");

        var text = "";
        WaitOrExplain(gateway, () =>
        {
            text = http.GetStringAsync("/metrics", ct).GetAwaiter().GetResult();
            return text.Contains("workflow_runs_total{instance=\"console-test\",job=\"mcp-monitoring\",status=\"ok\",workflow=\"nightly\"} 3\n", StringComparison.Ordinal);
        }, "the Pushgateway holds the recorded counter");

        Assert.Contains("step_duration_seconds_bucket{instance=\"console-test\",job=\"mcp-monitoring\",step=\"fetch\",le=\"5\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("mcpmon_targets{instance=\"console-test\",job=\"mcp-monitoring\",status=\"Healthy\"}", text, StringComparison.Ordinal);
        Assert.Contains("push_time_seconds{instance=\"console-test\",job=\"mcp-monitoring\"}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("push_failure_time_seconds{instance=\"console-test\",job=\"mcp-monitoring\"} 1", text, StringComparison.Ordinal);

        // PUT replaces the group: a deleted metric leaves the gateway with the next push.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/metrics/custom/workflow_runs_total", ct)).StatusCode);
        WaitOrExplain(gateway, () => !http.GetStringAsync("/metrics", ct).GetAwaiter().GetResult().Contains("workflow_runs_total", StringComparison.Ordinal),
            "the deleted counter leaves the Pushgateway");

        var status = console.Services.GetRequiredService<PushgatewayStatus>().Current;
        Assert.True(status.Enabled);
        Assert.Equal($"{gateway.BaseAddress}metrics/job/mcp-monitoring/instance/console-test", status.Target);
        Assert.NotNull(status.LastSuccessAt);
        Assert.Null(status.LastError);
        Assert.Equal(0, status.Failures);
    }

    [Fact]
    public async Task Prometheus_ScrapesConsole_UpAndCustomValues()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var console = new MonitoringAppFactory();
        var address = console.StartOnSocket();
        using var client = new HttpClient { BaseAddress = address };
        await client.DefineAsync("""{"name":"workflow_runs_total","type":"counter","help":"Workflow runs, by \"outcome\" (C:\\runs).","labelNames":["workflow"]}""");
        await client.DefineAsync("""{"name":"queue_depth","type":"gauge","help":"Items waiting.\nPer queue."}""");
        await client.DefineAsync("""{"name":"step_duration_seconds","type":"histogram","help":"Step durations.","labelNames":["step"],"buckets":[1,5]}""");
        await client.RecordAsync("workflow_runs_total", """{"labels":{"workflow":"night\"ly"},"value":3}""");
        await client.RecordAsync("queue_depth", """{"value":7.5}""");
        await client.RecordAsync("step_duration_seconds", """{"samples":[{"labels":{"step":"fetch"},"value":2},{"labels":{"step":"fetch"},"value":4}]}""");

        await using var prometheus = await PeerProcess.StartAsync("prometheus", (port, dir) =>
        {
            File.WriteAllText(Path.Combine(dir, "prometheus.yml"), $$"""
                global: {scrape_interval: 1s, scrape_timeout: 1s}
                scrape_configs:
                  - job_name: console
                    static_configs: [{targets: ["127.0.0.1:{{address.Port}}"]}]
                """);
            return $"--config.file={Path.Combine(dir, "prometheus.yml")} --storage.tsdb.path={Path.Combine(dir, "data")} --web.listen-address=127.0.0.1:{port}";
        });
        using var api = new HttpClient { BaseAddress = prometheus.BaseAddress };
        string? Query(string promql)
        {
            var body = api.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(promql)}", ct).GetAwaiter().GetResult();
            var result = body.GetProperty("data").GetProperty("result");
            return result.GetArrayLength() == 1 ? result[0].GetProperty("value")[1].GetString() : null;
        }

        // up is 1 only when the whole exposition (OpenMetrics, which Prometheus asks for) parsed.
        WaitOrExplain(prometheus, () => Query("""up{job="console"}""") == "1", "Prometheus scraped the console successfully");
        WaitOrExplain(prometheus, () => Query("""workflow_runs_total{job="console",workflow="night\"ly"}""") == "3", "the custom counter is in Prometheus");

        Assert.Equal("7.5", Query("""queue_depth{job="console"}"""));
        Assert.Equal("2", Query("""step_duration_seconds_count{job="console",step="fetch"}"""));
        Assert.Equal("0", Query("""step_duration_seconds_bucket{job="console",step="fetch",le="1.0"}"""));
        Assert.Equal("2", Query("""step_duration_seconds_bucket{job="console",step="fetch",le="5.0"}"""));
        var metadata = await api.GetFromJsonAsync<JsonElement>("/api/v1/targets/metadata?metric=queue_depth", ct);
        Assert.Equal("Items waiting.\nPer queue.", metadata.GetProperty("data")[0].GetProperty("help").GetString());
    }

    private static void WaitOrExplain(PeerProcess peer, Func<bool> condition, string what)
    {
        try
        {
            Wait.Until(condition, what, TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nThe peer said:\n{peer.Output}", ex);
        }
    }
}

using System.Diagnostics;
using McpMonitoring.Engine.Health;
using McpMonitoring.Tests.Unit.Infrastructure;
using McpMonitoring.Tests.Unit.Metrics.Custom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpMonitoring.Tests.Unit.Api;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_PerTargetSeries_AcceptedByPromtool()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new MonitoringAppFactory();
        var client = factory.CreateClient();
        var monitor = factory.Services.GetRequiredService<HealthMonitor>();
        monitor.Upsert(new TargetDefinition { Name = "files-mcp", Kind = TargetKind.Mcp, Url = "http://127.0.0.1:9/mcp", Interval = TimeSpan.FromHours(1) }, TargetSource.Api);
        monitor.TryGetRuntime("files-mcp", out var runtime);
        monitor.ApplyResult(runtime, ProbeResult.Ok(TimeSpan.FromMilliseconds(42), new McpServerDetails("2025-11-25", "files", "1.0", 7, "abc", "streamable-http")));

        var text = await client.GetStringAsync("/metrics", ct);

        Assert.Contains("mcpmon_target_up{target=\"files-mcp\",kind=\"mcp\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("mcpmon_mcp_tools{target=\"files-mcp\"} 7", text, StringComparison.Ordinal);
        Assert.Contains("mcpmon_target_latency_seconds{target=\"files-mcp\",kind=\"mcp\"} 0.042", text, StringComparison.Ordinal);
        Assert.Contains("mcpmon_probe_duration_seconds_bucket{kind=\"mcp\",le=\"0.05\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("mcpmon_targets{status=\"Healthy\"}", text, StringComparison.Ordinal);

        var (exitCode, output) = await RunPromtoolAsync(text, ct);
        Assert.True(exitCode == 0, $"promtool check metrics failed: {output}");
    }

    [Fact]
    public async Task Metrics_CustomCountersGaugesHistograms_AcceptedByPromtool()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new MonitoringAppFactory();
        var client = factory.CreateClient();
        await client.DefineAsync("""{"name":"workflow_runs_total","type":"counter","help":"Workflow runs, by \"outcome\".\nSecond line \\ backslash.","labelNames":["workflow","status"]}""");
        await client.DefineAsync("""{"name":"jobs_processed_total","type":"counter","help":"Jobs processed (no labels)."}""");
        await client.DefineAsync("""{"name":"queue_depth","type":"gauge","help":"Items waiting.","labelNames":["queue"]}""");
        await client.DefineAsync("""{"name":"workers_busy","type":"gauge","help":"Busy workers."}""");
        await client.DefineAsync("""{"name":"step_duration_seconds","type":"histogram","help":"Step durations.","labelNames":["step"],"buckets":[0.1,1,10]}""");
        await client.DefineAsync("""{"name":"payload_size_bytes","type":"histogram","help":"Payload sizes."}""");
        await client.DefineAsync("""{"name":"never_recorded_total","type":"counter","help":"Defined, no sample yet.","labelNames":["x"]}""");
        await client.RecordAsync("workflow_runs_total", """{"samples":[{"labels":{"workflow":"night\"ly\n\\","status":"ok"},"value":3},{"labels":{"workflow":"","status":"failed"}}]}""");
        await client.RecordAsync("jobs_processed_total", """{"value":12}""");
        await client.RecordAsync("queue_depth", """{"samples":[{"labels":{"queue":"a"},"value":-4},{"labels":{"queue":"b"},"value":1e300}]}""");
        await client.RecordAsync("workers_busy", """{"op":"inc","value":2}""");
        await client.RecordAsync("step_duration_seconds", """{"samples":[{"labels":{"step":"fetch"},"value":0.05},{"labels":{"step":"fetch"},"value":50}]}""");
        await client.RecordAsync("payload_size_bytes", """{"value":1024}""");

        var text = await client.MetricsTextAsync();

        Assert.Contains("# HELP workflow_runs_total Workflow runs, by \"outcome\".\\nSecond line \\\\ backslash.", text, StringComparison.Ordinal);
        Assert.Contains("workflow_runs_total{workflow=\"night\\\"ly\\n\\\\\",status=\"ok\"} 3", text, StringComparison.Ordinal);
        Assert.Contains("step_duration_seconds_bucket{step=\"fetch\",le=\"+Inf\"} 2", text, StringComparison.Ordinal);
        Assert.Contains("mcpmon_targets{status=\"Healthy\"}", text, StringComparison.Ordinal);
        var (exitCode, output) = await RunPromtoolAsync(text, ct);
        Assert.True(exitCode == 0, $"promtool check metrics failed: {output}\n{text}");
    }

    [Fact]
    public async Task Metrics_ConsoleLaterExportsCustomName_LeftOutOnceStillValid()
    {
        var ct = TestContext.Current.CancellationToken;
        var logs = new CapturingLoggerProvider();
        await using var factory = new MonitoringAppFactory { ConfigureTestServices = s => s.AddSingleton<ILoggerProvider>(logs) };
        var client = factory.CreateClient();
        await client.DefineAsync("""{"name":"customtest_late_arrival_total","type":"counter","help":"Defined before the console had it."}""");

        // A meter appearing late in the console's own registry takes the name (the define-time check could not see it).
        Prometheus.Metrics.CreateCounter("customtest_late_arrival_total", "The console's own.");
        var first = await client.MetricsTextAsync();
        var second = await client.MetricsTextAsync();

        Assert.Single(first.Split('\n'), l => l.StartsWith("# TYPE customtest_late_arrival_total ", StringComparison.Ordinal));
        Assert.Contains("# HELP customtest_late_arrival_total The console's own.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Defined before the console had it.", first + second, StringComparison.Ordinal);
        Assert.Single(logs.Lines, l => l.Contains("customtest_late_arrival_total is left out of /metrics", StringComparison.Ordinal));
        var (exitCode, output) = await RunPromtoolAsync(first, ct);
        Assert.True(exitCode == 0, $"promtool check metrics failed: {output}");
    }

    /// <summary>Runs <c>promtool check metrics</c> (lint included) on an exposition.</summary>
    internal static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string metrics, CancellationToken ct)
    {
        var start = new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(metrics.AsMemory(), ct);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }
}

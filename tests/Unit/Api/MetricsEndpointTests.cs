using System.Diagnostics;
using McpMonitoring.Engine.Health;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

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

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string metrics, CancellationToken ct)
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

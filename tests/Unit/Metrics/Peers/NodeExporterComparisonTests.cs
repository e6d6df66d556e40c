using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace McpMonitoring.Tests.Unit.Metrics.Peers;

/// <summary>
/// The console and a real Prometheus (Debian packages) scrape the same real prometheus-node-exporter: every series
/// Prometheus stores for the exporter's constant metrics has the same labels and the same value in the console.
/// </summary>
public sealed class NodeExporterComparisonTests
{
    /// <summary>Metrics whose values do not change between two scrapes a second apart.</summary>
    private const string ConstantMetrics = "node_memory_MemTotal_bytes|node_filesystem_size_bytes|node_filesystem_files|node_exporter_build_info|node_uname_info|go_info|node_boot_time_seconds|node_scrape_collector_success|node_network_mtu_bytes|node_os_info|process_max_fds|node_cpu_info";

    [Fact]
    public async Task Console_Stores_The_Same_Series_And_Values_As_Prometheus()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var exporter = await PeerProcess.StartAsync("prometheus-node-exporter", (port, _) => $"--web.listen-address=127.0.0.1:{port}", readyPath: "/metrics");
        var scrapeConfig = $$"""
            global: {scrape_interval: 1s, scrape_timeout: 1s}
            scrape_configs:
              - job_name: node
                static_configs: [{targets: ["127.0.0.1:{{exporter.Port}}"], labels: {env: test} }]
            """;
        await using var prometheus = await PeerProcess.StartAsync("prometheus", (port, dir) =>
        {
            File.WriteAllText(Path.Combine(dir, "prometheus.yml"), scrapeConfig);
            return $"--config.file={Path.Combine(dir, "prometheus.yml")} --storage.tsdb.path={Path.Combine(dir, "data")} --web.listen-address=127.0.0.1:{port}";
        });
        await using var console = new MonitoringAppFactory();
        File.WriteAllText(Path.Combine(console.DataDir, "config", "prometheus.yml"), scrapeConfig);
        using var client = console.CreateClient();
        var store = console.Services.GetRequiredService<TimeSeriesStore>();
        using var prometheusApi = new HttpClient { BaseAddress = prometheus.BaseAddress };

        List<JsonElement> expected = [];
        Wait.Until(() =>
        {
            var answer = prometheusApi.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString($"{{__name__=~\"{ConstantMetrics}\",job=\"node\"}}")}", ct).GetAwaiter().GetResult();
            expected = [.. answer.GetProperty("data").GetProperty("result").EnumerateArray()];
            return expected.Count > 0 && store.Select("up", []).Any(s => store.Latest(s.Id)?.Value == 1);
        }, "Prometheus and the console both scraped the node exporter", TimeSpan.FromSeconds(60));

        Assert.True(expected.Count >= 10, $"only {expected.Count} constant series to compare");
        foreach (var series in expected)
        {
            var labels = series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            var value = double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
            var matches = store.Select(labels["__name__"], []).Where(s => s.Labels.ToDictionary().OrderBy(kv => kv.Key).SequenceEqual(labels.OrderBy(kv => kv.Key))).ToList();
            var match = Assert.Single(matches);
            Assert.Equal(value, store.Latest(match.Id)!.Value.Value);
        }

        // Same series identities for a metric with many label combinations.
        var cpu = await prometheusApi.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString("node_cpu_seconds_total{job=\"node\"}")}", ct);
        var prometheusCpu = cpu.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(s => string.Join(",", s.GetProperty("metric").EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetString()}")))
            .Order(StringComparer.Ordinal).ToList();
        var consoleCpu = store.Select("node_cpu_seconds_total", [])
            .Select(s => string.Join(",", s.Labels.Labels.Select(l => $"{l.Name}={l.Value}")))
            .Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(prometheusCpu);
        Assert.Equal(prometheusCpu, consoleCpu);
    }
}

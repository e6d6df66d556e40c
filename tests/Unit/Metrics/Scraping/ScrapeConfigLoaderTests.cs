using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Scraping;

namespace McpMonitoring.Tests.Unit.Metrics.Scraping;

public sealed class ScrapeConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpmon-promyml-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Global_And_Job_Settings_Follow_Prometheus_Defaults()
    {
        var config = Load("""
            global:
              scrape_interval: 30s
              scrape_timeout: 20s
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ["10.0.0.1:9100", "10.0.0.2:9100"]
                    labels: {env: prod}
              - job_name: fast
                scrape_interval: 5s
                metrics_path: /custom/metrics
                scheme: https
                honor_labels: true
                honor_timestamps: false
                sample_limit: 500
                static_configs:
                  - targets: ["api:8443"]
            """);

        Assert.Empty(config.IgnoredKeys);
        Assert.Equal(3, config.Targets.Count);
        var node = config.Targets[0];
        Assert.Equal("node/10.0.0.1:9100", node.Name);
        Assert.Equal("node", node.Job);
        Assert.Equal(new Uri("http://10.0.0.1:9100/metrics"), node.Url);
        Assert.Equal(TimeSpan.FromSeconds(30), node.Interval);
        Assert.Equal(TimeSpan.FromSeconds(20), node.Timeout);
        Assert.Equal("prod", node.Labels["env"]);
        Assert.Equal("10.0.0.1:9100", node.Instance);
        Assert.False(node.HonorLabels);
        Assert.Equal(ScrapeTargetSource.Config, node.Source);

        var fast = config.Targets[2];
        Assert.Equal(new Uri("https://api:8443/custom/metrics"), fast.Url);
        Assert.Equal(TimeSpan.FromSeconds(5), fast.Interval);
        Assert.Equal(TimeSpan.FromSeconds(5), fast.Timeout); // the global 20s timeout is capped at the job's interval
        Assert.True(fast.HonorLabels);
        Assert.False(fast.HonorTimestamps);
        Assert.Equal(500, fast.SampleLimit);
    }

    [Fact]
    public void Without_Global_Section_Options_Give_The_Defaults()
    {
        var config = Load("""
            scrape_configs:
              - job_name: a
                static_configs: [{targets: ["h:1"]}]
            """, new MetricsOptions { DefaultScrapeInterval = TimeSpan.FromSeconds(15), DefaultScrapeTimeout = TimeSpan.FromSeconds(10) });
        Assert.Equal(TimeSpan.FromSeconds(15), config.Targets[0].Interval);
        Assert.Equal(TimeSpan.FromSeconds(10), config.Targets[0].Timeout);
    }

    [Fact]
    public void Known_Prometheus_Keys_The_Console_Does_Not_Use_Are_Reported_Not_Rejected()
    {
        var config = Load("""
            global: {scrape_interval: 15s, evaluation_interval: 15s, external_labels: {cluster: a}}
            rule_files: [rules.yml]
            alerting: {alertmanagers: [{static_configs: [{targets: ["am:9093"]}]}]}
            remote_write: [{url: "http://remote/write"}]
            scrape_configs:
              - job_name: k
                relabel_configs: [{source_labels: [a], target_label: b}]
                file_sd_configs: [{files: [x.json]}]
                static_configs: [{targets: ["h:1"]}]
            """);
        Assert.Equal(["rule_files", "alerting", "remote_write", "global.external_labels", "scrape_configs[k].relabel_configs", "scrape_configs[k].file_sd_configs"], config.IgnoredKeys);
        Assert.Single(config.Targets);
    }

    [Fact]
    public void Same_Endpoint_With_Other_Labels_Is_Another_Target()
    {
        var config = Load("""
            scrape_configs:
              - job_name: load
                static_configs:
                  - targets: ["127.0.0.1:8080"]
                    labels: {t: "1"}
                  - targets: ["127.0.0.1:8080"]
                    labels: {t: "2"}
            """);
        Assert.Equal(["load/127.0.0.1:8080", "load/127.0.0.1:8080{t=\"2\"}"], config.Targets.Select(t => t.Name));
        Assert.All(config.Targets, t => Assert.Equal("127.0.0.1:8080", t.Instance));
    }

    [Fact]
    public void Missing_File_Means_No_Targets() =>
        Assert.Empty(ScrapeConfigLoader.Load(Path.Combine(_dir, "absent.yml"), new MetricsOptions()).Targets);

    [Theory]
    [InlineData("scrape_configs: [{static_configs: [{targets: [\"h:1\"]}]}]", "has no job_name")]
    [InlineData("scrape_configs: [{job_name: a, static_configs: [{targets: [\"h:1\"]}]}, {job_name: a, static_configs: [{targets: [\"h:2\"]}]}]", "job 'a': job_name is used twice")]
    [InlineData("scrape_configs: [{job_name: a, scheme: ftp, static_configs: [{targets: [\"h:1\"]}]}]", "scheme 'ftp' is not http or https")]
    [InlineData("scrape_configs: [{job_name: a, metrics_path: metrics, static_configs: [{targets: [\"h:1\"]}]}]", "metrics_path 'metrics' must start with '/'")]
    [InlineData("scrape_configs: [{job_name: a, static_configs: [{targets: [\"http://h:1/metrics\"]}]}]", "target 'http://h:1/metrics' is not host:port")]
    [InlineData("scrape_configs: [{job_name: a, static_configs: [{targets: [\"h:1\", \"h:1\"]}]}]", "target 'h:1' is listed twice")]
    [InlineData("scrape_configs: [{job_name: a, scrape_interval: 5s, scrape_timeout: 10s, static_configs: [{targets: [\"h:1\"]}]}]", "timeout must be positive and not longer than the interval")]
    [InlineData("global: {scrape_interval: 5s, scrape_timeout: 10s}", "global scrape_timeout (10s) is longer than scrape_interval (5s)")]
    [InlineData("scrape_configs: [{job_name: a, static_configs: [{targets: [\"h:1\"], labels: {\"bad-name\": x}}]}]", "'bad-name' is not a valid label name")]
    [InlineData("scrape_configs: [{job_name: a, static_configs: [{targets: [\"h:1\"], labels: {__reserved: x}}]}]", "label names starting with __ are reserved")]
    [InlineData("scrape_configs: [{job_name: a, scrape_interval: fast, static_configs: [{targets: [\"h:1\"]}]}]", "'fast' is not a duration")]
    [InlineData("scrape_configs: [{job_name: a, scrape_intervall: 5s}]", "scrape_intervall")]
    public void Invalid_Files_Are_Rejected_Naming_The_Problem(string yaml, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => Load(yaml));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("prometheus.yml", ex.Message, StringComparison.Ordinal);
    }

    private ScrapeConfiguration Load(string yaml, MetricsOptions? options = null)
    {
        var path = Path.Combine(_dir, "prometheus.yml");
        File.WriteAllText(path, yaml);
        return ScrapeConfigLoader.Load(path, options ?? new MetricsOptions());
    }
}

using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Custom;
using McpMonitoring.Engine.Metrics.Push;

namespace McpMonitoring.Tests.Unit.Metrics.Custom;

/// <summary>The name rules mirror promtool's lint (client_golang promlint) plus the names the console, scraper and Pushgateway own.</summary>
public sealed class CustomMetricNamesTests
{
    [Theory]
    [InlineData("workflow_runs_total", CustomMetricType.Counter)]
    [InlineData("queue_depth", CustomMetricType.Gauge)]
    [InlineData("step_duration_seconds", CustomMetricType.Histogram)]
    [InlineData("payload_size_bytes", CustomMetricType.Histogram)]
    [InlineData("_leading_underscore", CustomMetricType.Gauge)]
    [InlineData("ABC", CustomMetricType.Gauge)]
    public void MetricNameProblems_ValidName_None(string name, CustomMetricType type) =>
        Assert.Empty(CustomMetricNames.MetricNameProblems(name, type));

    [Theory]
    [InlineData("1starts_with_digit", CustomMetricType.Gauge, "is not a Prometheus metric name")]
    [InlineData("has-dash", CustomMetricType.Gauge, "is not a Prometheus metric name")]
    [InlineData("job:rate5m", CustomMetricType.Gauge, "must not contain ':'")]
    [InlineData("mcpmon_my_total", CustomMetricType.Counter, "the console's own")]
    [InlineData("__internal", CustomMetricType.Gauge, "Prometheus-internal")]
    [InlineData("process_cpu_seconds_total", CustomMetricType.Counter, "prefix is reserved")]
    [InlineData("up", CustomMetricType.Gauge, "is reserved")]
    [InlineData("push_time_seconds", CustomMetricType.Gauge, "is reserved")]
    [InlineData("runsTotal_total", CustomMetricType.Counter, "snake_case")]
    [InlineData("workflow_runs", CustomMetricType.Counter, "must end with '_total'")]
    [InlineData("queue_total", CustomMetricType.Gauge, "only counters end with '_total'")]
    [InlineData("latency_total", CustomMetricType.Histogram, "only counters end with '_total'")]
    [InlineData("requests_count", CustomMetricType.Gauge, "must not end with '_count'")]
    [InlineData("latency_sum", CustomMetricType.Histogram, "must not end with '_sum'")]
    [InlineData("latency_bucket", CustomMetricType.Histogram, "must not end with '_bucket'")]
    [InlineData("queue_gauge", CustomMetricType.Gauge, "type 'gauge'")]
    [InlineData("my_counter_total", CustomMetricType.Counter, "type 'counter'")]
    [InlineData("latency_histogram_seconds", CustomMetricType.Histogram, "type 'histogram'")]
    [InlineData("latency_ms", CustomMetricType.Histogram, "abbreviated unit 'ms'")]
    [InlineData("uptime_s", CustomMetricType.Gauge, "abbreviated unit 's'")]
    [InlineData("latency_milliseconds", CustomMetricType.Histogram, "base unit 'seconds', not 'milliseconds'")]
    [InlineData("size_kilobytes", CustomMetricType.Gauge, "base unit 'bytes', not 'kilobytes'")]
    public void MetricNameProblems_BadName_NamesTheRule(string name, CustomMetricType type, string expected) =>
        Assert.Contains(CustomMetricNames.MetricNameProblems(name, type), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void MetricNameProblems_TooLong_Rejected() =>
        Assert.Contains(CustomMetricNames.MetricNameProblems(new string('a', 201), CustomMetricType.Gauge), p => p.Contains("at most 200", StringComparison.Ordinal));

    [Theory]
    [InlineData("workflow")]
    [InlineData("_private")]
    [InlineData("Status")]
    public void LabelNameProblems_ValidLabel_None(string label) => Assert.Empty(CustomMetricNames.LabelNameProblems(label));

    [Theory]
    [InlineData("a-b", "not a Prometheus label name")]
    [InlineData("9lives", "not a Prometheus label name")]
    [InlineData("__name__", "must not start with '__'")]
    [InlineData("le", "histogram buckets")]
    [InlineData("quantile", "summary quantiles")]
    [InlineData("job", "grouping key")]
    [InlineData("instance", "grouping key")]
    [InlineData("workflowName", "snake_case")]
    public void LabelNameProblems_BadLabel_NamesTheRule(string label, string expected) =>
        Assert.Contains(CustomMetricNames.LabelNameProblems(label), p => p.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void Claims_CounterAndHistogram_CoverBothFormatsAndSuffixes()
    {
        Assert.Equal(["runs_total", "runs", "runs_total", "runs_created"], CustomMetricNames.Claims("runs_total", "counter"));
        Assert.Equal(["runs", "runs", "runs_total", "runs_created"], CustomMetricNames.Claims("runs", "counter"));
        Assert.Contains("step_seconds_bucket", CustomMetricNames.Claims("step_seconds", "histogram"));
        Assert.Equal(["depth"], CustomMetricNames.Claims("depth", "gauge"));
    }

    [Theory]
    [InlineData("http://localhost:10200/metrics", "http://localhost:10200/metrics/job/mcp-monitoring/instance/host-1")]
    [InlineData("http://localhost:10200/metrics/", "http://localhost:10200/metrics/job/mcp-monitoring/instance/host-1")]
    [InlineData("http://localhost:9091", "http://localhost:9091/metrics/job/mcp-monitoring/instance/host-1")]
    [InlineData("https://gw.example/prefix/", "https://gw.example/prefix/metrics/job/mcp-monitoring/instance/host-1")]
    public void PushgatewayAddress_WithOrWithoutMetricsSuffix_SameGroupUrl(string configured, string expected)
    {
        Assert.True(PushgatewayAddress.TryParse(configured, out var baseUri, out var error), error);
        Assert.Equal(expected, PushgatewayAddress.GroupUri(baseUri, "mcp-monitoring", "host-1").ToString());
    }

    [Fact]
    public void PushgatewayAddress_SlashOrEmptyValue_Base64Segment()
    {
        PushgatewayAddress.TryParse("http://gw:9091", out var baseUri, out _);
        Assert.Equal("http://gw:9091/metrics/job/a%20b/instance@base64/=", PushgatewayAddress.GroupUri(baseUri, "a b", "").AbsoluteUri);
        Assert.Equal("http://gw:9091/metrics/job/j/instance@base64/aG9zdC8x", PushgatewayAddress.GroupUri(baseUri, "j", "host/1").ToString());
    }

    [Theory]
    [InlineData("localhost:9091")]
    [InlineData("ftp://gw:9091")]
    [InlineData("/metrics")]
    [InlineData("http://gw:9091/metrics?x=1")]
    public void PushgatewayOptionsValidator_BadUrl_NamesTheVariable(string url)
    {
        var result = new PushgatewayOptionsValidator().Validate(null, new PushgatewayOptions { Url = url });
        Assert.False(result.Succeeded);
        Assert.StartsWith("PROMETHEUS_PUSHGATEWAY must", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void PushgatewayOptionsValidator_Unset_Valid() =>
        Assert.True(new PushgatewayOptionsValidator().Validate(null, new PushgatewayOptions { Url = " " }).Succeeded);

    [Fact]
    public void CustomMetricsOptionsValidator_Defaults_Valid() =>
        Assert.True(new CustomMetricsOptionsValidator().Validate(null, new MetricsOptions()).Succeeded);

    [Fact]
    public void CustomMetricsOptionsValidator_BadValues_EveryErrorNamesItsKey()
    {
        var result = new CustomMetricsOptionsValidator().Validate(null, new MetricsOptions
        {
            PushInterval = TimeSpan.Zero,
            PushJob = " ",
            MaxCustomMetrics = 0,
            MaxCustomMetricSeries = 0,
        });

        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Metrics:PushInterval must be between", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Metrics:PushJob must not be empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Metrics:MaxCustomMetrics must be between", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Metrics:MaxCustomMetricSeries must be between", StringComparison.Ordinal));
    }
}

using System.Collections.Concurrent;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Custom;
using McpMonitoring.Engine.Metrics.Push;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpMonitoring.Tests.Unit.Metrics.Custom;

/// <summary>The push loop against a scripted gateway, driven by a fake clock: what is sent, where, and how failures are handled.</summary>
public sealed class CustomMetricsPushTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    private sealed record Push(string Method, string Path, string? ContentType, string Body);

    private sealed class OneClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private static (PushgatewayPusher Pusher, PushgatewayStatus Status, FakeTimeProvider Time) CreatePusher(string url, ILogger<PushgatewayPusher> logger)
    {
        var console = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.Metrics.WithCustomRegistry(console).CreateGauge("console_own_value", "The console's own metric.").Set(1);
        var custom = new CustomMetricSet();
        var metric = new CustomMetric(new CustomMetricDefinition("workflow_runs_total", CustomMetricType.Counter, "Runs.", ["workflow"], null, DateTimeOffset.UnixEpoch, "test"));
        custom.Put(metric);
        metric.TryApply([new CustomSample(CustomSampleOp.Inc, 3, new LabelValues(["nightly"]))], 10, out _);
        var writer = new ConsoleMetricsWriter(console, custom, NullLogger<ConsoleMetricsWriter>.Instance);
        var status = new PushgatewayStatus();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var pusher = new PushgatewayPusher(
            Options.Create(new PushgatewayOptions { Url = url }),
            Options.Create(new MetricsOptions { PushInterval = Interval, PushInstance = "unit test" }),
            writer, status, new OneClientFactory(), time, logger);
        return (pusher, status, time);
    }

    [Fact]
    public async Task Push_FailingThenRecovering_LoggedOncePerChangeCountedAndReported()
    {
        var ct = TestContext.Current.CancellationToken;
        var pushes = new ConcurrentQueue<Push>();
        await using var gateway = await LocalHttpServer.StartAsync(app => app.MapPut("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            pushes.Enqueue(new Push(context.Request.Method, context.Request.Path + "", context.Request.ContentType, await reader.ReadToEndAsync()));
            return pushes.Count <= 2 ? Results.Text("gateway down", statusCode: 503) : Results.Ok();
        }));
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(logs));
        var (pusher, status, time) = CreatePusher($"{gateway.BaseAddress}gw/metrics", loggers.CreateLogger<PushgatewayPusher>());
        var failuresBefore = PushgatewayPusher.Failures.Value;

        await pusher.StartAsync(ct);
        Wait.Until(() => status.Current.Pushes == 1, "the first push, at start");
        var afterFirst = status.Current;
        time.Advance(Interval);
        Wait.Until(() => status.Current.Pushes == 2, "the second push, one interval later");
        time.Advance(Interval);
        Wait.Until(() => status.Current.Pushes == 3, "the third push");
        await pusher.StopAsync(ct);

        Assert.True(afterFirst.Enabled);
        Assert.Equal(1, afterFirst.ConsecutiveFailures);
        Assert.StartsWith("HTTP 503 Service Unavailable: gateway down", afterFirst.LastError, StringComparison.Ordinal);
        var final = status.Current;
        Assert.Null(final.LastError);
        Assert.Equal(0, final.ConsecutiveFailures);
        Assert.Equal(2, final.Failures);
        Assert.Equal(time.GetUtcNow(), final.LastSuccessAt);
        Assert.Equal(time.GetUtcNow() - Interval, final.LastFailureAt);
        Assert.Equal($"{gateway.BaseAddress}gw/metrics/job/mcp-monitoring/instance/unit%20test", final.Target);
        Assert.True(PushgatewayPusher.Failures.Value >= failuresBefore + 2);

        Assert.Equal(3, pushes.Count);
        var push = pushes.Last();
        Assert.Equal("PUT", push.Method);
        Assert.Equal("/gw/metrics/job/mcp-monitoring/instance/unit%20test", push.Path);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", push.ContentType);
        Assert.Contains("console_own_value 1\n", push.Body, StringComparison.Ordinal);
        Assert.Contains("workflow_runs_total{workflow=\"nightly\"} 3\n", push.Body, StringComparison.Ordinal);

        Assert.Single(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("failed: HTTP 503", StringComparison.Ordinal));
        Assert.Single(logs.Lines, l => l.Contains("works again after 2 failed attempts", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_NothingListening_FailureRecordedLoopKeepsRunning()
    {
        var ct = TestContext.Current.CancellationToken;
        var (pusher, status, time) = CreatePusher("http://127.0.0.1:1/metrics", NullLogger<PushgatewayPusher>.Instance);

        await pusher.StartAsync(ct);
        Wait.Until(() => status.Current.Pushes == 1, "the first attempt");
        time.Advance(Interval);
        Wait.Until(() => status.Current.Pushes == 2, "the next attempt, one interval later");
        await pusher.StopAsync(ct);

        Assert.Equal(2, status.Current.ConsecutiveFailures);
        Assert.False(string.IsNullOrEmpty(status.Current.LastError));
        Assert.Null(status.Current.LastSuccessAt);
        Assert.Null(pusher.ExecuteTask?.Exception);
    }

    [Fact]
    public async Task Push_GatewayUnset_DisabledAndNothingSent()
    {
        var (pusher, status, _) = CreatePusher("", NullLogger<PushgatewayPusher>.Instance);

        await pusher.StartAsync(TestContext.Current.CancellationToken);
        await pusher.ExecuteTask!;

        Assert.False(status.Current.Enabled);
        Assert.Equal(0, status.Current.Pushes);
    }
}

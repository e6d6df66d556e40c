using System.Globalization;
using System.Text;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Scheduling;
using McpMonitoring.Engine.Metrics.Push;
using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Web.Api;

/// <summary>
/// GET /metrics/summary: the human-readable counterpart of /metrics. JSON by default; plain text with
/// <c>?format=text</c> or <c>Accept: text/plain</c>.
/// </summary>
public static class MetricsSummaryApi
{
    public const int TopMetricCount = 10;

    public static IEndpointRouteBuilder MapMetricsSummaryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics/summary", GetSummary).WithTags("Metrics").WithSummary("Human-readable summary: fleet health, scrape targets, the store, top metrics");
        return app;
    }

    public static IResult GetSummary(HttpRequest request, HealthMonitor monitor, ProbeScheduler scheduler, ScrapeTargetService scrapes, TimeSeriesStore store, PushgatewayStatus push, string? format = null)
    {
        var summary = Build(monitor, scheduler, scrapes, store, push);
        var wantsText = string.Equals(format, "text", StringComparison.OrdinalIgnoreCase)
            || (format is null && request.Headers.Accept.ToString().StartsWith("text/plain", StringComparison.OrdinalIgnoreCase));
        return wantsText ? TypedResults.Text(ToText(summary), "text/plain; charset=utf-8") : TypedResults.Ok(summary);
    }

    public static MetricsSummary Build(HealthMonitor monitor, ProbeScheduler scheduler, ScrapeTargetService scrapes, TimeSeriesStore store, PushgatewayStatus push)
    {
        var states = monitor.GetAll();
        var latencies = states.Where(s => s.LatencyMs is not null).Select(s => s.LatencyMs!.Value).Order().ToArray();
        var targets = scrapes.GetAll();
        var stats = store.GetStats();
        return new MetricsSummary(
            monitor.GetCounts(),
            scheduler.ProbesStarted,
            latencies.Length == 0 ? null : latencies[latencies.Length / 2],
            latencies.Length == 0 ? null : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(latencies.Length * 0.99) - 1)],
            [.. states.Where(s => s.LatencyMs is not null).OrderByDescending(s => s.LatencyMs).Take(10)
                .Select(s => new SlowTarget(s.Name, s.Kind, s.LatencyMs!.Value, s.Status))],
            new ScrapeSummary(
                targets.Count(t => t.Health == ScrapeHealth.Up),
                targets.Count(t => t.Health == ScrapeHealth.Down),
                targets.Count(t => t.Health == ScrapeHealth.Unknown),
                [.. targets.Select(t => new ScrapeTargetLine(t.Target.Name, t.Target.Job, t.Target.Instance, t.Health, t.SamplesScraped, t.LastScrape, t.LastDurationSeconds, t.LastError))],
                scrapes.IgnoredConfigKeys),
            new StoreSummary(stats.Series, stats.Samples, stats.ChunkBytes, Math.Round(stats.BytesPerSample, 3), stats.SeriesRejected),
            [.. store.TopMetrics(TopMetricCount).Select(m => new TopMetric(m.Metric, m.Series))],
            push.Current);
    }

    private static string ToText(MetricsSummary s)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Health: {s.Targets.Healthy} healthy, {s.Targets.Degraded} degraded, {s.Targets.Unhealthy} unhealthy, {s.Targets.Impacted} impacted, {s.Targets.Unknown} unknown; {s.ProbesStarted} probes run");
        if (s.LatencyP50Ms is { } p50)
        {
            text.AppendLine(c, $"Probe latency: p50 {p50:0.#} ms, p99 {s.LatencyP99Ms:0.#} ms");
        }

        text.AppendLine();
        text.AppendLine(c, $"Scrape targets: {s.Scrape.Up} up, {s.Scrape.Down} down, {s.Scrape.Unknown} not scraped yet");
        foreach (var t in s.Scrape.Targets)
        {
            var last = t.LastScrape is { } at ? at.ToString("u", c) : "never";
            text.AppendLine(c, $"  {t.Health.ToString().ToLowerInvariant(),-7} {t.Name}  samples={t.Samples} last={last} duration={t.DurationSeconds * 1000:0.#}ms{(t.Error is null ? "" : $" error={t.Error}")}");
        }

        if (s.Scrape.IgnoredConfigKeys.Count > 0)
        {
            text.AppendLine(c, $"  prometheus.yml keys read but not acted on: {string.Join(", ", s.Scrape.IgnoredConfigKeys)}");
        }

        text.AppendLine();
        text.AppendLine(c, $"Store: {s.Store.Series} series, {s.Store.Samples} samples in memory, {s.Store.ChunkBytes} bytes ({s.Store.BytesPerSample} bytes/sample), {s.Store.SeriesRejected} series rejected by the limit");
        text.AppendLine("Top metrics by series:");
        foreach (var m in s.TopMetrics)
        {
            text.AppendLine(c, $"  {m.Series,8}  {m.Metric}");
        }

        text.AppendLine();
        var p = s.Pushgateway;
        text.AppendLine(!p.Enabled ? "Pushgateway: not configured (PROMETHEUS_PUSHGATEWAY)"
            : FormattableString.Invariant($"Pushgateway: {p.Target} every {p.Interval}; {p.Pushes} pushes, {p.Failures} failed; last success {p.LastSuccessAt?.ToString("u", c) ?? "never"}{(p.LastError is null ? "" : $"; last error: {p.LastError}")}"));
        return text.ToString();
    }
}

public sealed record MetricsSummary(
    HealthCounts Targets,
    long ProbesStarted,
    double? LatencyP50Ms,
    double? LatencyP99Ms,
    IReadOnlyList<SlowTarget> Slowest,
    ScrapeSummary Scrape,
    StoreSummary Store,
    IReadOnlyList<TopMetric> TopMetrics,
    PushgatewayState Pushgateway);

public sealed record SlowTarget(string Name, TargetKind Kind, double LatencyMs, HealthStatus Status);

public sealed record ScrapeSummary(int Up, int Down, int Unknown, IReadOnlyList<ScrapeTargetLine> Targets, IReadOnlyList<string> IgnoredConfigKeys);

public sealed record ScrapeTargetLine(string Name, string Job, string Instance, ScrapeHealth Health, int Samples, DateTimeOffset? LastScrape, double? DurationSeconds, string? Error);

public sealed record StoreSummary(int Series, long Samples, long ChunkBytes, double BytesPerSample, long SeriesRejected);

public sealed record TopMetric(string Metric, int Series);

using System.Globalization;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Engine.Metrics.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api.Metrics;

/// <summary>
/// The query API for charts and summaries: /metrics/query (range query: matchers, step, rate, aggregation),
/// /metrics/names and /metrics/labels for pickers. The semantics are in docs/API.md.
/// </summary>
public static class MetricsQueryApi
{
    /// <summary>Points a chart gets when the caller names no step.</summary>
    public const int DefaultPoints = 240;

    public static IEndpointRouteBuilder MapMetricsQueryApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics/query", Query).WithTags("Metrics").WithSummary("Range query over scraped and custom series: matchers, step, rate, aggregation");
        app.MapGet("/metrics/names", Names).WithTags("Metrics").WithSummary("Metric names with their type, help and series count");
        app.MapGet("/metrics/labels", Labels).WithTags("Metrics").WithSummary("Label names of a metric, or the values of one label");
        return app;
    }

    public static async Task<Results<Ok<QueryResult>, ValidationProblem>> Query(
        HttpRequest request,
        MetricsQueryEngine engine,
        TimeProvider time,
        CancellationToken cancellationToken,
        string? metric = null,
        string? start = null,
        string? end = null,
        string? range = null,
        string? step = null,
        string? rate = null,
        string? aggregate = null,
        string? by = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(metric))
        {
            errors["metric"] = ["metric is required (a metric name such as node_cpu_seconds_total)."];
        }

        var matchers = new List<Matcher>();
        foreach (var text in request.Query["match"])
        {
            try
            {
                matchers.AddRange(Matcher.ParseList(text ?? ""));
            }
            catch (FormatException ex)
            {
                errors["match"] = [ex.Message];
            }
        }

        var now = time.GetUtcNow();
        var endAt = ParseTime(end, "end", now, errors);
        TimeSpan? span = null;
        if (range is not null)
        {
            if (Duration.TryParse(range, out var r) && r > TimeSpan.Zero)
            {
                span = r;
            }
            else
            {
                errors["range"] = ["range must be a positive duration such as 15m, 1h or 7d."];
            }
        }

        if (start is not null && range is not null)
        {
            errors["range"] = ["give either start or range, not both."];
        }

        var startAt = start is null ? endAt - (span ?? TimeSpan.FromHours(1)) : ParseTime(start, "start", now, errors);
        TimeSpan stepSpan = default;
        if (step is not null && !TryParseSeconds(step, out stepSpan))
        {
            errors["step"] = ["step must be a positive duration (15s, 1m) or a number of seconds."];
        }

        TimeSpan? rateWindow = null;
        if (rate is not null)
        {
            if (Duration.TryParse(rate, out var w) && w > TimeSpan.Zero)
            {
                rateWindow = w;
            }
            else
            {
                errors["rate"] = ["rate must be a positive duration: the window of rate(), such as 5m."];
            }
        }

        var aggregation = Aggregation.None;
        if (aggregate is not null && (!Enum.TryParse(aggregate, true, out aggregation) || int.TryParse(aggregate, out _)))
        {
            errors["aggregate"] = ["aggregate must be one of sum, avg, min, max, count."];
        }

        var byLabels = by?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (byLabels.Length > 0 && aggregation == Aggregation.None)
        {
            errors["by"] = ["by needs aggregate (for example aggregate=sum&by=job)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (step is null)
        {
            stepSpan = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((endAt - startAt).TotalSeconds / DefaultPoints)));
        }

        try
        {
            var query = new MetricsQuery(metric!, matchers, startAt, endAt, stepSpan, rateWindow, aggregation, byLabels);
            return TypedResults.Ok(await engine.ExecuteAsync(query, cancellationToken));
        }
        catch (ArgumentException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [ex.ParamName ?? "query"] = [ex.Message] });
        }
    }

    public static Ok<IReadOnlyList<MetricName>> Names(TimeSeriesStore store, string? q = null, int limit = 1000)
    {
        var names = store.MetricNames()
            .Where(n => q is null || n.Contains(q, StringComparison.OrdinalIgnoreCase))
            .Take(Math.Clamp(limit, 1, 10_000))
            .Select(n => store.GetMetadata(n) is { } meta ? new MetricName(n, meta.Type.ToString().ToLowerInvariant(), meta.Help) : new MetricName(n, null, null));
        return TypedResults.Ok<IReadOnlyList<MetricName>>([.. names]);
    }

    public static Results<Ok<IReadOnlyList<string>>, ValidationProblem> Labels(TimeSeriesStore store, string? metric = null, string? label = null)
    {
        if (string.IsNullOrWhiteSpace(metric))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["metric"] = ["metric is required."] });
        }

        return TypedResults.Ok(label is null ? store.LabelNames(metric) : store.LabelValues(metric, label));
    }

    /// <summary>RFC 3339 or Unix seconds (Prometheus' HTTP API accepts both).</summary>
    private static DateTimeOffset ParseTime(string? text, string key, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return now;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        errors[key] = [$"{key} must be an RFC 3339 time or Unix seconds, not '{text}'."];
        return now;
    }

    private static bool TryParseSeconds(string text, out TimeSpan value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && double.IsFinite(seconds))
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return Duration.TryParse(text, out value) && value > TimeSpan.Zero;
    }
}

public sealed record MetricName(string Name, string? Type, string? Help);

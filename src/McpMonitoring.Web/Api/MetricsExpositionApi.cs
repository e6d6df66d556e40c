using McpMonitoring.Engine.Metrics.Custom;
using Microsoft.Net.Http.Headers;
using Prometheus;

namespace McpMonitoring.Web.Api;

/// <summary>
/// GET /metrics: the console's own metrics followed by the custom ones, as one exposition. OpenMetrics when the
/// scraper asks for it (Prometheus does), else the text format 0.0.4, with the matching Content-Type.
/// </summary>
public static class MetricsExpositionApi
{
    public static IEndpointRouteBuilder MapConsoleMetrics(this IEndpointRouteBuilder app, string pattern = "/metrics")
    {
        app.MapGet(pattern, Write).WithTags("Metrics").WithSummary("Prometheus exposition of the console's metrics and the custom metrics");
        return app;
    }

    public static async Task Write(HttpContext context, ConsoleMetricsWriter writer, CancellationToken cancellationToken)
    {
        var format = WantsOpenMetrics(context.Request) ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText;
        context.Response.ContentType = format == ExpositionFormat.OpenMetricsText ? ConsoleMetricsWriter.OpenMetricsContentType : ConsoleMetricsWriter.TextContentType;
        await writer.WriteAsync(context.Response.Body, format, cancellationToken);
    }

    private static bool WantsOpenMetrics(HttpRequest request) =>
        MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)
        && accepted.Any(a => a.MediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase) && a.Quality is not 0);
}

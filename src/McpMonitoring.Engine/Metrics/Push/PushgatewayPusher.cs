using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Metrics.Custom;
using Prometheus;

namespace McpMonitoring.Engine.Metrics.Push;

/// <summary>
/// When <c>PROMETHEUS_PUSHGATEWAY</c> is set, PUTs the console's whole exposition (what /metrics serves, custom metrics
/// included) to its group <c>job/{Metrics:PushJob}/instance/{Metrics:PushInstance or the host name}</c> at start and then
/// every <c>Metrics:PushInterval</c>. PUT replaces the group, so deleted metrics disappear from the gateway too.
/// </summary>
/// <remarks>
/// A failed push is counted, recorded in <see cref="PushgatewayStatus"/> and logged once when failures start and once
/// when they stop; the next tick is the retry (the whole state is re-sent each time, so there is nothing to queue or
/// persist). Nothing here throws into the host.
/// </remarks>
internal sealed class PushgatewayPusher(
    IOptions<PushgatewayOptions> gateway,
    IOptions<MetricsOptions> options,
    ConsoleMetricsWriter exposition,
    PushgatewayStatus status,
    IHttpClientFactory clients,
    TimeProvider time,
    ILogger<PushgatewayPusher> logger) : BackgroundService
{
    public const string ClientName = "pushgateway";
    public static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(10);
    private const int MaxErrorLength = 500;

    /// <summary>On the console's own registry (process-wide, like every prometheus-net default metric); created when pushing starts.</summary>
    internal static Counter Failures =>
        Prometheus.Metrics.CreateCounter("mcpmon_pushgateway_push_failures_total", "Pushes of the console's metrics to the Pushgateway that failed.");

    internal static Gauge LastSuccess =>
        Prometheus.Metrics.CreateGauge("mcpmon_pushgateway_last_success_timestamp_seconds", "When the console's metrics were last pushed to the Pushgateway (Unix time).");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!gateway.Value.Enabled || !PushgatewayAddress.TryParse(gateway.Value.Url!, out var baseUri, out _))
        {
            return;
        }

        var o = options.Value;
        var instance = string.IsNullOrWhiteSpace(o.PushInstance) ? Environment.MachineName : o.PushInstance.Trim();
        var target = PushgatewayAddress.GroupUri(baseUri, o.PushJob.Trim(), instance);
        var credentials = string.IsNullOrEmpty(baseUri.UserInfo) ? null : Uri.UnescapeDataString(baseUri.UserInfo);
        // Credentials in the URL go into an Authorization header, never into the request line or logs.
        target = new UriBuilder(target) { UserName = "", Password = "" }.Uri;
        var shown = target.AbsoluteUri;
        var failures = Failures;
        var lastSuccess = LastSuccess;
        status.Start(shown, o.PushInterval);
        logger.LogInformation("Pushing the console's metrics to {Target} every {Interval}", shown, o.PushInterval);

        using var timer = new PeriodicTimer(o.PushInterval, time);
        try
        {
            do
            {
                var error = await PushAsync(target, credentials, stoppingToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                if (error is null)
                {
                    lastSuccess.Set(now.ToUnixTimeMilliseconds() / 1000.0);
                    if (status.Succeeded(now) is > 0 and var ended)
                    {
                        logger.LogInformation("Pushing metrics to {Target} works again after {Failures} failed attempts", shown, ended);
                    }
                }
                else
                {
                    failures.Inc();
                    if (status.Failed(now, error))
                    {
                        logger.LogWarning("Pushing metrics to {Target} failed: {Error}. Retrying every {Interval}; logged again when it recovers", shown, error, o.PushInterval);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One push; returns null on success, else what went wrong.</summary>
    private async Task<string?> PushAsync(Uri target, string? credentials, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(PushTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            using var body = new MemoryStream();
            await exposition.WriteAsync(body, ExpositionFormat.PrometheusText, linked.Token).ConfigureAwait(false);
            body.Position = 0;
            using var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = new StreamContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ConsoleMetricsWriter.TextContentType);
            if (credentials is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            }

            using var response = await clients.CreateClient(ClientName).SendAsync(request, linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var text = (await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false)).Trim();
            return Truncate($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}{(text.Length > 0 ? $": {text}" : "")}");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return $"no answer within {PushTimeout.TotalSeconds:0} s";
        }
        catch (Exception ex)
        {
            return Truncate(ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message);
        }
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "...";
}

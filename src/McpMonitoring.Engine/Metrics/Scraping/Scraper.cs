using System.Buffers;
using System.Net;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>The outcome of one scrape.</summary>
public sealed record ScrapeOutcome(bool Up, int Samples, int SeriesAdded, double DurationSeconds, string? Error, bool HealthChanged);

/// <summary>
/// Scrapes one target into the store as Prometheus does: all or nothing, staleness markers for series that
/// vanished (or for everything when the scrape fails), and the synthetic <c>up</c>, <c>scrape_duration_seconds</c>,
/// <c>scrape_samples_scraped</c>, <c>scrape_samples_post_metric_relabeling</c> and <c>scrape_series_added</c>.
/// </summary>
public sealed class Scraper(ScrapeHttpClient http, TimeSeriesStore store, TimeProvider time, IOptions<MetricsOptions> options)
{
    /// <summary>What Prometheus 2.x asks for: OpenMetrics first, the 0.0.4 text format as the fallback.</summary>
    public const string AcceptHeader = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private static readonly string[] ReportNames = ["up", "scrape_duration_seconds", "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added"];

    private static readonly string[] ReportHelp =
    [
        "1 if the target's last scrape succeeded, 0 if it failed.",
        "How long the target's last scrape took.",
        "Samples the target exposed in its last scrape.",
        "Samples left after metric relabelling (the console does not relabel: the same as scraped).",
        "Series the target exposed that its previous scrape did not.",
    ];
    private readonly int _maxBodyBytes = options.Value.MaxScrapeBodyBytes;

    public async Task<ScrapeOutcome> ScrapeAsync(ScrapeTargetRuntime runtime, CancellationToken cancellationToken)
    {
        var target = runtime.Definition;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var timestampMs = startedAt.ToUnixTimeMilliseconds();
        var scrapeNumber = runtime.NextScrapeNumber();
        int samples = 0, added = 0;
        string? error;
        byte[]? body = null;
        try
        {
            using var timeout = new CancellationTokenSource(target.Timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var request = new HttpRequestMessage(HttpMethod.Get, target.Url);
            request.Headers.TryAddWithoutValidation("Accept", AcceptHeader);
            request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds", target.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    error = $"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}";
                }
                else
                {
                    int length;
                    (body, length, error) = await ReadBodyAsync(response.Content, linked.Token).ConfigureAwait(false);
                    if (error is null)
                    {
                        (samples, added, error) = Ingest(runtime, body!.AsSpan(0, length), ExpositionText.FormatOf(response.Content.Headers.ContentType?.ToString()), timestampMs, scrapeNumber);
                    }
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                error = $"context deadline exceeded (no answer within the {Duration.Format(target.Timeout)} scrape timeout)";
            }
            catch (HttpRequestException ex)
            {
                // The inner exception often repeats the outer one ("Connection refused (host:port)" / "Connection refused").
                error = ex.InnerException is { } inner and not HttpRequestException && !ex.Message.Contains(inner.Message, StringComparison.Ordinal)
                    ? $"{ex.Message} ({inner.Message})"
                    : ex.Message;
            }
        }
        finally
        {
            if (body is not null)
            {
                ArrayPool<byte>.Shared.Return(body);
            }
        }

        var duration = time.GetElapsedTime(started).TotalSeconds;
        if (error is null)
        {
            runtime.Cache.RemoveUnseen(scrapeNumber, id => store.MarkStale(id, timestampMs));
        }
        else
        {
            samples = 0;
            added = 0;
            runtime.Cache.Clear(id => store.MarkStale(id, timestampMs));
        }

        AppendReport(runtime, timestampMs, error is null ? 1 : 0, duration, samples, added);
        var changed = runtime.Record(startedAt, duration, samples, error);
        return new ScrapeOutcome(error is null, samples, added, duration, error, changed);
    }

    private (int Samples, int Added, string? Error) Ingest(ScrapeTargetRuntime runtime, ReadOnlySpan<byte> text, ExpositionFormat format, long timestampMs, int scrapeNumber)
    {
        using var appender = new ScrapeAppender(runtime, store, timestampMs, scrapeNumber);
        try
        {
            var sink = appender;
            ExpositionParser.Parse(text, format, ref sink);
        }
        catch (ExpositionFormatException ex)
        {
            return (0, 0, $"invalid exposition: {ex.Message}");
        }
        catch (ScrapeLimitException ex)
        {
            return (0, 0, ex.Message);
        }

        appender.Commit();
        return (appender.Samples, appender.SeriesAdded, null);
    }

    private async Task<(byte[]? Body, int Length, string? Error)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > _maxBodyBytes)
        {
            return (null, 0, $"body size limit exceeded ({declared} bytes, limit {_maxBodyBytes})");
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(declared ?? 64 * 1024, 4 * 1024, _maxBodyBytes));
        var length = 0;
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= _maxBodyBytes)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return (null, 0, $"body size limit exceeded (limit {_maxBodyBytes} bytes)");
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, _maxBodyBytes));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length, null);
                }

                length += read;
            }
        }
    }

    private void AppendReport(ScrapeTargetRuntime runtime, long timestampMs, double up, double duration, int samples, int added)
    {
        Span<double> values = [up, duration, samples, samples, added];
        var ids = runtime.ReportSeries;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0)
            {
                store.SetMetadata(ReportNames[i], MetricType.Gauge, ReportHelp[i]);
                ids[i] = store.GetOrCreateSeries(ScrapeLabels.Merge([new Label(LabelSet.MetricNameLabel, ReportNames[i])], runtime.TargetLabels, honorLabels: false));
            }

            if (ids[i] >= 0 && store.TryAppend(ids[i], timestampMs, values[i]) == AppendStatus.UnknownSeries)
            {
                ids[i] = -1; // dropped by retention: created again at the next scrape
            }
        }
    }
}

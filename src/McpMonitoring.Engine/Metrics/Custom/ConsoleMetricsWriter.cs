using System.Text;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>
/// The console's exposition: its own registry (prometheus-net's default one) followed by every custom metric's
/// registry, as one document in either text format. What GET /metrics serves and what is pushed to a Pushgateway.
/// </summary>
/// <remarks>
/// prometheus-net ends each OpenMetrics document with <c># EOF</c>: the writer strips it from every part and ends the
/// whole once. A custom metric whose names the console has since started exporting itself (a .NET meter appearing
/// late) is left out rather than duplicated, so the document always stays valid; that is logged once per metric.
/// </remarks>
public sealed class ConsoleMetricsWriter(CollectorRegistry console, CustomMetricSet custom, ILogger<ConsoleMetricsWriter> logger)
{
    public const string TextContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;
    public const string OpenMetricsContentType = PrometheusConstants.OpenMetricsContentTypeWithVersionAndEncoding;

    private static readonly byte[] Eof = "# EOF\n"u8.ToArray();

    /// <summary>Writes the whole exposition to <paramref name="output"/> (not flushed or closed).</summary>
    public async Task WriteAsync(Stream output, ExpositionFormat format, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(64 * 1024);
        await console.CollectAndExportAsTextAsync(buffer, format, cancellationToken).ConfigureAwait(false);
        var consoleClaims = FamilyClaims(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        await CopyWithoutEofAsync(buffer, output, cancellationToken).ConfigureAwait(false);

        foreach (var metric in custom.All)
        {
            if (metric.Claims.Overlaps(consoleClaims))
            {
                if (!metric.ShadowReported)
                {
                    metric.ShadowReported = true;
                    logger.LogWarning("Custom metric {Metric} is left out of /metrics: the console now exports a metric of the same name itself", metric.Definition.Name);
                }

                continue;
            }

            buffer.SetLength(0);
            await metric.Registry.CollectAndExportAsTextAsync(buffer, format, cancellationToken).ConfigureAwait(false);
            await CopyWithoutEofAsync(buffer, output, cancellationToken).ConfigureAwait(false);
        }

        if (format == ExpositionFormat.OpenMetricsText)
        {
            await output.WriteAsync(Eof, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The whole exposition as a string (text format 0.0.4).</summary>
    public async Task<string> ToTextAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await WriteAsync(buffer, ExpositionFormat.PrometheusText, cancellationToken).ConfigureAwait(false);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Every name the console's own families use (see <see cref="CustomMetricNames.Claims"/>).</summary>
    public async Task<IReadOnlySet<string>> ConsoleClaimsAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(64 * 1024);
        await console.CollectAndExportAsTextAsync(buffer, ExpositionFormat.PrometheusText, cancellationToken).ConfigureAwait(false);
        return FamilyClaims(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads the <c># TYPE name type</c> lines of an exposition.</summary>
    internal static HashSet<string> FamilyClaims(ReadOnlySpan<byte> text)
    {
        var claims = new HashSet<string>(StringComparer.Ordinal);
        var prefix = "# TYPE "u8;
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (!line.StartsWith(prefix))
            {
                continue;
            }

            line = line[prefix.Length..];
            var space = line.IndexOf((byte)' ');
            if (space <= 0)
            {
                continue;
            }

            var name = Encoding.UTF8.GetString(line[..space]);
            var type = Encoding.UTF8.GetString(line[(space + 1)..].Trim((byte)' '));
            claims.UnionWith(CustomMetricNames.Claims(name, type));
        }

        return claims;
    }

    private static async Task CopyWithoutEofAsync(MemoryStream buffer, Stream output, CancellationToken cancellationToken)
    {
        var length = (int)buffer.Length;
        if (buffer.GetBuffer().AsSpan(0, length).EndsWith(Eof))
        {
            length -= Eof.Length;
        }

        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, length), cancellationToken).ConfigureAwait(false);
    }
}

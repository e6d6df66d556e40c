using System.Buffers;
using System.Text;

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>Escaping rules of the text format.</summary>
public static class ExpositionText
{
    /// <summary>Decodes <c>\\</c>, <c>\"</c> and <c>\n</c> in a label value (assumed valid: the parser checked it).</summary>
    public static string UnescapeLabelValue(ReadOnlySpan<byte> escaped) => Unescape(escaped);

    /// <summary>
    /// Decodes <c>\\</c> and <c>\n</c> in HELP text, and <c>\"</c>, which OpenMetrics defines and Prometheus' parsers
    /// accept in 0.0.4 HELP text too.
    /// </summary>
    public static string UnescapeHelp(ReadOnlySpan<byte> escaped) => Unescape(escaped);

    /// <summary>The format a Content-Type header announces; Prometheus 0.0.4 when it is missing or unknown.</summary>
    /// <remarks>Like Prometheus, only the media type counts: any <c>application/openmetrics-text</c> version is OpenMetrics.</remarks>
    public static ExpositionFormat FormatOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return ExpositionFormat.Prometheus004;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).AsSpan().Trim();
        return mediaType.Equals("application/openmetrics-text", StringComparison.OrdinalIgnoreCase)
            ? ExpositionFormat.OpenMetrics100
            : ExpositionFormat.Prometheus004;
    }

    private static string Unescape(ReadOnlySpan<byte> escaped)
    {
        var backslash = escaped.IndexOf((byte)'\\');
        if (backslash < 0)
        {
            return Encoding.UTF8.GetString(escaped);
        }

        byte[]? rented = null;
        var buffer = escaped.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(escaped.Length));
        try
        {
            escaped[..backslash].CopyTo(buffer);
            var length = backslash;
            for (var i = backslash; i < escaped.Length; i++)
            {
                var b = escaped[i];
                if (b == '\\' && i + 1 < escaped.Length)
                {
                    // Unknown escapes stay as written (the parser rejects them; this is for unchecked input).
                    switch (escaped[i + 1])
                    {
                        case (byte)'\\': b = (byte)'\\'; i++; break;
                        case (byte)'"': b = (byte)'"'; i++; break;
                        case (byte)'n': b = (byte)'\n'; i++; break;
                    }
                }

                buffer[length++] = b;
            }

            return Encoding.UTF8.GetString(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}

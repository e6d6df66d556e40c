namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>Escaping rules of the text format.</summary>
public static class ExpositionText
{
    /// <summary>Decodes <c>\\</c>, <c>\"</c> and <c>\n</c> in a label value (assumed valid: the parser checked it).</summary>
    public static string UnescapeLabelValue(ReadOnlySpan<byte> escaped) => throw new NotImplementedException("contract stub");

    /// <summary>Decodes <c>\\</c> and <c>\n</c> in HELP text.</summary>
    public static string UnescapeHelp(ReadOnlySpan<byte> escaped) => throw new NotImplementedException("contract stub");

    /// <summary>The format a Content-Type header announces; Prometheus 0.0.4 when it is missing or unknown.</summary>
    public static ExpositionFormat FormatOf(string? contentType) => throw new NotImplementedException("contract stub");
}

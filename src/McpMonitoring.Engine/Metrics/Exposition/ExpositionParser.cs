namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>
/// Parses the Prometheus text exposition format 0.0.4 (and OpenMetrics 1.0 text) over a byte span, handing each
/// line to a sink without allocating per sample.
/// </summary>
public static class ExpositionParser
{
    /// <summary>
    /// Parses the whole text. Throws <see cref="ExpositionFormatException"/> naming the (1-based) line on the
    /// first malformed line; what the sink received before that must be discarded by the caller (a scrape is
    /// all or nothing, as in Prometheus).
    /// </summary>
    public static void Parse<TSink>(ReadOnlySpan<byte> text, ExpositionFormat format, ref TSink sink)
        where TSink : IExpositionSink
        => throw new NotImplementedException("contract stub: the parser work fills this in");
}

/// <summary>A malformed exposition; the message starts with <c>line N: </c>.</summary>
public sealed class ExpositionFormatException(int line, string problem)
    : FormatException($"line {line}: {problem}")
{
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>
/// Receives what <see cref="ExpositionParser"/> reads, in text order. Spans point into the parsed buffer and are
/// only valid during the call: a sink that keeps one must copy it.
/// </summary>
public interface IExpositionSink
{
    /// <summary>A <c># TYPE</c> line.</summary>
    void OnType(ReadOnlySpan<byte> family, MetricType type);

    /// <summary>A <c># HELP</c> line; the text is still escaped (decode with <see cref="ExpositionText.UnescapeHelp"/>).</summary>
    void OnHelp(ReadOnlySpan<byte> family, ReadOnlySpan<byte> escapedHelp);

    /// <summary>One sample line.</summary>
    void OnSample(in ParsedSample sample);
}

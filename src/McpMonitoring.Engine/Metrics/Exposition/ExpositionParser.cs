using System.Text;

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>
/// Parses the Prometheus text exposition format 0.0.4 (and OpenMetrics 1.0 text) over a byte span, handing each
/// line to a sink without allocating per sample.
/// </summary>
/// <remarks>
/// What is accepted and rejected follows Prometheus' scrape parser (model/textparse) and the stricter checks of
/// prometheus/common's expfmt where the format demands them; docs/EXPOSITION_FORMAT.md lists each decision.
/// </remarks>
public static class ExpositionParser
{
    // Label names kept per sample line for the duplicate check; more than this falls back to a rescan.
    private const int ScratchLabels = 64;

    /// <summary>
    /// Parses the whole text. Throws <see cref="ExpositionFormatException"/> naming the (1-based) line on the
    /// first malformed line; what the sink received before that must be discarded by the caller (a scrape is
    /// all or nothing, as in Prometheus).
    /// </summary>
    public static void Parse<TSink>(ReadOnlySpan<byte> text, ExpositionFormat format, ref TSink sink)
        where TSink : IExpositionSink
    {
        Span<int> labelNames = stackalloc int[2 * ScratchLabels];
        var families = FamilyTable.Rent();
        try
        {
            var reader = new ExpositionReader(text, format, families, labelNames);
            reader.Run(ref sink);
        }
        finally
        {
            FamilyTable.Return(families);
        }
    }

    /// <summary>
    /// Parses into materialised records, in text order (allocates: for tests, tools and slow paths, not scrapes).
    /// </summary>
    public static IReadOnlyList<ExpositionRecord> ParseToList(string text, ExpositionFormat format) =>
        ParseToList(Encoding.UTF8.GetBytes(text), format);

    /// <inheritdoc cref="ParseToList(string, ExpositionFormat)"/>
    public static IReadOnlyList<ExpositionRecord> ParseToList(ReadOnlySpan<byte> text, ExpositionFormat format)
    {
        var sink = new RecordingSink();
        Parse(text, format, ref sink);
        return sink.Records;
    }

    private sealed class RecordingSink : IExpositionSink
    {
        public List<ExpositionRecord> Records { get; } = [];

        public void OnType(ReadOnlySpan<byte> family, MetricType type) =>
            Records.Add(new ExpositionRecord(ExpositionRecordKind.Type, Encoding.UTF8.GetString(family)) { Type = type });

        public void OnHelp(ReadOnlySpan<byte> family, ReadOnlySpan<byte> escapedHelp) =>
            Records.Add(new ExpositionRecord(ExpositionRecordKind.Help, Encoding.UTF8.GetString(family))
            {
                Help = ExpositionText.UnescapeHelp(escapedHelp),
            });

        public void OnSample(in ParsedSample sample)
        {
            var labels = new List<KeyValuePair<string, string>>(sample.LabelCount);
            foreach (var label in sample.Labels)
            {
                labels.Add(new(Encoding.UTF8.GetString(label.Name), label.DecodeValue()));
            }

            Records.Add(new ExpositionRecord(ExpositionRecordKind.Sample, Encoding.UTF8.GetString(sample.Name))
            {
                Type = sample.FamilyType,
                Labels = labels,
                Value = sample.Value,
                TimestampMs = sample.HasTimestamp ? sample.TimestampMs : null,
                Series = Encoding.UTF8.GetString(sample.Series),
            });
        }
    }
}

/// <summary>A malformed exposition; the message starts with <c>line N: </c>.</summary>
public sealed class ExpositionFormatException(int line, string problem)
    : FormatException($"line {line}: {problem}")
{
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}

using McpMonitoring.Engine.Metrics.Exposition;

namespace McpMonitoring.Tests.Unit.Metrics.Exposition;

/// <summary>OpenMetrics 1.0 text: the differences from 0.0.4.</summary>
public sealed class OpenMetricsTextTests
{
    private static IReadOnlyList<ExpositionRecord> Parse(string text) =>
        ExpositionParser.ParseToList(text, ExpositionFormat.OpenMetrics100);

    private static ExpositionRecord[] Samples(string text) =>
        [.. Parse(text).Where(r => r.Kind == ExpositionRecordKind.Sample)];

    private static ExpositionFormatException Reject(string text) =>
        Assert.Throws<ExpositionFormatException>(() => Parse(text));

    [Fact]
    public void Counter_TotalAndCreated_BelongToTheFamily()
    {
        var samples = Samples("""
            # TYPE foo_seconds counter
            # UNIT foo_seconds seconds
            # HELP foo_seconds A counter.
            foo_seconds_total 17.0 1520879607.789
            foo_seconds_created 1520430000.123 1520879607.789
            # EOF

            """);

        Assert.All(samples, s => Assert.Equal(MetricType.Counter, s.Type));
        Assert.Equal("foo_seconds_total", samples[0].Name);
    }

    [Fact]
    public void Timestamp_SecondsConvertedToMilliseconds()
    {
        var samples = Samples("a 1 1520879607.789\nb 1 1520879607\nc 1 1.001\n# EOF");

        // Rounded, not truncated: 1.001 s is 1001 ms although 1.001 * 1000 is 1000.9999999999999.
        Assert.Equal([1_520_879_607_789L, 1_520_879_607_000L, 1_001L], samples.Select(s => s.TimestampMs!.Value));
    }

    [Fact]
    public void Exemplars_Ignored()
    {
        var samples = Samples("""
            # TYPE foo histogram
            foo_bucket{le="0.01"} 0
            foo_bucket{le="0.1"} 8 # {} 0.054
            foo_bucket{le="1"} 11 # {trace_id="KOO5S4vxi0o"} 0.67
            foo_bucket{le="10"} 17 # {trace_id="oHg5SJYRHA0"} 9.8 1520879607.789
            foo_bucket{le="+Inf"} 17 1520879607.789 # {trace_id="x"} 9.8 1520879607.789
            foo_count 17
            foo_sum 324789.3
            foo_created 1520430000.123
            # EOF
            """);

        Assert.Equal(8, samples.Length);
        Assert.Equal(8, samples[1].Value);
        Assert.DoesNotContain(samples[1].Labels, l => l.Key == "trace_id");
        Assert.Equal(1_520_879_607_789, samples[4].TimestampMs);
        Assert.All(samples, s => Assert.Equal(MetricType.Histogram, s.Type));
    }

    [Theory]
    [InlineData("gaugehistogram", MetricType.GaugeHistogram, "x_bucket{le=\"1\"} 1\nx_gsum 2\nx_gcount 3")]
    [InlineData("stateset", MetricType.StateSet, "x{x=\"a\"} 1\nx{x=\"b\"} 0")]
    [InlineData("info", MetricType.Info, "x_info{version=\"1.2\"} 1")]
    [InlineData("unknown", MetricType.Untyped, "x 1")]
    [InlineData("summary", MetricType.Summary, "x{quantile=\"0.5\"} 1\nx_sum 2\nx_count 3\nx_created 4")]
    [InlineData("gauge", MetricType.Gauge, "x 1")]
    public void Types_OpenMetricsOnly_Recognised(string word, MetricType type, string samples)
    {
        var records = Parse($"# TYPE x {word}\n{samples}\n# EOF\n");

        Assert.Equal(type, records[0].Type);
        Assert.All(records.Skip(1), r => Assert.Equal(type, r.Type));
    }

    [Fact]
    public void Help_EscapedQuote_Decoded() => Assert.Equal("say \"hi\"\n", Parse("# HELP m say \\\"hi\\\"\\n\nm 1\n# EOF")[0].Help);

    [Fact]
    public void FinalNewlineAfterEof_Optional()
    {
        Assert.Single(Samples("m 1\n# EOF"));
        Assert.Single(Samples("m 1\n# EOF\n"));
    }

    [Theory]
    [InlineData("missing EOF", "m 1\n", 2, "missing '# EOF'")]
    [InlineData("missing EOF without a final newline", "m 1", 2, "missing '# EOF'")]
    [InlineData("empty text", "", 1, "missing '# EOF'")]
    [InlineData("text after EOF", "m 1\n# EOF\nn 2\n", 3, "text after # EOF")]
    [InlineData("blank line after EOF", "m 1\n# EOF\n\n", 3, "text after # EOF")]
    [InlineData("blank line", "m 1\n\nn 2\n# EOF", 2, "blank line")]
    [InlineData("plain comment", "# hello\nm 1\n# EOF", 1, "comment lines other than HELP, TYPE, UNIT and EOF")]
    [InlineData("untyped is 0.0.4 only", "# TYPE m untyped\n# EOF", 1, "unknown metric type 'untyped'")]
    [InlineData("unit not a suffix", "# UNIT foo seconds\n# EOF", 1, "unit 'seconds' is not a suffix of metric family 'foo'")]
    [InlineData("unit without the underscore", "# UNIT fooseconds seconds\n# EOF", 1, "is not a suffix")]
    [InlineData("second UNIT", "# UNIT foo_seconds seconds\n# UNIT foo_seconds seconds\n# EOF", 2, "second UNIT line")]
    [InlineData("timestamp not a number", "m 1 yesterday\n# EOF", 1, "invalid timestamp 'yesterday' (expected seconds)")]
    [InlineData("infinite timestamp", "m 1 +Inf\n# EOF", 1, "invalid timestamp '+Inf'")]
    [InlineData("exemplar without braces", "m_total 1 # trace 1\n# EOF", 1, "expected '{' to start an exemplar's labels")]
    [InlineData("exemplar without a value", "m_total 1 # {a=\"b\"}\n# EOF", 1, "invalid or missing exemplar value")]
    [InlineData("exemplar with a bad timestamp", "m_total 1 # {a=\"b\"} 1 soon\n# EOF", 1, "invalid exemplar timestamp 'soon'")]
    [InlineData("exemplar with bad labels", "m_total 1 # {a=b} 1\n# EOF", 1, "expected '\"' to start the value of label 'a'")]
    [InlineData("gaugehistogram bucket without le", "# TYPE g gaugehistogram\ng_bucket 1\n# EOF", 2, "without a 'le' label")]
    [InlineData("second TYPE", "# TYPE m gauge\n# TYPE m gauge\n# EOF", 2, "second TYPE line")]
    public void Malformed_RejectedNamingTheLine(string @case, string text, int line, string problem)
    {
        var error = Reject(text);

        Assert.True(error.Line == line, $"{@case}: line {error.Line}, expected {line} ({error.Message})");
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroPointZeroFour_EofIsAComment()
    {
        var records = ExpositionParser.ParseToList("m 1\n# EOF\nn 2\n", ExpositionFormat.Prometheus004);

        Assert.Equal(2, records.Count);
    }
}

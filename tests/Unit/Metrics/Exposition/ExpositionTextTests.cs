using McpMonitoring.Engine.Metrics.Exposition;

namespace McpMonitoring.Tests.Unit.Metrics.Exposition;

public sealed class ExpositionTextTests
{
    [Theory]
    [InlineData(@"plain", "plain")]
    [InlineData(@"a\\b", @"a\b")]
    [InlineData(@"say \""hi\""", "say \"hi\"")]
    [InlineData(@"two\nlines", "two\nlines")]
    [InlineData(@"\\n", @"\n")]
    [InlineData(@"Zürich\n", "Zürich\n")]
    public void UnescapeLabelValue_DecodesTheThreeEscapes(string escaped, string expected) =>
        Assert.Equal(expected, ExpositionText.UnescapeLabelValue(System.Text.Encoding.UTF8.GetBytes(escaped)));

    [Fact]
    public void UnescapeLabelValue_LongValue_Decoded()
    {
        var escaped = string.Concat(Enumerable.Repeat(@"x\n", 1000));

        Assert.Equal(string.Concat(Enumerable.Repeat("x\n", 1000)), ExpositionText.UnescapeLabelValue(System.Text.Encoding.UTF8.GetBytes(escaped)));
    }

    [Theory]
    [InlineData(@"Total of \\ and\nmore.", "Total of \\ and\nmore.")]
    [InlineData(@"unknown \t stays", @"unknown \t stays")]
    public void UnescapeHelp_DecodesBackslashAndNewline(string escaped, string expected) =>
        Assert.Equal(expected, ExpositionText.UnescapeHelp(System.Text.Encoding.UTF8.GetBytes(escaped)));

    [Theory]
    [InlineData(null, ExpositionFormat.Prometheus004)]
    [InlineData("", ExpositionFormat.Prometheus004)]
    [InlineData("text/plain; version=0.0.4; charset=utf-8", ExpositionFormat.Prometheus004)]
    [InlineData("text/plain", ExpositionFormat.Prometheus004)]
    [InlineData("application/openmetrics-text; version=1.0.0; charset=utf-8", ExpositionFormat.OpenMetrics100)]
    [InlineData("application/openmetrics-text; version=0.0.1", ExpositionFormat.OpenMetrics100)]
    [InlineData(" Application/OpenMetrics-Text ;version=1.0.0", ExpositionFormat.OpenMetrics100)]
    [InlineData("application/json", ExpositionFormat.Prometheus004)]
    [InlineData("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited", ExpositionFormat.Prometheus004)]
    public void FormatOf_ContentType(string? contentType, ExpositionFormat expected) =>
        Assert.Equal(expected, ExpositionText.FormatOf(contentType));

    [Fact]
    public void Labels_EnumeratedFromTheSinkWithoutDecoding()
    {
        var sink = new LabelSink();

        ExpositionParser.Parse("m{ a = \"x\\\"y\" ,b=\"\",} 1\n"u8, ExpositionFormat.Prometheus004, ref sink);

        Assert.Equal(["a=x\\\"y", "b="], sink.Seen);
        Assert.Equal(2, sink.Count);
    }

    private sealed class LabelSink : IExpositionSink
    {
        public List<string> Seen { get; } = [];

        public int Count { get; private set; }

        public void OnType(ReadOnlySpan<byte> family, MetricType type)
        {
        }

        public void OnHelp(ReadOnlySpan<byte> family, ReadOnlySpan<byte> escapedHelp)
        {
        }

        public void OnSample(in ParsedSample sample)
        {
            Count = sample.LabelCount;
            foreach (var label in sample.Labels)
            {
                Seen.Add(System.Text.Encoding.UTF8.GetString(label.Name) + "=" + System.Text.Encoding.UTF8.GetString(label.EscapedValue));
            }
        }
    }
}

using McpMonitoring.Engine.Metrics.Exposition;

namespace McpMonitoring.Tests.Unit.Metrics.Exposition;

/// <summary>Malformed 0.0.4 text: each case is rejected with a message that names its line.</summary>
public sealed class PrometheusTextRejectionTests
{
    private static ExpositionFormatException Reject(string text) =>
        Assert.Throws<ExpositionFormatException>(() => ExpositionParser.ParseToList(text, ExpositionFormat.Prometheus004));

    [Theory]
    // Names.
    [InlineData("metric name starting with a digit", "ok 1\n1abc 2", 2, "invalid metric name '1abc'")]
    [InlineData("metric name with a dash", "a-b 1", 1, "invalid metric name 'a-b'")]
    [InlineData("metric name with a dot", "a.b 1", 1, "invalid metric name 'a.b'")]
    [InlineData("quoted metric name", "{\"a\"} 1", 1, "invalid metric name")]
    [InlineData("label name starting with a digit", "m{1a=\"x\"} 1", 1, "invalid label name at '1a=")]
    [InlineData("label name with a colon", "m{a:b=\"x\"} 1", 1, "expected '=' after label name 'a'")]
    [InlineData("reserved label name", "m{__meta=\"x\"} 1", 1, "label name '__meta' is reserved")]
    [InlineData("__name__ label", "m{__name__=\"n\"} 1", 1, "label name '__name__' is reserved")]
    [InlineData("duplicate label name", "m{a=\"1\",b=\"2\",a=\"3\"} 1", 1, "duplicate label name 'a'")]
    // Label syntax.
    [InlineData("label without a value", "m{a} 1", 1, "expected '=' after label name 'a'")]
    [InlineData("unquoted label value", "m{a=1} 1", 1, "expected '\"' to start the value of label 'a'")]
    [InlineData("missing comma between labels", "m{a=\"1\" b=\"2\"} 1", 1, "expected ',' or '}' after the value of label 'a'")]
    [InlineData("leading comma", "m{,a=\"1\"} 1", 1, "invalid label name at ',a=")]
    [InlineData("double comma", "m{a=\"1\",,b=\"2\"} 1", 1, "invalid label name at ',b=")]
    [InlineData("unterminated quote", "m{a=\"1} 1", 1, "unterminated quoted label value")]
    [InlineData("unterminated brace", "m{a=\"1\" 1", 1, "expected ',' or '}' after the value of label 'a'")]
    [InlineData("unterminated brace at the end of the line", "m{a=\"1\",", 1, "unterminated label block")]
    [InlineData("label value over two lines", "m{a=\"x\ny\"} 1", 1, "unterminated quoted label value")]
    [InlineData("tab escape in a label value", "m{a=\"x\\ty\"} 1", 1, "invalid escape sequence '\\t' in label value")]
    [InlineData("dangling backslash in a label value", "m{a=\"x\\", 1, "dangling backslash at the end of the label value")]
    [InlineData("escaped closing quote leaves the value open", "m{a=\"x\\\"} 1", 1, "unterminated quoted label value")]
    // Values and timestamps.
    [InlineData("missing value", "m 1\nm", 2, "missing value for 'm'")]
    [InlineData("missing value after labels", "m{a=\"1\"}", 1, "missing value for 'm{a=\"1\"}'")]
    [InlineData("missing value with trailing blanks", "m{a=\"1\"}   ", 1, "missing value")]
    [InlineData("word as value", "m one", 1, "invalid value 'one'")]
    [InlineData("hexadecimal value", "m 0x1p-2", 1, "invalid value '0x1p-2'")]
    [InlineData("value with underscores", "m 1_000", 1, "invalid value '1_000'")]
    [InlineData("comma as decimal separator", "m 1,5", 1, "invalid value '1,5'")]
    [InlineData("signed NaN", "m +NaN", 1, "invalid value '+NaN'")]
    [InlineData("truncated infinity", "m Infin", 1, "invalid value 'Infin'")]
    [InlineData("value out of range", "m 1e400", 1, "invalid value '1e400'")]
    [InlineData("exponent without digits", "m 1e", 1, "invalid value '1e'")]
    [InlineData("lone decimal point", "m .", 1, "invalid value '.'")]
    [InlineData("fractional timestamp", "m 1 1.5", 1, "invalid timestamp '1.5'")]
    [InlineData("negative timestamp", "m 1 -5", 1, "invalid timestamp '-5'")]
    [InlineData("timestamp beyond int64", "m 1 9223372036854775808", 1, "invalid timestamp")]
    [InlineData("text after the timestamp", "m 1 1000 extra", 1, "unexpected text after the timestamp: 'extra'")]
    // Metadata.
    [InlineData("second HELP", "# HELP m One.\n# HELP m Two.\nm 1", 2, "second HELP line for metric family 'm'")]
    [InlineData("second HELP after another family", "# HELP a A.\na 1\n# HELP b B.\nb 1\n# HELP a Again.", 5, "second HELP line for metric family 'a'")]
    [InlineData("second TYPE", "# TYPE m counter\n# TYPE m counter\nm 1", 2, "second TYPE line for metric family 'm'")]
    [InlineData("TYPE again after another family", "# TYPE a counter\na 1\n# TYPE b gauge\nb 1\n# TYPE a counter\na{x=\"1\"} 1", 5, "second TYPE line for metric family 'a'")]
    [InlineData("TYPE after samples", "m 1\n# TYPE m counter", 2, "TYPE line for metric family 'm' after samples of that family")]
    [InlineData("TYPE after samples under its HELP", "# HELP m Help.\nm 1\n# TYPE m gauge", 3, "after samples of that family")]
    [InlineData("TYPE after samples interleaved with another family", "m 1\nn 1\nm 2\n# TYPE m gauge", 4, "after samples of that family")]
    [InlineData("unknown TYPE", "# TYPE m timer\nm 1", 1, "unknown metric type 'timer'")]
    [InlineData("OpenMetrics type in 0.0.4", "# TYPE m gaugehistogram", 1, "unknown metric type 'gaugehistogram'")]
    [InlineData("upper-case TYPE", "# TYPE m COUNTER", 1, "unknown metric type 'COUNTER'")]
    [InlineData("TYPE without a type", "# TYPE m", 1, "TYPE line for 'm' without a type")]
    [InlineData("TYPE with two words", "# TYPE m counter gauge", 1, "unknown metric type 'counter gauge'")]
    [InlineData("TYPE without a name", "# TYPE ", 1, "TYPE line without a metric name")]
    [InlineData("HELP with a bad metric name", "# HELP 1m Help.", 1, "invalid metric name '1m' in HELP line")]
    [InlineData("TYPE with a bad metric name", "# TYPE m-x counter", 1, "invalid metric name 'm-x' in TYPE line")]
    [InlineData("tab escape in HELP", "# HELP m a\\tb", 1, "invalid escape sequence '\\t' in HELP text")]
    [InlineData("dangling backslash in HELP", "# HELP m a\\", 1, "dangling backslash at the end of the HELP text")]
    // Histograms and summaries.
    [InlineData("bucket without le", "# TYPE h histogram\nh_bucket{x=\"1\"} 1", 2, "histogram bucket 'h_bucket{x=\"1\"}' without a 'le' label")]
    [InlineData("bucket without labels", "# TYPE h histogram\nh_bucket 1", 2, "without a 'le' label")]
    [InlineData("non-numeric le", "# TYPE h histogram\nh_bucket{le=\"abc\"} 1", 2, "'le' label value 'abc' of 'h_bucket{le=\"abc\"}' is not a number")]
    [InlineData("empty le", "# TYPE h histogram\nh_bucket{le=\"\"} 1", 2, "'le' label value '' of")]
    [InlineData("summary quantile without quantile", "# TYPE s summary\ns{x=\"1\"} 1", 2, "summary quantile 's{x=\"1\"}' without a 'quantile' label")]
    [InlineData("non-numeric quantile", "# TYPE s summary\ns{quantile=\"p99\"} 1", 2, "'quantile' label value 'p99'")]
    public void Malformed_RejectedNamingTheLine(string @case, string text, int line, string problem)
    {
        var error = Reject(text);

        Assert.True(error.Line == line, $"{@case}: line {error.Line}, expected {line} ({error.Message})");
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelValue_InvalidUtf8_Rejected()
    {
        var error = Assert.Throws<ExpositionFormatException>(() =>
            ExpositionParser.ParseToList([.. "m 1\nm{a=\""u8, 0xC3, 0x28, .. "\"} 1"u8], ExpositionFormat.Prometheus004));

        Assert.Equal("line 2: label value of 'm' is not valid UTF-8", error.Message);
    }

    [Fact]
    public void Help_InvalidUtf8_Rejected()
    {
        var error = Assert.Throws<ExpositionFormatException>(() =>
            ExpositionParser.ParseToList([.. "# HELP m "u8, 0xFF], ExpositionFormat.Prometheus004));

        Assert.Equal("line 1: HELP text is not valid UTF-8", error.Message);
    }

    [Fact]
    public void Comment_InvalidUtf8_Accepted()
    {
        // Prometheus does not look inside comments; the label values after it are still checked one by one.
        var records = ExpositionParser.ParseToList([.. "# caf"u8, 0xE9, .. "\nm{a=\"ok\"} 1\n"u8], ExpositionFormat.Prometheus004);

        Assert.Equal("ok", Assert.Single(records).Label("a"));
    }

    [Fact]
    public void Error_AfterGoodLines_LeavesEarlierSamplesWithTheSink()
    {
        // The caller discards them (a scrape is all or nothing); the parser does not buffer to hide them.
        var sink = new CountingSink();

        Assert.Throws<ExpositionFormatException>(() => ExpositionParser.Parse("a 1\nb 2\nc x"u8, ExpositionFormat.Prometheus004, ref sink));
        Assert.Equal(2, sink.Samples);
    }

    [Fact]
    public void CrlfLine_CountsAsOneLine() => Assert.Equal(3, Reject("a 1\r\nb 2\r\nc x\r\n").Line);

    private struct CountingSink : IExpositionSink
    {
        public int Samples;

        public void OnType(ReadOnlySpan<byte> family, MetricType type)
        {
        }

        public void OnHelp(ReadOnlySpan<byte> family, ReadOnlySpan<byte> escapedHelp)
        {
        }

        public void OnSample(in ParsedSample sample) => Samples++;
    }
}

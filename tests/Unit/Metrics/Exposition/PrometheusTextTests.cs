using McpMonitoring.Engine.Metrics.Exposition;

namespace McpMonitoring.Tests.Unit.Metrics.Exposition;

/// <summary>What the 0.0.4 text format accepts: every feature the parser supports, one test each.</summary>
public sealed class PrometheusTextTests
{
    private static IReadOnlyList<ExpositionRecord> Parse(string text) =>
        ExpositionParser.ParseToList(text, ExpositionFormat.Prometheus004);

    private static ExpositionRecord[] Samples(string text) =>
        [.. Parse(text).Where(r => r.Kind == ExpositionRecordKind.Sample)];

    private static ExpositionRecord Single(string text) => Assert.Single(Samples(text));

    private static KeyValuePair<string, string>[] Labels(params (string Name, string Value)[] labels) =>
        [.. labels.Select(l => KeyValuePair.Create(l.Name, l.Value))];

    [Fact]
    public void HelpAndType_ReportedInOrder_WithTheFamilyName()
    {
        var records = Parse("""
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000
            """);

        Assert.Equal(4, records.Count);
        Assert.Equal(new ExpositionRecord(ExpositionRecordKind.Help, "http_requests_total") { Help = "The total number of HTTP requests." }, records[0]);
        Assert.Equal(new ExpositionRecord(ExpositionRecordKind.Type, "http_requests_total") { Type = MetricType.Counter }, records[1]);
        Assert.All(records.Skip(2), r => Assert.Equal(MetricType.Counter, r.Type));
        Assert.Equal([1027.0, 3.0], records.Skip(2).Select(r => r.Value));
        Assert.Equal("400", records[3].Label("code"));
    }

    [Fact]
    public void Sample_NameLabelsValueTimestamp_AllReported()
    {
        var sample = Single("""metric_without_timestamp_and_labels{a="1",b="two"} 12.47 1700000000123""");

        Assert.Equal("metric_without_timestamp_and_labels", sample.Name);
        Assert.Equal(Labels(("a", "1"), ("b", "two")), sample.Labels);
        Assert.Equal(12.47, sample.Value);
        Assert.Equal(1_700_000_000_123, sample.TimestampMs);
        Assert.Equal("""metric_without_timestamp_and_labels{a="1",b="two"}""", sample.Series);
    }

    [Fact]
    public void Sample_WithoutLabelsOrTimestamp_HasEmptyLabelsAndNoTimestamp()
    {
        var sample = Single("up 1");

        Assert.Empty(sample.Labels);
        Assert.Null(sample.TimestampMs);
        Assert.Equal("up", sample.Series);
        Assert.Equal(MetricType.Untyped, sample.Type);
    }

    [Fact]
    public void Sample_EmptyLabelBlock_Accepted() => Assert.Empty(Single("up{} 1").Labels);

    [Fact]
    public void Sample_NameWithColons_Accepted() =>
        Assert.Equal("job:http_requests:rate5m", Single("job:http_requests:rate5m 3").Name);

    [Fact]
    public void LabelValue_Escapes_Decoded()
    {
        var sample = Single("""msdos_file_access_time_seconds{path="C:\\DIR\\FILE.TXT",error="Cannot find file:\n\"FILE.TXT\""} 1.458255915e9""");

        Assert.Equal(@"C:\DIR\FILE.TXT", sample.Label("path"));
        Assert.Equal("Cannot find file:\n\"FILE.TXT\"", sample.Label("error"));
        Assert.Equal(1.458255915e9, sample.Value);
    }

    [Fact]
    public void LabelValue_Utf8AndSpecialCharacters_KeptVerbatim()
    {
        var sample = Single("""m{city="Zürich",expr="a{b=\"c\"} , d=e",empty=""} 1""");

        Assert.Equal("Zürich", sample.Label("city"));
        Assert.Equal("""a{b="c"} , d=e""", sample.Label("expr"));
        Assert.Equal("", sample.Label("empty"));
    }

    [Fact]
    public void Help_Escapes_Decoded()
    {
        var help = Parse("""
            # HELP m Line one\nline two with a backslash \\ and a \"quote\".
            m 1
            """)[0];

        Assert.Equal("Line one\nline two with a backslash \\ and a \"quote\".", help.Help);
    }

    [Fact]
    public void Help_BlanksBeforeTheText_Skipped_TrailingKept() =>
        Assert.Equal("text  ", Parse("# HELP\tm \t text  \nm 1")[0].Help);

    [Fact]
    public void Help_Empty_Accepted() => Assert.Equal("", Parse("# HELP m\nm 1")[0].Help);

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    public void Value_NaN_Parsed(string text) => Assert.True(double.IsNaN(Single($"m {text}").Value));

    [Theory]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("Inf", double.PositiveInfinity)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("+INF", double.PositiveInfinity)]
    [InlineData("-infinity", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    public void Value_Infinities_AsGoParsesThem(string text, double expected) => Assert.Equal(expected, Single($"m {text}").Value);

    [Theory]
    [InlineData("1.5e3", 1500)]
    [InlineData("1.5E+03", 1500)]
    [InlineData("2.5e-3", 0.0025)]
    [InlineData("-1e-7", -1e-7)]
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    [InlineData("4.9e-324", double.Epsilon)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5)]
    [InlineData("+3", 3)]
    [InlineData("007", 7)]
    [InlineData("123456789012345678901234567890", 1.2345678901234568e29)]
    [InlineData("0.1", 0.1)]
    public void Value_DecimalsAndExponents_Parsed(string text, double expected) => Assert.Equal(expected, Single($"m {text}").Value);

    [Fact]
    public void Value_NegativeZero_KeepsItsSign() => Assert.True(double.IsNegative(Single("m -0").Value));

    [Fact]
    public void Timestamp_Int64Milliseconds_Parsed()
    {
        Assert.Equal(long.MaxValue, Single("m 1 9223372036854775807").TimestampMs);
        Assert.Equal(0, Single("m 1 0").TimestampMs);
    }

    [Fact]
    public void Histogram_BucketsSumAndCount_BelongToTheFamily()
    {
        var samples = Samples("""
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="0.1"} 33444
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320
            """);

        Assert.Equal(5, samples.Length);
        Assert.All(samples, s => Assert.Equal(MetricType.Histogram, s.Type));
        Assert.Equal(["0.05", "0.1", "+Inf"], samples.Take(3).Select(s => s.Label("le")));
        Assert.Equal("http_request_duration_seconds_count", samples[4].Name);
    }

    [Fact]
    public void Summary_QuantilesSumAndCount_BelongToTheFamily()
    {
        var samples = Samples("""
            # TYPE rpc_duration_seconds summary
            rpc_duration_seconds{quantile="0.01"} 3102
            rpc_duration_seconds{quantile="0.5"} 4773
            rpc_duration_seconds{quantile="0.99"} 76656
            rpc_duration_seconds_sum 1.7560473e+07
            rpc_duration_seconds_count 2693
            """);

        Assert.All(samples, s => Assert.Equal(MetricType.Summary, s.Type));
        Assert.Equal(1.7560473e+07, samples[3].Value);
    }

    [Theory]
    [InlineData("counter", MetricType.Counter)]
    [InlineData("gauge", MetricType.Gauge)]
    [InlineData("untyped", MetricType.Untyped)]
    public void Type_SimpleTypes_AppliedToTheBareName(string word, MetricType type)
    {
        var records = Parse($"# TYPE m {word}\nm 1");

        Assert.Equal(type, records[0].Type);
        Assert.Equal(type, records[1].Type);
    }

    [Fact]
    public void Membership_SuffixOfAnotherType_IsUntyped()
    {
        // _sum belongs to histograms and summaries only; _total is no counter suffix in 0.0.4.
        var samples = Samples("""
            # TYPE requests counter
            requests 1
            requests_total 2
            requests_sum 3
            requestsx 4
            """);

        Assert.Equal([MetricType.Counter, MetricType.Untyped, MetricType.Untyped, MetricType.Untyped], samples.Select(s => s.Type));
    }

    [Fact]
    public void Membership_OnlyTheLastHelpOrTypeLineCounts()
    {
        var samples = Samples("""
            # TYPE a counter
            a 1
            # HELP b Another family.
            a{x="1"} 2
            b 3
            """);

        // Prometheus associates a sample with the family of the last metadata line only.
        Assert.Equal([MetricType.Counter, MetricType.Untyped, MetricType.Untyped], samples.Select(s => s.Type));
    }

    [Fact]
    public void Membership_HelpAfterType_KeepsTheType()
    {
        var samples = Samples("""
            # TYPE a gauge
            # HELP a Help after type.
            a 1
            """);

        Assert.Equal(MetricType.Gauge, Assert.Single(samples).Type);
    }

    [Fact]
    public void Interleaving_SamplesOfAFamilyAfterAnotherFamily_AcceptedAsUntyped()
    {
        // Prometheus 2.42 scrapes this without error (checked against the real server); the sample that comes back
        // after another family's TYPE line is no longer associated with its family's metadata.
        var samples = Samples("""
            # TYPE a counter
            a 1
            # TYPE b gauge
            b 1
            a{x="1"} 2
            """);

        Assert.Equal([MetricType.Counter, MetricType.Gauge, MetricType.Untyped], samples.Select(s => s.Type));
    }

    [Fact]
    public void Help_AfterSamplesOfTheFamily_Accepted()
    {
        // Only a second HELP is an error (as in expfmt); a first one after the samples is allowed.
        var records = Parse("a 1\n# HELP a Late help.\na 2");

        Assert.Equal(3, records.Count);
        Assert.Equal("Late help.", records[1].Help);
    }

    [Fact]
    public void Comments_NotHelpOrType_Ignored()
    {
        var records = Parse("""
            # A plain comment
            #HELP without a blank is a comment too
            # HELP
            # TYPEX m counter
            #
            # EOF
            # UNIT m seconds
            m 1
            """);

        Assert.Equal(MetricType.Untyped, Assert.Single(records).Type);
    }

    [Fact]
    public void BlankLinesLeadingAndTrailingWhitespace_Ignored()
    {
        var samples = Samples("\n\n   \t\n  m{a=\"1\"} 1 \t \n\t# TYPE n gauge \nn 2  1000  \n\n");

        Assert.Equal(2, samples.Length);
        Assert.Equal(MetricType.Gauge, samples[1].Type);
        Assert.Equal(1000, samples[1].TimestampMs);
    }

    [Fact]
    public void Whitespace_AroundLabelTokensAndTabs_Accepted()
    {
        var sample = Single("m{ a = \"1\" ,\tb=\"2\" }\t7\t1000");

        Assert.Equal(Labels(("a", "1"), ("b", "2")), sample.Labels);
        Assert.Equal(7, sample.Value);
        Assert.Equal(1000, sample.TimestampMs);
    }

    [Fact]
    public void LabelBlock_TrailingComma_Accepted()
    {
        var sample = Single("""m{a="1",b="2",} 1""");

        Assert.Equal(2, sample.Labels.Count);
        Assert.Equal("""m{a="1",b="2",}""", sample.Series);
    }

    [Fact]
    public void LabelBlock_BlankAfterTheName_Accepted()
    {
        var sample = Single("m \t{a=\"1\"} 2");

        Assert.Equal("1", sample.Label("a"));
        Assert.Equal("m \t{a=\"1\"}", sample.Series);
        Assert.Equal(2, sample.Value);
    }

    [Fact]
    public void LabelBlock_NoBlankBeforeValue_Accepted() => Assert.Equal(5, Single("""m{a="1"}5""").Value);

    [Fact]
    public void Crlf_Tolerated()
    {
        // Prometheus fails on the '\r' ("1\r" is no float); accepting CRLF costs nothing and helps Windows exporters.
        var records = Parse("# HELP m Help.\r\n# TYPE m gauge\r\nm{a=\"1\"} 1 1000\r\nm 2\r\n");

        Assert.Equal("Help.", records[0].Help);
        Assert.Equal(MetricType.Gauge, records[1].Type);
        Assert.Equal(1000, records[2].TimestampMs);
        Assert.Equal(2, records[3].Value);
    }

    [Fact]
    public void NoFinalNewline_LastLineParsed() => Assert.Equal(3, Samples("a 1\nb 2\nc 3").Length);

    [Fact]
    public void EmptyText_NothingReported() => Assert.Empty(Parse(""));

    [Fact]
    public void DuplicateSeries_BothReported()
    {
        // Prometheus parses both and drops the second when appending; the store decides here too.
        Assert.Equal(2, Samples("m 1\nm 2").Length);
    }

    [Fact]
    public void ReservedPrefix_SingleUnderscore_Accepted() => Assert.Equal("1", Single("""m{_a="1"} 1""").Label("_a"));

    [Fact]
    public void Histogram_LeValuesInGoSyntax_Accepted()
    {
        var samples = Samples("""
            # TYPE h histogram
            h_bucket{le="1e-3"} 1
            h_bucket{le="Inf"} 1
            h_bucket{x="y",le="+Inf"} 1
            """);

        Assert.Equal(3, samples.Length);
    }

    [Fact]
    public void Histogram_BareNameAndSumWithoutLe_Accepted()
    {
        // Only _bucket needs le.
        var samples = Samples("# TYPE h histogram\nh_sum 1\nh_count 2\nh 3");

        Assert.All(samples, s => Assert.Equal(MetricType.Histogram, s.Type));
    }

    [Fact]
    public void ManyLabels_BeyondTheScratchSpace_StillChecked()
    {
        var labels = string.Join(",", Enumerable.Range(0, 100).Select(i => $"l{i}=\"{i}\""));

        Assert.Equal(100, Single($"m{{{labels}}} 1").Labels.Count);
    }
}

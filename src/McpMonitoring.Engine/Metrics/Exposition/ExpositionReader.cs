using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>
/// The parse of one exposition: splits lines, reads metadata, and tracks the current family (the one named by the
/// last HELP/TYPE/UNIT line, as Prometheus does) and the names seen so far. Sample lines are in the other part.
/// </summary>
internal ref partial struct ExpositionReader
{
    private readonly ReadOnlySpan<byte> _text;
    private readonly bool _openMetrics;
    private readonly FamilyTable _families;

    // One vectorised pass over the whole text is cheaper than a check per label block; only when it fails (bad
    // bytes may sit in a comment, which Prometheus accepts) are label values and HELP texts checked one by one.
    private readonly bool _allValidUtf8;

    // (start, length) of each label name of the current sample line, for the duplicate check.
    private readonly Span<int> _labelNames;

    private int _line;

    private ReadOnlySpan<byte> _family;
    private MetricType _familyType;
    private int _familyIndex;
    private bool _familyHasSamples;

    // The last sample name recorded outside the current family: consecutive samples mostly share a name, so the
    // table is consulted only when it changes.
    private ReadOnlySpan<byte> _lastOutsider;

    public ExpositionReader(ReadOnlySpan<byte> text, ExpositionFormat format, FamilyTable families, Span<int> labelNames)
    {
        _text = text;
        _openMetrics = format == ExpositionFormat.OpenMetrics100;
        _families = families;
        _labelNames = labelNames;
        _familyIndex = -1;
        _allValidUtf8 = System.Text.Unicode.Utf8.IsValid(text);
    }

    public void Run<TSink>(ref TSink sink)
        where TSink : IExpositionSink
    {
        var text = _text;
        var pos = 0;
        var ended = false;
        while (pos < text.Length)
        {
            _line++;
            var rest = text[pos..];
            var newline = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line;
            if (newline < 0)
            {
                line = rest;
                pos = text.Length;
            }
            else
            {
                line = rest[..newline];
                pos += newline + 1;
            }

            // CRLF is tolerated (Prometheus itself fails on the '\r'): a Windows-written exposition is still clear.
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (ended)
            {
                Fail("text after # EOF");
            }

            var start = ExpositionSyntax.SkipBlanks(line, 0);
            if (start == line.Length)
            {
                if (_openMetrics)
                {
                    Fail("blank line (OpenMetrics allows none)");
                }

                continue;
            }

            if (line[start] == '#')
            {
                ended = ReadComment(line[start..], ref sink);
            }
            else
            {
                ReadSample(line[start..], ref sink);
            }
        }

        if (_openMetrics && !ended)
        {
            _line++;
            Fail("missing '# EOF' at the end of the OpenMetrics exposition");
        }
    }

    /// <summary>A line starting with '#'; returns true for OpenMetrics' <c># EOF</c>.</summary>
    private bool ReadComment<TSink>(ReadOnlySpan<byte> line, ref TSink sink)
        where TSink : IExpositionSink
    {
        // "#HELP" (no blank) is a plain comment, as in Prometheus' lexer.
        if (line.Length < 2 || !ExpositionSyntax.IsBlank(line[1]))
        {
            if (_openMetrics)
            {
                Fail("comment lines other than HELP, TYPE, UNIT and EOF are not allowed in OpenMetrics");
            }

            return false;
        }

        var i = ExpositionSyntax.SkipBlanks(line, 1);
        var end = ExpositionSyntax.TokenEnd(line, i);
        var keyword = line[i..end];
        var hasArguments = end < line.Length;
        if (_openMetrics && keyword.SequenceEqual("EOF"u8) && ExpositionSyntax.TrimEndBlanks(line[end..]).IsEmpty)
        {
            return true;
        }

        if (hasArguments && keyword.SequenceEqual("HELP"u8))
        {
            ReadHelp(line, end, ref sink);
        }
        else if (hasArguments && keyword.SequenceEqual("TYPE"u8))
        {
            ReadType(line, end, ref sink);
        }
        else if (_openMetrics && hasArguments && keyword.SequenceEqual("UNIT"u8))
        {
            ReadUnit(line, end);
        }
        else if (_openMetrics)
        {
            Fail("comment lines other than HELP, TYPE, UNIT and EOF are not allowed in OpenMetrics");
        }

        return false;
    }

    private void ReadHelp<TSink>(ReadOnlySpan<byte> line, int i, ref TSink sink)
        where TSink : IExpositionSink
    {
        var name = MetadataName(line, ref i, "HELP");
        i = ExpositionSyntax.SkipBlanks(line, i);
        var help = line[i..];
        if (ExpositionSyntax.HelpError(help) is { } problem)
        {
            Fail(problem);
        }

        if (!_allValidUtf8 && !System.Text.Unicode.Utf8.IsValid(help))
        {
            Fail("HELP text is not valid UTF-8");
        }

        var index = EnterFamily(name);
        ref var seen = ref _families.Seen(index);
        if ((seen & FamilySeen.Help) != 0)
        {
            Fail($"second HELP line for metric family '{ExpositionSyntax.Printable(name)}'");
        }

        seen |= FamilySeen.Help;
        sink.OnHelp(name, help);
    }

    private void ReadType<TSink>(ReadOnlySpan<byte> line, int i, ref TSink sink)
        where TSink : IExpositionSink
    {
        var name = MetadataName(line, ref i, "TYPE");
        var word = ExpositionSyntax.TrimEndBlanks(line[ExpositionSyntax.SkipBlanks(line, i)..]);
        if (!TryParseType(word, _openMetrics, out var type))
        {
            Fail(word.IsEmpty
                ? $"TYPE line for '{ExpositionSyntax.Printable(name)}' without a type"
                : $"unknown metric type '{ExpositionSyntax.Printable(word)}' (expected {(_openMetrics
                    ? "counter, gauge, histogram, gaugehistogram, summary, stateset, info or unknown"
                    : "counter, gauge, histogram, summary or untyped")})");
        }

        var index = EnterFamily(name);
        ref var seen = ref _families.Seen(index);
        if ((seen & FamilySeen.Type) != 0)
        {
            Fail($"second TYPE line for metric family '{ExpositionSyntax.Printable(name)}'");
        }

        if ((seen & FamilySeen.Samples) != 0)
        {
            Fail($"TYPE line for metric family '{ExpositionSyntax.Printable(name)}' after samples of that family");
        }

        seen |= FamilySeen.Type;
        _families.Type(index) = type;
        _familyType = type;
        sink.OnType(name, type);
    }

    /// <summary>OpenMetrics' <c># UNIT name unit</c>: checked (the unit must end the name) but not passed on.</summary>
    private void ReadUnit(ReadOnlySpan<byte> line, int i)
    {
        var name = MetadataName(line, ref i, "UNIT");
        var unit = ExpositionSyntax.TrimEndBlanks(line[ExpositionSyntax.SkipBlanks(line, i)..]);
        if (!unit.IsEmpty
            && (ExpositionSyntax.MetricNameLength(unit) != unit.Length
                || name.Length <= unit.Length
                || !name.EndsWith(unit)
                || name[name.Length - unit.Length - 1] != '_'))
        {
            Fail($"unit '{ExpositionSyntax.Printable(unit)}' is not a suffix of metric family '{ExpositionSyntax.Printable(name)}'");
        }

        ref var seen = ref _families.Seen(EnterFamily(name));
        if ((seen & FamilySeen.Unit) != 0)
        {
            Fail($"second UNIT line for metric family '{ExpositionSyntax.Printable(name)}'");
        }

        seen |= FamilySeen.Unit;
    }

    /// <summary>The metric name after HELP/TYPE/UNIT; <paramref name="i"/> moves past it.</summary>
    private readonly ReadOnlySpan<byte> MetadataName(ReadOnlySpan<byte> line, scoped ref int i, string keyword)
    {
        i = ExpositionSyntax.SkipBlanks(line, i);
        var length = ExpositionSyntax.MetricNameLength(line[i..]);
        var after = i + length;
        if (length == 0 || (after < line.Length && !ExpositionSyntax.IsBlank(line[after])))
        {
            var token = line[i..ExpositionSyntax.TokenEnd(line, i)];
            Fail(token.IsEmpty
                ? $"{keyword} line without a metric name"
                : $"invalid metric name '{ExpositionSyntax.Printable(token)}' in {keyword} line");
        }

        var name = line.Slice(i, length);
        i = after;
        return name;
    }

    /// <summary>Makes <paramref name="name"/> the current family (with the type a TYPE line gave it, if any).</summary>
    private int EnterFamily(ReadOnlySpan<byte> name)
    {
        var index = _families.GetOrAdd(name);
        _family = name;
        _familyIndex = index;
        _familyType = _families.Type(index);
        _familyHasSamples = (_families.Seen(index) & FamilySeen.Samples) != 0;
        return index;
    }

    private static bool TryParseType(ReadOnlySpan<byte> word, bool openMetrics, out MetricType type)
    {
        // Lower case only, as Prometheus' scrape parsers take it.
        type = word switch
        {
            _ when word.SequenceEqual("counter"u8) => MetricType.Counter,
            _ when word.SequenceEqual("gauge"u8) => MetricType.Gauge,
            _ when word.SequenceEqual("histogram"u8) => MetricType.Histogram,
            _ when word.SequenceEqual("summary"u8) => MetricType.Summary,
            _ when !openMetrics && word.SequenceEqual("untyped"u8) => MetricType.Untyped,
            _ when openMetrics && word.SequenceEqual("unknown"u8) => MetricType.Untyped,
            _ when openMetrics && word.SequenceEqual("gaugehistogram"u8) => MetricType.GaugeHistogram,
            _ when openMetrics && word.SequenceEqual("stateset"u8) => MetricType.StateSet,
            _ when openMetrics && word.SequenceEqual("info"u8) => MetricType.Info,
            _ => (MetricType)(-1),
        };
        return type >= 0;
    }

    [DoesNotReturn]
    [StackTraceHidden]
    private readonly void Fail(string problem) => throw new ExpositionFormatException(_line, problem);
}

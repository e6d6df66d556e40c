using System.Text.Unicode;

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>Sample lines: <c>name[{labels}] value [timestamp]</c> (OpenMetrics: <c>[ # exemplar]</c> after them).</summary>
internal ref partial struct ExpositionReader
{
    /// <summary>What a sample's suffix makes it within its family, for the le/quantile requirements.</summary>
    private enum Role : byte
    {
        None,
        Bare,
        Bucket,
        Other,
    }

    private void ReadSample<TSink>(ReadOnlySpan<byte> line, ref TSink sink)
        where TSink : IExpositionSink
    {
        // Trailing blanks are insignificant (Prometheus' own parser skips them too).
        line = ExpositionSyntax.TrimEndBlanks(line);

        var nameLength = ExpositionSyntax.MetricNameLength(line);
        if (nameLength == 0
            || (nameLength < line.Length && line[nameLength] != '{' && !ExpositionSyntax.IsBlank(line[nameLength])))
        {
            Fail($"invalid metric name '{ExpositionSyntax.Printable(line[..ExpositionSyntax.TokenEnd(line, 0)])}'");
        }

        var name = line[..nameLength];
        var role = Membership(name, out var familyType);
        var needLe = role == Role.Bucket;
        var needQuantile = role == Role.Bare && familyType == MetricType.Summary;

        var i = nameLength;
        ReadOnlySpan<byte> labelBlock = default;
        var labelCount = 0;
        ReadOnlySpan<byte> le = default, quantile = default;
        bool hasLe = false, hasQuantile = false;

        // Blanks may separate the name from its label block (both of Prometheus' parsers allow it).
        var brace = ExpositionSyntax.SkipBlanks(line, nameLength);
        if (brace < line.Length && line[brace] == '{')
        {
            i = ReadLabels(line, brace + 1, needLe, needQuantile, out labelCount, ref le, ref hasLe, ref quantile, ref hasQuantile);
            labelBlock = line[(brace + 1)..(i - 1)];
        }

        var series = line[..i];

        i = ExpositionSyntax.SkipBlanks(line, i);
        if (i == line.Length)
        {
            Fail($"missing value for '{ExpositionSyntax.Printable(series)}'");
        }

        var valueEnd = ExpositionSyntax.TokenEnd(line, i);
        if (!GoFloat.TryParse(line[i..valueEnd], out var value))
        {
            Fail($"invalid value '{ExpositionSyntax.Printable(line[i..valueEnd])}' for '{ExpositionSyntax.Printable(series)}'");
        }

        i = ExpositionSyntax.SkipBlanks(line, valueEnd);
        long timestamp = 0;
        var hasTimestamp = false;
        if (i < line.Length)
        {
            if (_openMetrics && line[i] == '#')
            {
                ReadExemplar(line, i);
            }
            else
            {
                var end = ExpositionSyntax.TokenEnd(line, i);
                timestamp = ParseTimestamp(line[i..end]);
                hasTimestamp = true;
                i = ExpositionSyntax.SkipBlanks(line, end);
                if (_openMetrics && i < line.Length && line[i] == '#')
                {
                    ReadExemplar(line, i);
                }
                else if (i < line.Length)
                {
                    Fail($"unexpected text after the timestamp: '{ExpositionSyntax.Printable(line[i..])}'");
                }
            }
        }

        if (needLe)
        {
            CheckBoundLabel(hasLe, le, "le", "histogram bucket", series);
        }

        if (needQuantile)
        {
            CheckBoundLabel(hasQuantile, quantile, "quantile", "summary quantile", series);
        }

        // Names, quotes and escapes are ASCII and already checked: this validates the values.
        if (!_allValidUtf8 && !Utf8.IsValid(labelBlock))
        {
            Fail($"label value of '{ExpositionSyntax.Printable(name)}' is not valid UTF-8");
        }

        NoteSample(name, role);
        sink.OnSample(new ParsedSample(series, name, labelBlock, labelCount, value, timestamp, hasTimestamp, familyType));
    }

    /// <summary>
    /// Whether <paramref name="name"/> belongs to the current family: the family name itself, or the family name
    /// plus a suffix its type defines. Anything else is untyped.
    /// </summary>
    private readonly Role Membership(ReadOnlySpan<byte> name, out MetricType familyType)
    {
        familyType = MetricType.Untyped;
        var family = _family;
        if (family.IsEmpty || !name.StartsWith(family))
        {
            return Role.None;
        }

        var suffix = name[family.Length..];
        var role = suffix.IsEmpty ? Role.Bare : SuffixRole(suffix, _familyType, _openMetrics);
        if (role != Role.None)
        {
            familyType = _familyType;
        }

        return role;
    }

    private static Role SuffixRole(ReadOnlySpan<byte> suffix, MetricType type, bool openMetrics)
    {
        var member = type switch
        {
            MetricType.Histogram => suffix.SequenceEqual("_bucket"u8) || suffix.SequenceEqual("_sum"u8) || suffix.SequenceEqual("_count"u8)
                || (openMetrics && suffix.SequenceEqual("_created"u8)),
            MetricType.Summary => suffix.SequenceEqual("_sum"u8) || suffix.SequenceEqual("_count"u8)
                || (openMetrics && suffix.SequenceEqual("_created"u8)),
            MetricType.Counter => openMetrics && (suffix.SequenceEqual("_total"u8) || suffix.SequenceEqual("_created"u8)),
            MetricType.GaugeHistogram => suffix.SequenceEqual("_bucket"u8) || suffix.SequenceEqual("_gsum"u8) || suffix.SequenceEqual("_gcount"u8),
            MetricType.Info => suffix.SequenceEqual("_info"u8),
            _ => false,
        };
        if (!member)
        {
            return Role.None;
        }

        return suffix.SequenceEqual("_bucket"u8) ? Role.Bucket : Role.Other;
    }

    /// <summary>Remembers that samples of this name were seen, so a later TYPE line for it is rejected.</summary>
    private void NoteSample(ReadOnlySpan<byte> name, Role role)
    {
        if (role != Role.None)
        {
            if (!_familyHasSamples)
            {
                _families.Seen(_familyIndex) |= FamilySeen.Samples;
                _familyHasSamples = true;
            }

            return;
        }

        if (!name.SequenceEqual(_lastOutsider))
        {
            _families.Seen(_families.GetOrAdd(name)) |= FamilySeen.Samples;
            _lastOutsider = name;
        }
    }

    private readonly void CheckBoundLabel(bool present, ReadOnlySpan<byte> value, string label, string what, ReadOnlySpan<byte> series)
    {
        if (!present)
        {
            Fail($"{what} '{ExpositionSyntax.Printable(series)}' without a '{label}' label");
        }

        if (!GoFloat.TryParse(value, out _))
        {
            Fail($"'{label}' label value '{ExpositionSyntax.Printable(value)}' of '{ExpositionSyntax.Printable(series)}' is not a number");
        }
    }

    private readonly long ParseTimestamp(ReadOnlySpan<byte> token)
    {
        if (!_openMetrics)
        {
            if (!GoFloat.TryParseTimestamp(token, out var ms))
            {
                Fail($"invalid timestamp '{ExpositionSyntax.Printable(token)}' (expected integer milliseconds)");
            }

            return ms;
        }

        // OpenMetrics: seconds, possibly fractional. Rounded to the millisecond (Prometheus truncates, which turns
        // 1.001 into 1000 ms through binary rounding).
        if (!GoFloat.TryParse(token, out var seconds) || !double.IsFinite(seconds) || Math.Abs(seconds) >= 9.2e15)
        {
            Fail($"invalid timestamp '{ExpositionSyntax.Printable(token)}' (expected seconds)");
        }

        return (long)Math.Round(seconds * 1000);
    }

    /// <summary>An OpenMetrics exemplar, <c># {labels} value [timestamp]</c>: checked, then ignored.</summary>
    private readonly void ReadExemplar(ReadOnlySpan<byte> line, int i)
    {
        i = ExpositionSyntax.SkipBlanks(line, i + 1);
        if (i >= line.Length || line[i] != '{')
        {
            Fail("expected '{' to start an exemplar's labels after ' # '");
        }

        ReadOnlySpan<byte> none = default;
        var no = false;
        i = ReadLabels(line, i + 1, needLe: false, needQuantile: false, out _, ref none, ref no, ref none, ref no);
        i = ExpositionSyntax.SkipBlanks(line, i);
        var end = i < line.Length ? ExpositionSyntax.TokenEnd(line, i) : i;
        if (i == end || !GoFloat.TryParse(line[i..end], out _))
        {
            Fail($"invalid or missing exemplar value '{ExpositionSyntax.Printable(line[i..end])}'");
        }

        i = ExpositionSyntax.SkipBlanks(line, end);
        if (i < line.Length)
        {
            end = ExpositionSyntax.TokenEnd(line, i);
            if (!GoFloat.TryParse(line[i..end], out var ts) || !double.IsFinite(ts))
            {
                Fail($"invalid exemplar timestamp '{ExpositionSyntax.Printable(line[i..end])}'");
            }

            if (ExpositionSyntax.SkipBlanks(line, end) < line.Length)
            {
                Fail($"unexpected text after the exemplar: '{ExpositionSyntax.Printable(line[end..])}'");
            }
        }
    }
}

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>One label of a parsed sample; spans point into the parsed text.</summary>
public readonly ref struct ExpositionLabel(ReadOnlySpan<byte> name, ReadOnlySpan<byte> escapedValue)
{
    public ReadOnlySpan<byte> Name { get; } = name;

    /// <summary>The value between the quotes, escapes (<c>\\</c>, <c>\"</c>, <c>\n</c>) not yet decoded.</summary>
    public ReadOnlySpan<byte> EscapedValue { get; } = escapedValue;

    /// <summary>The decoded value (allocates: call it only for a series not seen before).</summary>
    public string DecodeValue() => ExpositionText.UnescapeLabelValue(EscapedValue);
}

/// <summary>Enumerates an already validated label block (<c>a="1",b="x\"y"</c>) without allocating.</summary>
public ref struct ExpositionLabelEnumerator
{
    private ReadOnlySpan<byte> _rest;

    public ExpositionLabelEnumerator(ReadOnlySpan<byte> labelBlock)
    {
        _rest = labelBlock;
        Current = default;
    }

    public ExpositionLabel Current { get; private set; }

    public readonly ExpositionLabelEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        // The block may hold blanks around tokens and a trailing comma, as the parser accepts them.
        var rest = _rest;
        var i = ExpositionSyntax.SkipBlanks(rest, 0);
        if (i >= rest.Length || rest[i] == '}')
        {
            _rest = default;
            return false;
        }

        var nameLength = ExpositionSyntax.LabelNameLength(rest[i..]);
        var name = rest.Slice(i, nameLength);
        i = ExpositionSyntax.SkipBlanks(rest, i + nameLength);
        i = ExpositionSyntax.SkipBlanks(rest, i + 1); // '='
        var close = ExpositionSyntax.ClosingQuote(rest, i + 1);
        if (nameLength == 0 || close < 0)
        {
            throw new FormatException("label block not validated by the exposition parser");
        }

        Current = new ExpositionLabel(name, rest[(i + 1)..close]);
        i = ExpositionSyntax.SkipBlanks(rest, close + 1);
        if (i < rest.Length && rest[i] == ',')
        {
            i++;
        }

        _rest = rest[i..];
        return true;
    }
}

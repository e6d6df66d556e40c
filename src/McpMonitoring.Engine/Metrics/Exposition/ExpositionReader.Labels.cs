namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>Label blocks of sample lines (and of OpenMetrics exemplars).</summary>
internal ref partial struct ExpositionReader
{
    /// <summary>
    /// Reads <c>name="value",...}</c> from <paramref name="i"/> (just after '{'); returns the index after '}'.
    /// Whitespace around the tokens and one trailing comma are accepted, as Prometheus does.
    /// </summary>
    private readonly int ReadLabels(
        ReadOnlySpan<byte> line, int i, bool needLe, bool needQuantile, out int count,
        ref ReadOnlySpan<byte> le, ref bool hasLe, ref ReadOnlySpan<byte> quantile, ref bool hasQuantile)
    {
        var blockStart = i;
        count = 0;
        while (true)
        {
            i = ExpositionSyntax.SkipBlanks(line, i);
            if (i >= line.Length)
            {
                Fail("unterminated label block (no closing '}')");
            }

            if (line[i] == '}')
            {
                return i + 1;
            }

            var nameLength = ExpositionSyntax.LabelNameLength(line[i..]);
            if (nameLength == 0)
            {
                Fail($"invalid label name at '{ExpositionSyntax.Printable(line[i..])}'");
            }

            var name = line.Slice(i, nameLength);
            if (nameLength >= 2 && name[0] == '_' && name[1] == '_')
            {
                Fail($"label name '{ExpositionSyntax.Printable(name)}' is reserved (names starting with __ are internal)");
            }

            CheckDuplicate(line, blockStart, i, nameLength, count);

            i = ExpositionSyntax.SkipBlanks(line, i + nameLength);
            if (i >= line.Length || line[i] != '=')
            {
                Fail(i >= line.Length
                    ? "unterminated label block (no closing '}')"
                    : $"expected '=' after label name '{ExpositionSyntax.Printable(name)}'");
            }

            i = ExpositionSyntax.SkipBlanks(line, i + 1);
            if (i >= line.Length || line[i] != '"')
            {
                Fail($"expected '\"' to start the value of label '{ExpositionSyntax.Printable(name)}'");
            }

            var close = ExpositionSyntax.ClosingQuote(line, i + 1);
            if (close < 0)
            {
                Fail(ExpositionSyntax.QuotedValueError(line, close, "label value"));
            }

            if (needLe && nameLength == 2 && name[0] == 'l' && name[1] == 'e')
            {
                le = line[(i + 1)..close];
                hasLe = true;
            }
            else if (needQuantile && name.SequenceEqual("quantile"u8))
            {
                quantile = line[(i + 1)..close];
                hasQuantile = true;
            }

            count++;
            i = ExpositionSyntax.SkipBlanks(line, close + 1);
            if (i < line.Length && line[i] == ',')
            {
                i++;
            }
            else if (i >= line.Length || line[i] != '}')
            {
                Fail(i >= line.Length
                    ? "unterminated label block (no closing '}')"
                    : $"expected ',' or '}}' after the value of label '{ExpositionSyntax.Printable(name)}'");
            }
        }
    }

    /// <summary>Pairwise, without allocating: a sample has few labels.</summary>
    private readonly void CheckDuplicate(ReadOnlySpan<byte> line, int blockStart, int start, int length, int count)
    {
        var name = line.Slice(start, length);
        var stored = _labelNames.Length / 2;
        if (count <= stored)
        {
            for (var j = 0; j < count; j++)
            {
                if (_labelNames[(2 * j) + 1] == length && line.Slice(_labelNames[2 * j], length).SequenceEqual(name))
                {
                    FailDuplicate(name);
                }
            }

            if (count < stored)
            {
                _labelNames[2 * count] = start;
                _labelNames[(2 * count) + 1] = length;
            }

            return;
        }

        // More labels than the scratch space holds: rescan the (already validated) part of the block.
        foreach (var label in new ExpositionLabelEnumerator(line[blockStart..start]))
        {
            if (label.Name.SequenceEqual(name))
            {
                FailDuplicate(name);
            }
        }
    }

    private readonly void FailDuplicate(ReadOnlySpan<byte> name) =>
        Fail($"duplicate label name '{ExpositionSyntax.Printable(name)}'");
}

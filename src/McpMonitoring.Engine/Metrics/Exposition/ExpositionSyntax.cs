using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>Character classes and small scanners of the text formats.</summary>
internal static class ExpositionSyntax
{
    /// <summary>[a-zA-Z0-9_:]: a metric name after its first character (the first one may not be a digit).</summary>
    public static readonly SearchValues<byte> MetricNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:"u8);

    /// <summary>[a-zA-Z0-9_]: a label name after its first character (the first one may not be a digit).</summary>
    public static readonly SearchValues<byte> LabelNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"u8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int SkipBlanks(ReadOnlySpan<byte> line, int i)
    {
        while ((uint)i < (uint)line.Length && IsBlank(line[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Index of the first blank at or after <paramref name="i"/>, or the line's length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TokenEnd(ReadOnlySpan<byte> line, int i)
    {
        var n = line[i..].IndexOfAny((byte)' ', (byte)'\t');
        return n < 0 ? line.Length : i + n;
    }

    public static ReadOnlySpan<byte> TrimEndBlanks(ReadOnlySpan<byte> s)
    {
        var end = s.Length;
        while (end > 0 && IsBlank(s[end - 1]))
        {
            end--;
        }

        return s[..end];
    }

    /// <summary>Length of the metric name at the start of <paramref name="s"/> (0 when none starts there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int MetricNameLength(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || IsDigit(s[0]))
        {
            return 0;
        }

        var n = s.IndexOfAnyExcept(MetricNameChars);
        return n < 0 ? s.Length : n;
    }

    /// <summary>Length of the label name at the start of <paramref name="s"/> (0 when none starts there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LabelNameLength(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty || IsDigit(s[0]))
        {
            return 0;
        }

        var n = s.IndexOfAnyExcept(LabelNameChars);
        return n < 0 ? s.Length : n;
    }

    /// <summary>
    /// Index of the closing quote of a quoted value whose content starts at <paramref name="i"/>, checking escapes
    /// (<c>\\</c>, <c>\"</c>, <c>\n</c>); negative when the value is malformed (see <see cref="QuotedValueError"/>).
    /// </summary>
    public static int ClosingQuote(ReadOnlySpan<byte> line, int i)
    {
        while (true)
        {
            var n = line[i..].IndexOfAny((byte)'"', (byte)'\\');
            if (n < 0)
            {
                return UnterminatedValue;
            }

            i += n;
            if (line[i] == '"')
            {
                return i;
            }

            if (i + 1 >= line.Length)
            {
                return DanglingBackslash;
            }

            if (line[i + 1] is not ((byte)'\\' or (byte)'"' or (byte)'n'))
            {
                return BadEscape - i;
            }

            i += 2;
        }
    }

    public const int UnterminatedValue = -1;
    public const int DanglingBackslash = -2;

    /// <summary><see cref="ClosingQuote"/> returns <c>BadEscape - index of the backslash</c> for an unknown escape.</summary>
    public const int BadEscape = -3;

    /// <summary>The problem <see cref="ClosingQuote"/> reported, for the exception message.</summary>
    public static string QuotedValueError(ReadOnlySpan<byte> line, int result, string what) => result switch
    {
        UnterminatedValue => $"unterminated quoted {what} (no closing '\"')",
        DanglingBackslash => $"dangling backslash at the end of the {what}",
        _ => $"invalid escape sequence '\\{Printable(line.Slice(BadEscape - result + 1, 1))}' in {what} (only \\\\, \\\" and \\n are allowed)",
    };

    /// <summary>Checks the escapes of HELP text: <c>\\</c> and <c>\n</c> as the format defines, and <c>\"</c> as Prometheus' parsers accept.</summary>
    public static string? HelpError(ReadOnlySpan<byte> help)
    {
        var i = 0;
        while (true)
        {
            var n = help[i..].IndexOf((byte)'\\');
            if (n < 0)
            {
                return null;
            }

            i += n;
            if (i + 1 >= help.Length)
            {
                return "dangling backslash at the end of the HELP text";
            }

            if (help[i + 1] is not ((byte)'\\' or (byte)'"' or (byte)'n'))
            {
                return $"invalid escape sequence '\\{Printable(help.Slice(i + 1, 1))}' in HELP text (only \\\\ and \\n are allowed)";
            }

            i += 2;
        }
    }

    /// <summary>A short, printable excerpt of input for an exception message (allocates: error paths only).</summary>
    public static string Printable(ReadOnlySpan<byte> s)
    {
        const int max = 80;
        var text = Encoding.UTF8.GetString(s.Length > max ? s[..max] : s);
        text = text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
        return s.Length > max ? text + "..." : text;
    }
}

using System.Globalization;
using System.Text;

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>
/// Numbers as Prometheus reads them: Go's <c>strconv.ParseFloat</c> without hexadecimal floats and underscores
/// (Prometheus rejects 'p', 'P' and '_'), and <c>strconv.ParseInt</c> over plain digits for timestamps.
/// </summary>
internal static class GoFloat
{
    // 10^0..10^22 are exact doubles: the range of the exact fast path below.
    private static readonly double[] PowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private const ulong MaxExactMantissa = 1UL << 53;

    /// <summary>
    /// Parses <c>[+-]digits[.digits][(e|E)[+-]digits]</c> (either side of the point may be empty, not both),
    /// <c>[+-]Inf</c>/<c>[+-]Infinity</c> and <c>NaN</c> in any case. Like Go, a finite number beyond the double
    /// range is an error (it does not become infinity), while an underflow is zero.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.IsEmpty)
        {
            return false;
        }

        if (s[0] is (byte)'+' or (byte)'-')
        {
            negative = s[0] == '-';
            i = 1;
        }

        if ((uint)i < (uint)s.Length && (s[i] | 0x20) is (byte)'i' or (byte)'n')
        {
            return TryParseSpecial(s, i, negative, out value);
        }

        // Mantissa digits: up to 19 kept exactly in a ulong; more only mark the number for the slow path.
        ulong mantissa = 0;
        var kept = 0;
        var digits = 0;
        var exponent = 0;
        var inexact = false;
        for (; (uint)i < (uint)s.Length && ExpositionSyntax.IsDigit(s[i]); i++)
        {
            digits++;
            Accumulate(s[i], ref mantissa, ref kept, ref exponent, ref inexact, fraction: false);
        }

        if ((uint)i < (uint)s.Length && s[i] == '.')
        {
            for (i++; (uint)i < (uint)s.Length && ExpositionSyntax.IsDigit(s[i]); i++)
            {
                digits++;
                Accumulate(s[i], ref mantissa, ref kept, ref exponent, ref inexact, fraction: true);
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if ((uint)i < (uint)s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            var negativeExponent = false;
            if ((uint)i < (uint)s.Length && s[i] is (byte)'+' or (byte)'-')
            {
                negativeExponent = s[i] == '-';
                i++;
            }

            var start = i;
            var e = 0;
            for (; (uint)i < (uint)s.Length && ExpositionSyntax.IsDigit(s[i]); i++)
            {
                // Saturate: anything this large is out of range (or zero) either way.
                e = e < 100_000 ? (e * 10) + (s[i] - '0') : e;
            }

            if (i == start)
            {
                return false;
            }

            exponent += negativeExponent ? -e : e;
        }

        if (i != s.Length)
        {
            return false;
        }

        if (mantissa == 0 && !inexact)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }

        // Clinger's fast path: an exact mantissa times or divided by an exact power of ten is one correctly
        // rounded operation, so the result equals what a full decimal conversion gives.
        if (!inexact && mantissa <= MaxExactMantissa && exponent is >= -22 and <= 22)
        {
            var m = (double)mantissa;
            value = exponent >= 0 ? m * PowersOf10[exponent] : m / PowersOf10[-exponent];
            value = negative ? -value : value;
            return true;
        }

        // The syntax is already checked; the runtime's parser is correctly rounded as well.
        if (!double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        return !double.IsInfinity(value);
    }

    private static void Accumulate(byte digit, ref ulong mantissa, ref int kept, ref int exponent, ref bool inexact, bool fraction)
    {
        if (mantissa == 0 && digit == '0')
        {
            // Leading zeros carry no precision: only the position after the point matters.
            exponent -= fraction ? 1 : 0;
            return;
        }

        if (kept < 19)
        {
            mantissa = (mantissa * 10) + (ulong)(digit - '0');
            kept++;
            exponent -= fraction ? 1 : 0;
        }
        else
        {
            // A digit beyond what a ulong holds: its position still scales an integer part.
            exponent += fraction ? 0 : 1;
            inexact |= digit != '0';
        }
    }

    private static bool TryParseSpecial(ReadOnlySpan<byte> s, int i, bool negative, out double value)
    {
        var word = s[i..];
        if (Ascii.EqualsIgnoreCase(word, "inf"u8) || Ascii.EqualsIgnoreCase(word, "infinity"u8))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        // Go accepts no sign before NaN.
        value = double.NaN;
        return i == 0 && Ascii.EqualsIgnoreCase(word, "nan"u8);
    }

    /// <summary>A millisecond timestamp of the 0.0.4 format: digits only (Prometheus' lexer takes no sign), within int64.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 19)
        {
            return false;
        }

        ulong v = 0;
        foreach (var b in s)
        {
            if (!ExpositionSyntax.IsDigit(b))
            {
                return false;
            }

            v = (v * 10) + (ulong)(b - '0');
        }

        if (v > long.MaxValue)
        {
            return false;
        }

        value = (long)v;
        return true;
    }
}

using System.Globalization;
using System.Text;
using McpMonitoring.Engine.Metrics.Exposition;

namespace McpMonitoring.Tests.Unit.Metrics.Exposition;

/// <summary>The number syntax Prometheus takes from Go's strconv, and the exactness of the fast path.</summary>
public sealed class GoFloatTests
{
    private static bool TryParse(string s, out double value) => GoFloat.TryParse(Encoding.ASCII.GetBytes(s), out value);

    [Fact]
    public void FastPath_AgreesWithTheRuntimeParser_BitForBit()
    {
        // Deterministic spread of mantissas and exponents, inside and outside the exact fast-path range.
        var random = new Random(42);
        for (var n = 0; n < 20_000; n++)
        {
            var mantissa = random.NextInt64(0, 1L << 62) >> random.Next(0, 62);
            var point = random.Next(0, 20);
            var digits = mantissa.ToString(CultureInfo.InvariantCulture);
            var text = point < digits.Length ? digits.Insert(digits.Length - point, ".") : digits;
            if (random.Next(3) == 0)
            {
                text += "e" + random.Next(-30, 30).ToString(CultureInfo.InvariantCulture);
            }

            Assert.True(TryParse(text, out var ours), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(ours));
        }
    }

    [Theory]
    [InlineData("0.30000000000000004", 0.30000000000000004)]
    [InlineData("9007199254740993", 9007199254740992)] // 2^53 + 1 rounds to even
    [InlineData("1e-400", 0)] // underflow is zero, as in Go
    [InlineData("0e999999999", 0)]
    [InlineData("000000000000000000000000000001.5", 1.5)]
    [InlineData("0.000000000000000000000000000001", 1e-30)]
    public void EdgeCases_Parsed(string text, double expected)
    {
        Assert.True(TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("e5")]
    [InlineData("1e+")]
    [InlineData("1.2.3")]
    [InlineData("1 ")]
    [InlineData(" 1")]
    [InlineData("0x10")]
    [InlineData("1p3")]
    [InlineData("-NaN")]
    [InlineData("nanx")]
    [InlineData("infinityx")]
    [InlineData("∞")]
    [InlineData("1e309")]
    [InlineData("-1e309")]
    public void Malformed_Rejected(string text) => Assert.False(TryParse(text, out _));

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1700000000000", 1_700_000_000_000L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Timestamp_Digits_Parsed(string text, long expected)
    {
        Assert.True(GoFloat.TryParseTimestamp(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("+1")]
    [InlineData("1e3")]
    [InlineData("9223372036854775808")]
    [InlineData("99999999999999999999")]
    public void Timestamp_Malformed_Rejected(string text) => Assert.False(GoFloat.TryParseTimestamp(Encoding.ASCII.GetBytes(text), out _));
}

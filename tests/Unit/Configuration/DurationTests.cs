using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Tests.Unit.Configuration;

public sealed class DurationTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("15s", 15_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("30d", 2_592_000_000)]
    [InlineData("1w", 604_800_000)]
    [InlineData("0", 0)]
    public void TryParse_PrometheusDurations_Parse(string text, long milliseconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("s")]
    [InlineData("1.5s")]
    [InlineData("30s1m")]
    [InlineData("1m1m")]
    [InlineData("10 s")]
    [InlineData("-5s")]
    public void TryParse_Malformed_Rejected(string text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData("15s")]
    [InlineData("1h30m")]
    [InlineData("500ms")]
    [InlineData("2d")]
    public void Format_RoundTrips(string text) => Assert.Equal(text, Duration.Format(Duration.Parse(text)));
}

using McpMonitoring.Web.Model;

namespace McpMonitoring.Tests.Component.Model;

public sealed class ChartUnitsTests
{
    [Theory]
    [InlineData("seconds", false, 0.25, "ms", "250 ms")]
    [InlineData("seconds", false, 42, "s", "42.0 s")]
    [InlineData("seconds", false, 3600, "min", "60.0 min")]
    [InlineData("seconds", false, 0.0004, "µs", "400 µs")]
    [InlineData("bytes", false, 3.2e9, "GB", "2.98 GB")]
    [InlineData("bytes", false, 512, "B", "512 B")]
    [InlineData("bytes", true, 5_000_000, "MB/s", "4.77 MB/s")]
    [InlineData(null, true, 12.5, "/s", "12.5/s")]
    [InlineData("bytes/s", false, 2048, "KB/s", "2.00 KB/s")]
    [InlineData("ratio", false, 0.5, "%", "50.0%")]
    [InlineData(null, false, 3, "", "3.00")]
    [InlineData("requests", false, 1234, "requests", "1,234 requests")]
    [InlineData("s", false, 0.012, "ms", "12.0 ms")]
    [InlineData("/s", true, 0.5, "/s", "0.500/s")]
    [InlineData("s/s", true, 0.02, "ms/s", "20.0 ms/s")]
    [InlineData("%", false, 42, "%", "42.0%")]
    public void For_UnitAndMaximum_ChoosesReadableScale(string? unit, bool rate, double max, string suffix, string formattedMax)
    {
        var axis = ChartUnits.For(unit, rate, max);

        Assert.Equal(suffix, axis.Suffix);
        Assert.Equal(formattedMax, axis.Format(max));
        Assert.Contains(suffix, axis.Title, StringComparison.Ordinal);
    }
}

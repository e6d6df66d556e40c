using System.Globalization;

namespace McpMonitoring.Web.Model;

/// <summary>
/// How a chart's y-axis writes values: divide by <see cref="Divisor"/>, show <see cref="Decimals"/> decimals and
/// append <see cref="Suffix"/>. The scale is chosen once per chart from its largest value, so every tick of an axis
/// uses the same unit (0.25 s reads as "250 ms", 3.2e9 bytes as "3.0 GB").
/// </summary>
public sealed record AxisFormat(string Title, string Suffix, double Divisor, int Decimals)
{
    public string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            return "–";
        }

        var number = (value / Divisor).ToString("N" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return Suffix.Length == 0 ? number : Suffix.StartsWith('/') || Suffix == "%" ? number + Suffix : $"{number} {Suffix}";
    }
}

/// <summary>
/// Axis scales for the units the query engine names (<see cref="McpMonitoring.Engine.Metrics.Query.MetricUnits"/>: "s", "bytes", "ratio", "%",
/// with "/s" under rate): time in µs/ms/s/min/h, bytes in B/KB/MB/GB/TB (1024), ratios as percent.
/// </summary>
public static class ChartUnits
{
    private static readonly (string Suffix, double Factor)[] TimeScales =
        [("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("min", 60), ("h", 3600)];

    private static readonly (string Suffix, double Factor)[] ByteScales =
        [("B", 1), ("KB", 1024), ("MB", 1024d * 1024), ("GB", 1024d * 1024 * 1024), ("TB", 1024d * 1024 * 1024 * 1024)];

    /// <summary>The axis format for values up to <paramref name="maxAbs"/> of <paramref name="unit"/>; per second when a rate was taken.</summary>
    public static AxisFormat For(string? unit, bool rate, double maxAbs)
    {
        var text = (unit ?? "").Trim();
        var perSecond = rate;
        foreach (var marker in (string[])["/s", "_per_second", " per second"])
        {
            if (text.EndsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^marker.Length];
                perSecond = true;
            }
        }

        var per = perSecond ? "/s" : "";
        maxAbs = double.IsFinite(maxAbs) ? Math.Abs(maxAbs) : 0;
        switch (text.ToLowerInvariant())
        {
            case "seconds" or "second" or "s":
                return Scaled(TimeScales, maxAbs, 1, per, perSecond ? "time per second" : "duration");
            case "milliseconds" or "ms":
                return Scaled(TimeScales, maxAbs, 1e-3, per, perSecond ? "time per second" : "duration");
            case "bytes" or "byte" or "b":
                return Scaled(ByteScales, maxAbs, 1, per, perSecond ? "throughput" : "size");
            case "ratio":
                return new AxisFormat(perSecond ? "ratio per second (%/s)" : "percent (%)", "%" + per, 0.01, DecimalsFor(maxAbs * 100));
            case "":
                return perSecond
                    ? new AxisFormat("per second (/s)", "/s", 1, DecimalsFor(maxAbs))
                    : new AxisFormat("value", "", 1, DecimalsFor(maxAbs));
            default:
                return new AxisFormat($"{text}{per}", text + per, 1, DecimalsFor(maxAbs));
        }
    }

    private static AxisFormat Scaled((string Suffix, double Factor)[] scales, double maxAbs, double baseFactor, string per, string kind)
    {
        // The largest unit in which the maximum is at least 1 (2 for minutes and hours: "90 s" reads better than "1.5 min").
        var value = maxAbs * baseFactor;
        var chosen = value == 0 ? scales.First(s => s.Factor == 1) : scales[0];
        foreach (var scale in scales)
        {
            if (value > 0 && value >= scale.Factor * (scale.Suffix is "min" or "h" ? 2 : 1))
            {
                chosen = scale;
            }
        }

        var suffix = chosen.Suffix + per;
        return new AxisFormat($"{kind} ({suffix})", suffix, chosen.Factor / baseFactor, DecimalsFor(value / chosen.Factor));
    }

    private static int DecimalsFor(double scaledMax) => scaledMax switch
    {
        0 => 0,
        < 1 => 3,
        < 10 => 2,
        < 100 => 1,
        _ => 0,
    };
}

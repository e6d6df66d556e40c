namespace McpMonitoring.Engine.Metrics.Query;

/// <summary>
/// The unit of a query result, from the metric name's suffix as Prometheus' naming conventions prescribe (base units,
/// unit before <c>_total</c>): <c>_seconds</c> "s", <c>_milliseconds</c> "ms", <c>_bytes</c> "bytes", <c>_bits</c>
/// "bits", <c>_ratio</c> "ratio", <c>_percent</c> "%", <c>_celsius</c> "°C", <c>_volts</c> "V", <c>_amperes</c> "A",
/// <c>_joules</c> "J", <c>_watts</c> "W", <c>_meters</c> "m", <c>_grams</c> "g", <c>_hertz</c> "Hz"; <c>_total</c>,
/// <c>_sum</c> and <c>_created</c> are looked through. Under <c>rate()</c> the unit gets "/s" (a unitless counter such
/// as <c>http_requests_total</c> becomes "/s", <c>_bytes_total</c> "bytes/s", <c>_seconds_total</c> "s/s", i.e. busy
/// seconds per second). Histogram <c>_count</c>/<c>_bucket</c> are counts: no unit, "/s" under rate. A <c>count</c>
/// aggregation counts series: no unit. Anything else: null (unknown, not "none").
/// </summary>
public static class MetricUnits
{
    private static readonly (string Suffix, string Unit)[] Suffixes =
    [
        ("_seconds", "s"),
        ("_milliseconds", "ms"),
        ("_bytes", "bytes"),
        ("_bits", "bits"),
        ("_ratio", "ratio"),
        ("_percent", "%"),
        ("_celsius", "°C"),
        ("_volts", "V"),
        ("_amperes", "A"),
        ("_joules", "J"),
        ("_watts", "W"),
        ("_meters", "m"),
        ("_grams", "g"),
        ("_hertz", "Hz"),
    ];

    public static string? Infer(string metricName, bool rate, Aggregation aggregation)
    {
        if (aggregation == Aggregation.Count)
        {
            return null;
        }

        var name = metricName;
        if (name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal))
        {
            return rate ? "/s" : null;
        }

        foreach (var wrapper in (ReadOnlySpan<string>)["_total", "_sum", "_created"])
        {
            if (name.EndsWith(wrapper, StringComparison.Ordinal))
            {
                name = name[..^wrapper.Length];
                break;
            }
        }

        string? unit = null;
        foreach (var (suffix, symbol) in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                unit = symbol;
                break;
            }
        }

        return rate ? unit + "/s" : unit;
    }

    /// <summary>The family name a sample name belongs to (its TYPE line names the family): <c>x_bucket</c>, <c>x_sum</c>, <c>x_count</c>, <c>x_total</c> -> <c>x</c>.</summary>
    internal static IEnumerable<string> FamilyCandidates(string metricName)
    {
        yield return metricName;
        foreach (var suffix in (string[])["_total", "_bucket", "_sum", "_count", "_created", "_info"])
        {
            if (metricName.EndsWith(suffix, StringComparison.Ordinal) && metricName.Length > suffix.Length)
            {
                yield return metricName[..^suffix.Length];
            }
        }
    }
}

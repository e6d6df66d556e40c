namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>The kinds of custom metric the API defines (summaries are left out: their quantiles cannot be aggregated).</summary>
public enum CustomMetricType
{
    Counter,
    Gauge,
    Histogram,
}

public static class CustomMetricTypes
{
    public const string Allowed = "counter, gauge, histogram";

    /// <summary>The lowercase name used in JSON, the database and the exposition's TYPE line.</summary>
    public static string Name(this CustomMetricType type) => type switch
    {
        CustomMetricType.Counter => "counter",
        CustomMetricType.Gauge => "gauge",
        _ => "histogram",
    };

    public static bool TryParse(string? text, out CustomMetricType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "counter":
                type = CustomMetricType.Counter;
                return true;
            case "gauge":
                type = CustomMetricType.Gauge;
                return true;
            case "histogram":
                type = CustomMetricType.Histogram;
                return true;
            default:
                type = default;
                return false;
        }
    }
}

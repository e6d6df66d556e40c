using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Alerting;

/// <summary>The five severities of the specification, lowest first (so they compare and sort).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    [JsonStringEnumMemberName("INFO")] Info,
    [JsonStringEnumMemberName("WARNING")] Warning,
    [JsonStringEnumMemberName("ERROR")] Error,
    [JsonStringEnumMemberName("CRITICAL")] Critical,
    [JsonStringEnumMemberName("EMERGENCY")] Emergency,
}

public static class AlertSeverities
{
    /// <summary>Reads INFO/WARNING/... case-insensitively, plus Prometheus' customary lowercase names (info, warning, error, critical, page).</summary>
    public static bool TryParse(string? text, out AlertSeverity severity)
    {
        severity = AlertSeverity.Warning;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "INFO" or "INFORMATIONAL" or "NONE":
                severity = AlertSeverity.Info;
                return true;
            case "WARNING" or "WARN":
                severity = AlertSeverity.Warning;
                return true;
            case "ERROR":
                severity = AlertSeverity.Error;
                return true;
            case "CRITICAL" or "PAGE":
                severity = AlertSeverity.Critical;
                return true;
            case "EMERGENCY":
                severity = AlertSeverity.Emergency;
                return true;
            default:
                return false;
        }
    }

    public static string ToLabel(this AlertSeverity severity) => severity.ToString().ToUpperInvariant();
}

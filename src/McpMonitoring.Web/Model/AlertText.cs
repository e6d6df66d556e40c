using McpMonitoring.Engine.Alerting;

namespace McpMonitoring.Web.Model;

/// <summary>How alert fields read on the pages.</summary>
public static class AlertText
{
    public static string Summary(AlertSnapshot alert) =>
        alert.Annotations.TryGetValue("summary", out var summary) ? summary
        : alert.Annotations.TryGetValue("description", out var description) ? description
        : "";

    public static string? Target(AlertSnapshot alert) => alert.Labels.GetValueOrDefault(AlertLabels.Target);

    /// <summary>Labels worth showing beside the name and target (alertname and target have their own columns).</summary>
    public static IEnumerable<KeyValuePair<string, string>> OtherLabels(AlertSnapshot alert) =>
        alert.Labels.Where(l => l.Key is not AlertLabels.AlertName and not AlertLabels.Target).OrderBy(l => l.Key, StringComparer.Ordinal);

    /// <summary>"silenced by 42", "in maintenance window nightly", or the rule's own reason ("dependency demo-database is down").</summary>
    public static string? Suppression(AlertSnapshot alert) => alert.Suppression switch
    {
        null => null,
        { Kind: SuppressionKind.Silence } s => $"silenced by {s.Id}" + (string.IsNullOrWhiteSpace(s.Reason) ? "" : $" ({s.Reason})"),
        { Kind: SuppressionKind.MaintenanceWindow } s => $"maintenance window {s.Id}" + (string.IsNullOrWhiteSpace(s.Reason) ? "" : $" ({s.Reason})"),
        { Reason.Length: > 0 } s => s.Reason,
        var s => $"{s.Kind.ToString().ToLowerInvariant()} {s.Id}",
    };

    public static string State(AlertState state) => state.ToString().ToLowerInvariant();

    /// <summary>When the alert began to matter: firing since, else (pending) when it started.</summary>
    public static DateTimeOffset Since(AlertSnapshot alert) => alert.FiringSince ?? alert.StartsAt;
}

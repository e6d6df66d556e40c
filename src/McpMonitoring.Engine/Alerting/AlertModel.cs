using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Alerting;

/// <summary>pending (waiting out its <c>for</c>) -> firing -> acknowledged -> resolved; a resolved alert that fires again reopens.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertState>))]
public enum AlertState
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("firing")] Firing,
    [JsonStringEnumMemberName("acknowledged")] Acknowledged,
    [JsonStringEnumMemberName("resolved")] Resolved,
}

/// <summary>Who acknowledged, when, why, and until when notifications stay quiet.</summary>
public sealed record Acknowledgement(string By, DateTimeOffset At, string? Comment, DateTimeOffset? SnoozeUntil);

[JsonConverter(typeof(JsonStringEnumConverter<SuppressionKind>))]
public enum SuppressionKind
{
    [JsonStringEnumMemberName("silence")] Silence,
    [JsonStringEnumMemberName("maintenance")] MaintenanceWindow,
    [JsonStringEnumMemberName("inhibition")] Inhibition,
    [JsonStringEnumMemberName("dependency")] Dependency,
}

/// <summary>Why an alert is not notified: which silence, window or rule (it stays listed).</summary>
public sealed record SuppressionInfo(SuppressionKind Kind, string Id, string Reason);

/// <summary>An immutable view of one alert for the API, pages, notifiers and the event stream.</summary>
public sealed record AlertSnapshot(
    long Id,
    string Fingerprint,
    string Name,
    AlertSeverity Severity,
    AlertState State,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string Source,
    DateTimeOffset StartsAt,
    DateTimeOffset? FiringSince,
    DateTimeOffset LastReceivedAt,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    Acknowledgement? Acknowledgement,
    int Occurrences,
    SuppressionInfo? Suppression,
    string? GeneratorUrl)
{
    /// <summary>Firing or acknowledged: the condition holds.</summary>
    [JsonIgnore]
    public bool IsActive => State is AlertState.Firing or AlertState.Acknowledged;
}

/// <summary>Where alerts come from.</summary>
public static class AlertSources
{
    public const string Health = "health";
    public const string Rule = "rule";
    public const string Manual = "manual";
    public const string Alertmanager = "alertmanager";
    public const string Slo = "slo";
}

/// <summary>Well-known label names.</summary>
public static class AlertLabels
{
    public const string AlertName = "alertname";
    public const string Severity = "severity";
    public const string Target = "target";
}

using System.Text.Json;
using System.Text.Json.Serialization;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Notifications;

/// <summary>
/// What one outbox row delivers, stored as its payload and rendered per channel at delivery. It holds no secret:
/// credentials are read from the receiver when sending, so the outbox never stores them.
/// </summary>
public sealed record NotificationMessage(
    string Id,
    string Kind,
    string Receiver,
    string Status,
    string GroupKey,
    IReadOnlyDictionary<string, string> GroupLabels,
    IReadOnlyList<NotificationAlert> Alerts,
    DateTimeOffset CreatedAt,
    string? ExternalUrl,
    [property: JsonConverter(typeof(NullableDurationJsonConverter))] TimeSpan? ValidFor)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [JsonIgnore]
    public IReadOnlyList<NotificationAlert> Firing => [.. Alerts.Where(a => a.Status == NotificationStatus.Firing)];

    [JsonIgnore]
    public IReadOnlyList<NotificationAlert> Resolved => [.. Alerts.Where(a => a.Status == NotificationStatus.Resolved)];

    /// <summary>Labels every alert shares (Alertmanager's commonLabels).</summary>
    public IReadOnlyDictionary<string, string> CommonLabels => Common(Alerts.Select(a => a.Labels));

    public IReadOnlyDictionary<string, string> CommonAnnotations => Common(Alerts.Select(a => a.Annotations));

    public AlertSeverity HighestSeverity => Alerts.Count == 0 ? AlertSeverity.Info : Alerts.Max(a => a.Severity);

    private static SortedDictionary<string, string> Common(IEnumerable<IReadOnlyDictionary<string, string>> sets)
    {
        SortedDictionary<string, string>? common = null;
        foreach (var set in sets)
        {
            if (common is null)
            {
                common = new SortedDictionary<string, string>(set.ToDictionary(), StringComparer.Ordinal);
                continue;
            }

            foreach (var key in common.Keys.ToList())
            {
                if (!set.TryGetValue(key, out var value) || value != common[key])
                {
                    common.Remove(key);
                }
            }
        }

        return common ?? new SortedDictionary<string, string>(StringComparer.Ordinal);
    }
}

/// <summary>One alert inside a notification, as it was when the notification was made.</summary>
public sealed record NotificationAlert(
    long Id,
    string Fingerprint,
    string Name,
    AlertSeverity Severity,
    AlertState State,
    string Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    string? GeneratorUrl,
    string? AcknowledgedBy)
{
    public static NotificationAlert From(AlertSnapshot a) => new(
        a.Id, a.Fingerprint, a.Name, a.Severity, a.State,
        a.State == AlertState.Resolved ? NotificationStatus.Resolved : NotificationStatus.Firing,
        a.Labels, a.Annotations, a.StartsAt, a.ResolvedAt, a.GeneratorUrl, a.Acknowledgement?.By);
}

public static class NotificationStatus
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";
}

public static class NotificationKinds
{
    public const string Notification = "notification";
    public const string Escalation = "escalation";
    public const string Test = "test";
}

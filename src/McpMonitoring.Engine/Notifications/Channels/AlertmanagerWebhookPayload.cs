using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Notifications.Channels;

/// <summary>Alertmanager's webhook payload (version 4), field for field, so receivers written for Alertmanager work unchanged.</summary>
public sealed record AlertmanagerWebhookPayload(
    [property: JsonPropertyName("receiver")] string Receiver,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("alerts")] IReadOnlyList<AlertmanagerWebhookAlert> Alerts,
    [property: JsonPropertyName("groupLabels")] IReadOnlyDictionary<string, string> GroupLabels,
    [property: JsonPropertyName("commonLabels")] IReadOnlyDictionary<string, string> CommonLabels,
    [property: JsonPropertyName("commonAnnotations")] IReadOnlyDictionary<string, string> CommonAnnotations,
    [property: JsonPropertyName("externalURL")] string ExternalUrl,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("groupKey")] string GroupKey,
    [property: JsonPropertyName("truncatedAlerts")] int TruncatedAlerts)
{
    public static readonly JsonSerializerOptions Json = new();

    /// <summary>Go's zero time, which Alertmanager sends as endsAt of a firing alert.</summary>
    public const string ZeroTime = "0001-01-01T00:00:00Z";

    public static AlertmanagerWebhookPayload From(NotificationMessage message) => new(
        message.Receiver,
        message.Firing.Count > 0 ? NotificationStatus.Firing : NotificationStatus.Resolved,
        [.. message.Alerts.Select(a => new AlertmanagerWebhookAlert(
            a.Status,
            a.Labels,
            a.Annotations,
            Rfc3339(a.StartsAt),
            a.Status == NotificationStatus.Resolved && a.EndsAt is { } ended ? Rfc3339(ended) : ZeroTime,
            a.GeneratorUrl ?? "",
            a.Fingerprint))],
        message.GroupLabels,
        message.CommonLabels,
        message.CommonAnnotations,
        message.ExternalUrl ?? "",
        "4",
        message.GroupKey,
        0);

    public static string Rfc3339(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

public sealed record AlertmanagerWebhookAlert(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations,
    [property: JsonPropertyName("startsAt")] string StartsAt,
    [property: JsonPropertyName("endsAt")] string EndsAt,
    [property: JsonPropertyName("generatorURL")] string GeneratorUrl,
    [property: JsonPropertyName("fingerprint")] string Fingerprint);

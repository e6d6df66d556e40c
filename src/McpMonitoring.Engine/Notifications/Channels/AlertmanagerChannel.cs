using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Notifications.Channels;

/// <summary>
/// Forwards alerts to a real Alertmanager as postable alerts (POST /api/v2/alerts). Firing alerts carry an endsAt
/// of now + repeat_interval + group_interval: Alertmanager resolves an alert that is not re-sent by then, and the
/// repeat re-sends it in time (an acknowledged alert is not repeated, so it lapses there: on-call has it).
/// Resolved alerts carry their resolution time.
/// </summary>
public sealed class AlertmanagerChannel(NotificationHttp http, TimeProvider time) : INotificationChannel
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Kind => ChannelKinds.Alertmanager;

    public Task SendAsync(NotificationMessage message, ChannelConfig config, CancellationToken cancellationToken)
    {
        var target = (AlertmanagerConfig)config;
        var now = time.GetUtcNow();
        var validFor = message.ValidFor ?? RoutingTree.DefaultRepeatInterval;
        var alerts = message.Alerts.Select(a => new PostableAlert(
            a.Labels,
            a.Annotations,
            AlertmanagerWebhookPayload.Rfc3339(a.StartsAt),
            AlertmanagerWebhookPayload.Rfc3339(a.Status == NotificationStatus.Resolved ? a.EndsAt ?? now : now + validFor),
            string.IsNullOrEmpty(a.GeneratorUrl) ? null : a.GeneratorUrl)).ToList();
        var url = target.Url!.TrimEnd('/') + "/api/v2/alerts";
        return http.PostJsonAsync(url, JsonSerializer.Serialize(alerts, Json), message.Id, target.HttpConfig, cancellationToken);
    }

    private sealed record PostableAlert(
        [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
        [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string> Annotations,
        [property: JsonPropertyName("startsAt")] string StartsAt,
        [property: JsonPropertyName("endsAt")] string EndsAt,
        [property: JsonPropertyName("generatorURL")] string? GeneratorUrl);
}

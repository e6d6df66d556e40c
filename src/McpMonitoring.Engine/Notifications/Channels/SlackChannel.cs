using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using McpMonitoring.Engine.Alerting;

namespace McpMonitoring.Engine.Notifications.Channels;

/// <summary>Slack incoming webhook: a one-line text plus an attachment coloured by the highest severity (green when resolved).</summary>
public sealed class SlackChannel(NotificationHttp http) : INotificationChannel
{
    public const string ResolvedColor = "#2EB67D";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Kind => ChannelKinds.Slack;

    public Task SendAsync(NotificationMessage message, ChannelConfig config, CancellationToken cancellationToken)
    {
        var slack = (SlackConfig)config;
        return http.PostJsonAsync(slack.ApiUrl!, JsonSerializer.Serialize(Render(message, slack), Json), message.Id, null, cancellationToken);
    }

    public static string ColorOf(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "#439FE0",
        AlertSeverity.Warning => "#ECB22E",
        AlertSeverity.Error => "#E8710A",
        AlertSeverity.Critical => "#D40E0D",
        _ => "#7B0000",
    };

    public static SlackPayload Render(NotificationMessage message, SlackConfig config)
    {
        var firing = message.Firing;
        var title = NotificationText.Title(message);
        var lines = new StringBuilder();
        foreach (var alert in message.Alerts)
        {
            lines.Append(alert.Status == NotificationStatus.Resolved ? ":white_check_mark: " : "")
                .Append("*[").Append(alert.Severity.ToLabel()).Append("] ").Append(alert.Name).Append('*');
            if (alert.Annotations.TryGetValue("summary", out var summary))
            {
                lines.Append(" - ").Append(summary);
            }

            if (alert.AcknowledgedBy is { } by)
            {
                lines.Append(" (acknowledged by ").Append(by).Append(')');
            }

            lines.Append('\n');
        }

        var attachment = new SlackAttachment(
            firing.Count > 0 ? ColorOf(message.HighestSeverity) : ResolvedColor,
            title,
            title,
            lines.ToString().TrimEnd(),
            [
                new SlackField("Severity", message.HighestSeverity.ToLabel(), true),
                new SlackField("Status", message.Status, true),
                new SlackField("Receiver", message.Receiver, true),
            ],
            "McpMonitoring",
            message.CreatedAt.ToUnixTimeSeconds(),
            message.Id);
        return new SlackPayload(title, config.Channel, config.Username, [attachment]);
    }
}

public sealed record SlackPayload(string Text, string? Channel, string? Username, IReadOnlyList<SlackAttachment> Attachments);

public sealed record SlackAttachment(
    string Color,
    string Fallback,
    string Title,
    string Text,
    IReadOnlyList<SlackField> Fields,
    string Footer,
    long Ts,
    [property: JsonPropertyName("callback_id")] string CallbackId);

public sealed record SlackField(string Title, string Value, [property: JsonPropertyName("short")] bool IsShort);

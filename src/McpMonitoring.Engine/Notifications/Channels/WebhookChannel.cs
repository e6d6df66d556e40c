using System.Text.Json;

namespace McpMonitoring.Engine.Notifications.Channels;

/// <summary>JSON POST: this console's message (with its id), or Alertmanager's webhook payload for tools built for it.</summary>
public sealed class WebhookChannel(NotificationHttp http) : INotificationChannel
{
    public string Kind => ChannelKinds.Webhook;

    public Task SendAsync(NotificationMessage message, ChannelConfig config, CancellationToken cancellationToken)
    {
        var webhook = (WebhookConfig)config;
        var json = webhook.Format == "alertmanager"
            ? JsonSerializer.Serialize(AlertmanagerWebhookPayload.From(message), AlertmanagerWebhookPayload.Json)
            : JsonSerializer.Serialize(message, NotificationMessage.Json);
        return http.PostJsonAsync(webhook.Url!, json, message.Id, webhook.HttpConfig, cancellationToken);
    }
}

using Microsoft.Extensions.Logging;

namespace McpMonitoring.Engine.Notifications.Channels;

/// <summary>Writes the notification to the console's own log (the default receiver when nothing else is configured).</summary>
public sealed class LogChannel(ILogger<LogChannel> logger) : INotificationChannel
{
    public string Kind => ChannelKinds.Log;

    public Task SendAsync(NotificationMessage message, ChannelConfig config, CancellationToken cancellationToken)
    {
        var level = ((LogConfig)config).Level switch
        {
            "debug" => LogLevel.Debug,
            "information" => LogLevel.Information,
            "error" => LogLevel.Error,
            "critical" => LogLevel.Critical,
            _ => LogLevel.Warning,
        };
        logger.Log(level, "Notification {NotificationId} to {Receiver}: {Title} {Alerts}", message.Id, message.Receiver,
            NotificationText.Title(message), string.Join("; ", message.Alerts.Select(a => $"{a.Status} {a.Severity} {a.Name} #{a.Id}")));
        return Task.CompletedTask;
    }
}

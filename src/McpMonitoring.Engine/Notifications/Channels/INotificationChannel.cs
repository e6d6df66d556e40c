namespace McpMonitoring.Engine.Notifications.Channels;

/// <summary>Delivers one notification over one kind of channel. Implementations are singletons and thread-safe.</summary>
/// <remarks>
/// Throw <see cref="NotificationDeliveryException"/> (or let an I/O exception through) to have the outbox retry;
/// cancellation means the attempt timed out or the console is stopping, and is retried too.
/// </remarks>
public interface INotificationChannel
{
    string Kind { get; }

    Task SendAsync(NotificationMessage message, ChannelConfig config, CancellationToken cancellationToken);
}

/// <summary>A failed delivery with a message safe to store and show (never a secret); permanent ones are not retried.</summary>
public sealed class NotificationDeliveryException(string message, bool permanent = false) : Exception(message)
{
    public bool Permanent { get; } = permanent;
}

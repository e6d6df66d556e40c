using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace McpMonitoring.Engine.Notifications.Channels;

/// <summary>SMTP through MailKit: none, STARTTLS or implicit TLS, optional login; the notification id is the Message-Id.</summary>
public sealed class EmailChannel : INotificationChannel
{
    public string Kind => ChannelKinds.Email;

    public async Task SendAsync(NotificationMessage message, ChannelConfig config, CancellationToken cancellationToken)
    {
        var email = (EmailConfig)config;
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(email.From!));
        foreach (var to in email.To!)
        {
            mime.To.Add(MailboxAddress.Parse(to));
        }

        mime.Subject = NotificationText.Title(message);
        mime.MessageId = $"{message.Id}@mcpmonitoring";
        mime.Headers.Add(NotificationHttp.NotificationIdHeader, message.Id);
        mime.Body = new TextPart("plain") { Text = NotificationText.Body(message) };

        var (security, port) = email.Security switch
        {
            "none" => (SecureSocketOptions.None, 25),
            "tls" => (SecureSocketOptions.SslOnConnect, 465),
            _ => (SecureSocketOptions.StartTls, 587),
        };
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(email.Host!, email.Port ?? port, security, cancellationToken).ConfigureAwait(false);
            if (email.Username is { } user)
            {
                await client.AuthenticateAsync(user, email.Password ?? "", cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        }
        catch (AuthenticationException)
        {
            throw new NotificationDeliveryException($"SMTP login as '{email.Username}' was refused.");
        }
        catch (SmtpCommandException ex)
        {
            throw new NotificationDeliveryException($"SMTP {(int)ex.StatusCode}: {ex.Message}", permanent: (int)ex.StatusCode >= 500);
        }
    }
}

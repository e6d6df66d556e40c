using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;
using netDumbster.smtp;
using static McpMonitoring.Tests.Unit.Notifications.NotificationApp;

namespace McpMonitoring.Tests.Unit.Notifications;

/// <summary>Email through MailKit to a real SMTP server (netDumbster, in process).</summary>
public sealed class EmailDeliveryTests
{
    [Fact]
    public async Task Alert_ReachesSmtpServer_WithSubjectBodyAndNotificationId()
    {
        using var smtp = SimpleSmtpServer.Start();
        await using var app = Create($"""
            route:
              receiver: mail
              group_wait: 0s
            receivers:
              - name: mail
                email_configs:
                  - to: [oncall@example.com, lead@example.com]
                    from: monitoring@example.com
                    host: 127.0.0.1
                    port: {smtp.Configuration.Port}
                    security: none
            """);
        var client = app.CreateClient();

        await RaiseAsync(client, "DatabaseDown", severity: "EMERGENCY", labelsJson: """{"target":"postgres-main"}""");
        Wait.Until(() => smtp.ReceivedEmailCount >= 1, "the SMTP server received the mail");

        var mail = smtp.ReceivedEmail[0];
        Assert.Equal("[FIRING:1] DatabaseDown", mail.Subject);
        Assert.Equal("monitoring@example.com", mail.FromAddress.Address);
        Assert.Equal(["lead@example.com", "oncall@example.com"], mail.ToAddresses.Select(a => a.Address).Order(StringComparer.Ordinal));
        var body = mail.MessageParts[0].BodyData;
        Assert.Contains("[FIRING] [EMERGENCY] DatabaseDown", body, StringComparison.Ordinal);
        Assert.Contains("target=postgres-main", body, StringComparison.Ordinal);
        // The server has the mail a moment before the dispatcher records the row as sent.
        Wait.Until(() => Outbox(client, "&state=sent").Count == 1, "the outbox row is marked sent");
        var sent = Assert.Single(Outbox(client, "&state=sent"));
        Assert.Equal(sent.GetProperty("id").GetString(), mail.Headers["X-Notification-Id"]);
    }

    [Fact]
    public async Task TestAction_SendsToEveryChannelOfTheReceiver()
    {
        using var smtp = SimpleSmtpServer.Start();
        await using var app = Create($"""
            route:
              receiver: log
            receivers:
              - name: log
                log_configs: [{"{}"}]
              - name: mail
                email_configs:
                  - to: [oncall@example.com]
                    from: monitoring@example.com
                    host: 127.0.0.1
                    port: {smtp.Configuration.Port}
                    security: none
            """);
        var client = app.CreateClient();

        var response = await client.PostAsync("/receivers/mail/test", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ids = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("notificationIds");
        Wait.Until(() => smtp.ReceivedEmailCount >= 1, "the test mail arrives");
        Assert.StartsWith("[TEST] [FIRING:1] TestNotification", smtp.ReceivedEmail[0].Subject, StringComparison.Ordinal);
        Assert.Equal(ids[0].GetString(), smtp.ReceivedEmail[0].Headers["X-Notification-Id"]);

        var missing = await client.PostAsync("/receivers/nobody/test", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

using McpMonitoring.Tests.Unit.Infrastructure;
using static McpMonitoring.Tests.Unit.Notifications.NotificationApp;

namespace McpMonitoring.Tests.Unit.Notifications;

/// <summary>The outbox is durable: a notification pending when the console stops is delivered after it starts again.</summary>
public sealed class OutboxRestartTests
{
    [Fact]
    public async Task Restart_PendingNotification_DeliveredWithItsOriginalId()
    {
        await using var receiver = await RecordingReceiver.StartAsync();
        receiver.StatusCode = 503;
        var yaml = $"""
            route:
              receiver: hook
              group_wait: 0s
            receivers:
              - name: hook
                webhook_configs:
                  - url: {receiver.Url("/hook")}
            """;
        var first = Create(yaml);
        var client = first.CreateClient();
        await RaiseAsync(client, "OutboxSurvives");
        Wait.Until(() => receiver.Attempts >= 1 && Outbox(client, "&state=pending").Any(n => n.GetProperty("attempts").GetInt32() >= 1), "a failed attempt is recorded");
        var id = Outbox(client, "&state=pending")[0].GetProperty("id").GetString()!;
        await first.DisposeAsync();

        receiver.StatusCode = 200;
        await using var second = Create(null, dataDir: first.DataDir);
        var again = second.CreateClient();
        Wait.Until(() => receiver.Requests.Any(r => r.Headers["Idempotency-Key"] == id), "the pending row is delivered after the restart");
        Wait.Until(() => Outbox(again, "&state=sent").Any(n => n.GetProperty("id").GetString() == id), "and marked sent");
    }
}

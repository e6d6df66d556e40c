using McpMonitoring.Tests.Unit.Infrastructure;
using static McpMonitoring.Tests.Unit.Notifications.NotificationApp;

namespace McpMonitoring.Tests.Unit.Notifications;

/// <summary>Escalation end to end: the next receiver is notified, the alert's timeline says so, an acknowledged alert is left alone.</summary>
public sealed class EscalationTests
{
    [Fact]
    public async Task UnacknowledgedPastEscalateAfter_SentToNextReceiverAndRecorded()
    {
        await using var receiver = await RecordingReceiver.StartAsync();
        await using var app = Create($"""
            route:
              receiver: team
              group_by: [alertname]
              group_wait: 0s
              escalate_after: 1s
              escalate_to: leads
            receivers:
              - name: team
                webhook_configs: [{"{"}url: "{receiver.Url("/team")}"{"}"}]
              - name: leads
                webhook_configs: [{"{"}url: "{receiver.Url("/leads")}"{"}"}]
            """);
        var client = app.CreateClient();

        var ignored = await RaiseAsync(client, "Ignored");
        var handled = await RaiseAsync(client, "Handled");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PostAsync($"/alerts/{handled}/acknowledge", null, TestContext.Current.CancellationToken)).StatusCode);

        Wait.Until(() => receiver.Requests.Any(r => r.Path == "/leads"), "the escalation reaches the leads");
        var escalation = receiver.Requests.Single(r => r.Path == "/leads").Json;
        Assert.Equal("escalation", escalation.GetProperty("kind").GetString());
        Assert.Equal(ignored, Assert.Single(escalation.GetProperty("alerts").EnumerateArray()).GetProperty("id").GetInt64());
        Wait.Until(() => Get(client, $"/alerts/{ignored}/timeline").EnumerateArray().Any(e => e.GetProperty("kind").GetString() == "Escalated"),
            "the alert's timeline records the escalation");
        var entry = Get(client, $"/alerts/{ignored}/timeline").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Escalated");
        Assert.Contains("escalated to leads", entry.GetProperty("comment").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Get(client, $"/alerts/{handled}/timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Escalated");
    }
}

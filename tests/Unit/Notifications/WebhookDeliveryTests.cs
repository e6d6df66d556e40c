using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;
using static McpMonitoring.Tests.Unit.Notifications.NotificationApp;

namespace McpMonitoring.Tests.Unit.Notifications;

/// <summary>Webhook and Slack payloads as a real HTTP receiver (Kestrel on 127.0.0.1) gets them, and the outbox's retries.</summary>
public sealed class WebhookDeliveryTests
{
    private static string Yaml(string receivers, string extraRoute = "") => $"""
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: 0s
          group_interval: 200ms
        {extraRoute}
        receivers:
        {receivers}
        inhibit_rules:
          - source_matchers: ['severity="CRITICAL"']
            target_matchers: ['severity="WARNING"']
            equal: [target]
        """;

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task AlertmanagerFormat_FiringThenResolved_ExactAlertmanagerShape()
    {
        await using var receiver = await RecordingReceiver.StartAsync();
        await using var app = Create(Yaml($"""
              - name: hook
                webhook_configs:
                  - url: {receiver.Url("/am")}
                    format: alertmanager
            """));
        var client = app.CreateClient();

        var id = await RaiseAsync(client, "DiskFull", labelsJson: """{"team":"db"}""");
        Wait.Until(() => !receiver.Requests.IsEmpty, "the firing notification arrives");
        receiver.Requests.TryDequeue(out var firing);
        var body = firing!.Json;
        Assert.Equal(
            ["alerts", "commonAnnotations", "commonLabels", "externalURL", "groupKey", "groupLabels", "receiver", "status", "truncatedAlerts", "version"],
            Names(body));
        Assert.Equal("4", body.GetProperty("version").GetString());
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("hook", body.GetProperty("receiver").GetString());
        Assert.Equal("{}:{alertname=\"DiskFull\"}", body.GetProperty("groupKey").GetString());
        Assert.Equal("DiskFull", body.GetProperty("groupLabels").GetProperty("alertname").GetString());
        Assert.Equal("db", body.GetProperty("commonLabels").GetProperty("team").GetString());
        Assert.Equal("DiskFull is happening", body.GetProperty("commonAnnotations").GetProperty("summary").GetString());
        Assert.Equal("http://console.test:10204", body.GetProperty("externalURL").GetString());
        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal(["annotations", "endsAt", "fingerprint", "generatorURL", "labels", "startsAt", "status"], Names(alert));
        Assert.Equal("firing", alert.GetProperty("status").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        Assert.True(DateTimeOffset.TryParse(alert.GetProperty("startsAt").GetString(), out _));
        Assert.Equal(firing.Headers["Idempotency-Key"], firing.Headers["X-Notification-Id"]);

        await ResolveAsync(client, id);
        Wait.Until(() => !receiver.Requests.IsEmpty, "the resolved notification arrives");
        receiver.Requests.TryDequeue(out var resolved);
        Assert.Equal("resolved", resolved!.Json.GetProperty("status").GetString());
        var resolvedAlert = Assert.Single(resolved.Json.GetProperty("alerts").EnumerateArray());
        Assert.Equal("resolved", resolvedAlert.GetProperty("status").GetString());
        Assert.NotEqual("0001-01-01T00:00:00Z", resolvedAlert.GetProperty("endsAt").GetString());
        Assert.NotEqual(firing.Headers["Idempotency-Key"], resolved.Headers["Idempotency-Key"]);
    }

    [Fact]
    public async Task ConsoleFormat_IdInHeaderAndPayload_SendResolvedFalseSkipsResolution()
    {
        await using var receiver = await RecordingReceiver.StartAsync();
        await using var app = Create(Yaml($"""
              - name: hook
                webhook_configs:
                  - url: {receiver.Url("/console")}
                    send_resolved: false
            """));
        var client = app.CreateClient();

        var id = await RaiseAsync(client, "QueueStuck", severity: "ERROR");
        Wait.Until(() => !receiver.Requests.IsEmpty, "the notification arrives");
        receiver.Requests.TryDequeue(out var request);
        var body = request!.Json;
        Assert.Equal(request.Headers["Idempotency-Key"], body.GetProperty("id").GetString());
        Assert.Equal("notification", body.GetProperty("kind").GetString());
        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal(id, alert.GetProperty("id").GetInt64());
        Assert.Equal("ERROR", alert.GetProperty("severity").GetString());

        // The next change of the group carries the resolution, which this channel leaves out.
        await ResolveAsync(client, id);
        var second = await RaiseAsync(client, "QueueStuck", severity: "ERROR", labelsJson: """{"host":"b"}""");
        Wait.Until(() => !receiver.Requests.IsEmpty, "the group's next notification arrives");
        receiver.Requests.TryDequeue(out var next);
        var only = Assert.Single(next!.Json.GetProperty("alerts").EnumerateArray());
        Assert.Equal(second, only.GetProperty("id").GetInt64());
        Assert.Equal("firing", next.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Slack_Payload_TextAndSeverityColour()
    {
        await using var receiver = await RecordingReceiver.StartAsync();
        await using var app = Create(Yaml($"""
              - name: hook
                slack_configs:
                  - api_url: {receiver.Url("/services/T000/B000/s3cr3tT0ken")}
                    channel: '#ops'
            """));
        var client = app.CreateClient();

        await RaiseAsync(client, "ApiDown", labelsJson: """{"target":"orders-api"}""");
        Wait.Until(() => !receiver.Requests.IsEmpty, "Slack gets the message");
        receiver.Requests.TryDequeue(out var request);
        Assert.Equal("/services/T000/B000/s3cr3tT0ken", request!.Path);
        var body = request.Json;
        Assert.Equal("[FIRING:1] ApiDown", body.GetProperty("text").GetString());
        Assert.Equal("#ops", body.GetProperty("channel").GetString());
        var attachment = Assert.Single(body.GetProperty("attachments").EnumerateArray());
        Assert.Equal("#D40E0D", attachment.GetProperty("color").GetString());
        Assert.Contains("*[CRITICAL] ApiDown* - ApiDown is happening", attachment.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(attachment.GetProperty("fields").EnumerateArray(), f => f.GetProperty("title").GetString() == "Severity" && f.GetProperty("value").GetString() == "CRITICAL");
    }

    [Fact]
    public async Task Outbox_Receiver503Then200_DeliveredWithSameId()
    {
        await using var receiver = await RecordingReceiver.StartAsync();
        receiver.StatusCode = 503;
        await using var app = Create(Yaml($"""
              - name: hook
                webhook_configs:
                  - url: {receiver.Url("/flaky")}
            """));
        var client = app.CreateClient();

        await RaiseAsync(client, "Flapping");
        Wait.Until(() => receiver.Attempts >= 2, "the receiver was tried twice");
        var pending = Assert.Single(Outbox(client, "&state=pending"));
        Assert.Equal("HTTP 503 Service Unavailable", pending.GetProperty("lastError").GetString());
        Assert.True(pending.GetProperty("attempts").GetInt32() >= 1);

        receiver.StatusCode = 200;
        Wait.Until(() => !receiver.Requests.IsEmpty, "the retry gets through");
        receiver.Requests.TryDequeue(out var request);
        var id = pending.GetProperty("id").GetString();
        Assert.Equal(id, request!.Headers["Idempotency-Key"]);
        Wait.Until(() => Outbox(client, "&state=sent").Any(n => n.GetProperty("id").GetString() == id), "the row is marked sent");
    }

    [Fact]
    public async Task Outbox_Refused400_DeadAndListed_OtherChannelStillDelivered()
    {
        await using var refusing = await RecordingReceiver.StartAsync();
        refusing.StatusCode = 400;
        await using var healthy = await RecordingReceiver.StartAsync();
        await using var app = Create(Yaml($"""
              - name: hook
                webhook_configs:
                  - url: http://127.0.0.1:9/nobody-listens
                  - url: {refusing.Url("/bad")}
                  - url: {healthy.Url("/good")}
            """));
        var client = app.CreateClient();

        await RaiseAsync(client, "Mixed");
        Wait.Until(() => !healthy.Requests.IsEmpty, "the healthy channel is delivered while the others fail");
        Wait.Until(() => Outbox(client, "&state=dead").Count == 1, "the refused one is dead");
        var dead = Assert.Single(Outbox(client, "&state=dead"));
        Assert.Equal("HTTP 400 Bad Request", dead.GetProperty("lastError").GetString());
        Assert.Equal(1, dead.GetProperty("channelIndex").GetInt32());
        Assert.Contains(Outbox(client, "&state=pending"), n => n.GetProperty("channelIndex").GetInt32() == 0);
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;
using static McpMonitoring.Tests.Unit.Notifications.NotificationApp;

namespace McpMonitoring.Tests.Unit.Notifications;

/// <summary>The alertmanager channel against a real Alertmanager 0.25 (Debian package), read back through its own API.</summary>
public sealed class AlertmanagerPeerTests(AlertmanagerProcess alertmanager) : IClassFixture<AlertmanagerProcess>
{
    [Fact]
    public async Task FiringThenResolved_AlertmanagerHasItThenNot()
    {
        Assert.SkipUnless(AlertmanagerProcess.Installed, "prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager).");
        await using var app = Create($"""
            route:
              receiver: am
              group_wait: 0s
              group_interval: 200ms
            receivers:
              - name: am
                alertmanager_configs:
                  - url: {alertmanager.BaseAddress}
            """);
        var client = app.CreateClient();
        using var am = new HttpClient { BaseAddress = alertmanager.BaseAddress };

        var id = await RaiseAsync(client, "ForwardedToAlertmanager", labelsJson: """{"team":"automation","target":"files-mcp"}""");
        Wait.Until(() => Find(am) is not null, "Alertmanager lists the alert");
        var alert = Find(am)!.Value;
        Assert.Equal("automation", alert.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal("files-mcp", alert.GetProperty("labels").GetProperty("target").GetString());
        Assert.Equal("ForwardedToAlertmanager is happening", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        Assert.True(DateTimeOffset.Parse(alert.GetProperty("endsAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddHours(1));

        await ResolveAsync(client, id);
        // Alertmanager's API leaves resolved alerts out.
        Wait.Until(() => Find(am) is null, "Alertmanager sees it resolved");
        // Alertmanager has the resolution a moment before the dispatcher records the row as sent.
        Wait.Until(() => Outbox(client, "&state=sent").Any(n => n.GetProperty("status").GetString() == "resolved"), "the resolution is marked sent");
        Assert.Single(Outbox(client, "&state=sent"), n => n.GetProperty("status").GetString() == "resolved");
    }

    private static JsonElement? Find(HttpClient am)
    {
        var alerts = am.GetFromJsonAsync<JsonElement>("api/v2/alerts").GetAwaiter().GetResult();
        foreach (var alert in alerts.EnumerateArray())
        {
            if (alert.GetProperty("labels").TryGetProperty("alertname", out var name) && name.GetString() == "ForwardedToAlertmanager")
            {
                return alert;
            }
        }

        return null;
    }
}

using McpMonitoring.Engine.Alerting;

namespace McpMonitoring.Engine.Notifications;

public sealed partial class NotificationPipeline
{
    /// <summary>Queues a synthetic INFO alert to every channel of a receiver; null when there is no such receiver.</summary>
    public async Task<IReadOnlyList<string>?> SendTestAsync(string receiver, string actor, CancellationToken cancellationToken)
    {
        if (config.GetReceiver(receiver) is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AlertLabels.AlertName] = "TestNotification",
            [AlertLabels.Severity] = AlertSeverity.Info.ToLabel(),
            ["receiver"] = receiver,
        };
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["summary"] = $"Test notification requested by {actor}",
        };
        var alert = new AlertSnapshot(0, Fingerprint.Of(labels), "TestNotification", AlertSeverity.Info, AlertState.Firing, labels, annotations,
            AlertSources.Manual, now, now, now, null, null, null, 1, null, null);
        var notification = new GroupNotification(receiver, NotificationKinds.Test, "{}:{alertname=\"TestNotification\"}",
            new Dictionary<string, string> { [AlertLabels.AlertName] = "TestNotification" }, [alert], [], TimeSpan.FromMinutes(5));
        var rows = ToRows(notification, now).ToList();
        await outbox.AddAsync(rows, cancellationToken).ConfigureAwait(false);
        dispatcher.Wake();
        return [.. rows.Select(r => r.Id)];
    }
}

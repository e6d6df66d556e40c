using McpMonitoring.Engine.Alerting;

namespace McpMonitoring.Tests.Unit.Notifications;

/// <summary>Alert snapshots as AlertService would publish them.</summary>
internal static class TestAlerts
{
    public static AlertSnapshot Firing(long id, string name, DateTimeOffset since, params (string Key, string Value)[] labels) =>
        Make(id, name, AlertState.Firing, since, labels);

    public static AlertSnapshot Make(long id, string name, AlertState state, DateTimeOffset since, (string Key, string Value)[] labels,
        SuppressionInfo? suppression = null, Acknowledgement? ack = null, DateTimeOffset? resolvedAt = null, int occurrences = 1)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { [AlertLabels.AlertName] = name };
        foreach (var (key, value) in labels)
        {
            all[key] = value;
        }

        return new AlertSnapshot(id, Fingerprint.Of(all), name, AlertSeverity.Critical, state, all, new Dictionary<string, string> { ["summary"] = $"{name} summary" },
            AlertSources.Manual, since, state == AlertState.Pending ? null : since, since, resolvedAt, resolvedAt is null ? null : "system", ack, occurrences, suppression, null);
    }

    public static AlertSnapshot Resolve(AlertSnapshot alert, DateTimeOffset at) =>
        alert with { State = AlertState.Resolved, ResolvedAt = at, ResolvedBy = "system", Suppression = null };

    public static AlertSnapshot Acknowledge(AlertSnapshot alert, DateTimeOffset at) =>
        alert with { State = AlertState.Acknowledged, Acknowledgement = new Acknowledgement("alice", at, null, null) };

    public static AlertSnapshot Suppress(AlertSnapshot alert) =>
        alert with { Suppression = new SuppressionInfo(SuppressionKind.Silence, "s1", "silenced for the upgrade") };
}

using McpMonitoring.Engine.Alerting;

namespace McpMonitoring.Engine.Notifications;

/// <summary>Alerts of one route with the same group labels, and what was last told about them (Alertmanager's aggregation group).</summary>
internal sealed class NotificationGroup
{
    public required CompiledRoute Route { get; set; }

    public required string Key { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public Dictionary<string, AlertSnapshot> Alerts { get; } = new(StringComparer.Ordinal);

    /// <summary>The next tick: created + group_wait, then every group_interval.</summary>
    public DateTimeOffset NextFlushAt { get; set; }

    public DateTimeOffset? LastNotifiedAt { get; set; }

    /// <summary>Fingerprints the receiver was last told are firing (and still are, unsuppressed).</summary>
    public HashSet<string> NotifiedFiring { get; } = new(StringComparer.Ordinal);
}

/// <summary>A notification the grouper decided to send: to the route's receiver, or an escalation to another one.</summary>
public sealed record GroupNotification(
    string Receiver,
    string Kind,
    string GroupKey,
    IReadOnlyDictionary<string, string> GroupLabels,
    IReadOnlyList<AlertSnapshot> Firing,
    IReadOnlyList<AlertSnapshot> Resolved,
    TimeSpan ValidFor,
    string? DedupKey = null,
    string? Comment = null);

namespace McpMonitoring.Engine.Storage;

/// <summary>
/// One outgoing delivery in the durable outbox: one channel of one receiver. The id is stable across retries and
/// restarts (receivers deduplicate on it); times are Unix milliseconds.
/// </summary>
public sealed class NotificationEntity
{
    public required string Id { get; set; }

    public required string Receiver { get; set; }

    /// <summary>webhook, slack, email, alertmanager or log.</summary>
    public required string Channel { get; set; }

    /// <summary>Which entry of the receiver's list for that channel kind.</summary>
    public int ChannelIndex { get; set; }

    /// <summary>notification, escalation or test.</summary>
    public required string Kind { get; set; }

    /// <summary>firing or resolved.</summary>
    public required string Status { get; set; }

    public required string GroupKey { get; set; }

    /// <summary>Set on escalations so one is never sent twice for the same firing, even across a restart.</summary>
    public string? DedupKey { get; set; }

    public int AlertCount { get; set; }

    public required string PayloadJson { get; set; }

    /// <summary>pending, sent or dead.</summary>
    public required string State { get; set; }

    public int Attempts { get; set; }

    public long CreatedAtMs { get; set; }

    public long NextAttemptAtMs { get; set; }

    public long? LastAttemptAtMs { get; set; }

    public long? SentAtMs { get; set; }

    public string? LastError { get; set; }
}

/// <summary>A receiver as operators (or config/alerting.yml) defined it, secrets included: never returned as is.</summary>
public sealed class NotificationReceiverEntity
{
    public required string Name { get; set; }

    public required string ConfigJson { get; set; }

    /// <summary>config (seeded from the file, refreshed from it at start) or api (an operator's version, which wins).</summary>
    public required string Source { get; set; }

    /// <summary>An operator deleted a receiver the file defines: remember it so it does not come back at restart.</summary>
    public bool Deleted { get; set; }

    public long UpdatedAtMs { get; set; }
}

/// <summary>The routing tree (one row): the file's until an operator replaces it.</summary>
public sealed class NotificationRouteEntity
{
    public int Id { get; set; }

    public required string TreeJson { get; set; }

    public required string Source { get; set; }

    public long UpdatedAtMs { get; set; }
}

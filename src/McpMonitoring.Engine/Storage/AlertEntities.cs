namespace McpMonitoring.Engine.Storage;

/// <summary>One alert (one fingerprint) with its latest lifecycle state; times are Unix milliseconds.</summary>
public sealed class AlertEntity
{
    public long Id { get; set; }

    public required string Fingerprint { get; set; }

    public required string Name { get; set; }

    public int Severity { get; set; }

    public int State { get; set; }

    public required string LabelsJson { get; set; }

    public required string AnnotationsJson { get; set; }

    public required string Source { get; set; }

    public long StartsAtMs { get; set; }

    public long? FiringSinceMs { get; set; }

    public long LastReceivedMs { get; set; }

    public long? EndsAtMs { get; set; }

    public long? ResolvedAtMs { get; set; }

    public string? ResolvedBy { get; set; }

    public string? AckBy { get; set; }

    public long? AckAtMs { get; set; }

    public string? AckComment { get; set; }

    public long? SnoozeUntilMs { get; set; }

    public int Occurrences { get; set; }

    public long ForMs { get; set; }

    public string? GeneratorUrl { get; set; }
}

/// <summary>An alert's timeline: every transition and operator action, with who and why (the alert audit trail).</summary>
public sealed class AlertEventEntity
{
    public long Id { get; set; }

    public long AlertId { get; set; }

    public long AtMs { get; set; }

    public required string Kind { get; set; }

    public required string Actor { get; set; }

    public string? Comment { get; set; }
}

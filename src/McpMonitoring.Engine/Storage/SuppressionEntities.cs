namespace McpMonitoring.Engine.Storage;

/// <summary>A silence (Alertmanager semantics). Matchers are stored as JSON (<c>[{name, value, isRegex, isEqual}]</c>).</summary>
public sealed class SilenceEntity
{
    public required string Id { get; set; }

    public required string MatchersJson { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public required string CreatedBy { get; set; }

    public required string Comment { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>A one-off (<see cref="StartsAt"/>..<see cref="EndsAt"/>) or recurring (<see cref="Cron"/> + duration + zone) maintenance window.</summary>
public sealed class MaintenanceWindowEntity
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public string? Comment { get; set; }

    public required string CreatedBy { get; set; }

    public required string MatchersJson { get; set; }

    public required string TargetsJson { get; set; }

    public DateTime? StartsAt { get; set; }

    public DateTime? EndsAt { get; set; }

    public string? Cron { get; set; }

    public long? DurationSeconds { get; set; }

    public string? TimeZone { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>An inhibition rule (Alertmanager shape), from the API or imported once from config/alerting.yml.</summary>
public sealed class InhibitionRuleEntity
{
    public required string Id { get; set; }

    public string? Name { get; set; }

    public required string SourceMatchersJson { get; set; }

    public required string TargetMatchersJson { get; set; }

    public required string EqualJson { get; set; }

    public required string Source { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Ids once imported from alerting.yml, so a rule an operator deleted does not come back at restart.</summary>
public sealed class SeededInhibitionRuleEntity
{
    public required string Id { get; set; }

    public DateTime SeededAt { get; set; }
}

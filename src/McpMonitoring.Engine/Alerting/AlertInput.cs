namespace McpMonitoring.Engine.Alerting;

/// <summary>
/// An alert as a source reports it: labels (identity; <c>alertname</c> required), annotations (summary,
/// description, runbook), severity (else the <c>severity</c> label, else WARNING), when it started, when it
/// ends (an Alertmanager sender's resolution), and how long the condition must hold before it fires.
/// </summary>
public sealed record AlertInput
{
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    public AlertSeverity? Severity { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public TimeSpan For { get; init; }

    public string? GeneratorUrl { get; init; }
}

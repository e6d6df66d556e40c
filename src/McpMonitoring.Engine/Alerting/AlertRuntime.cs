namespace McpMonitoring.Engine.Alerting;

/// <summary>The mutable state of one alert inside <see cref="AlertService"/>; lock on the instance to touch it.</summary>
internal sealed class AlertRuntime
{
    public required long Id { get; init; }

    public required string Fingerprint { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public IReadOnlyDictionary<string, string> Annotations { get; set; } = new Dictionary<string, string>();

    public AlertSeverity Severity { get; set; }

    public AlertState State { get; set; }

    public required string Source { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset? FiringSince { get; set; }

    public DateTimeOffset LastReceivedAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }

    public Acknowledgement? Acknowledgement { get; set; }

    public int Occurrences { get; set; } = 1;

    public TimeSpan For { get; set; }

    public SuppressionInfo? Suppression { get; set; }

    public string? GeneratorUrl { get; set; }

    public string Name => Labels.TryGetValue(AlertLabels.AlertName, out var name) ? name : "";

    public AlertSnapshot ToSnapshot() => new(
        Id, Fingerprint, Name, Severity, State, Labels, Annotations, Source, StartsAt, FiringSince, LastReceivedAt,
        ResolvedAt, ResolvedBy, Acknowledgement, Occurrences, Suppression, GeneratorUrl);
}

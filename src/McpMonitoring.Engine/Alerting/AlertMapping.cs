using System.Text.Json;
using McpMonitoring.Engine.Storage;

namespace McpMonitoring.Engine.Alerting;

/// <summary>Row image of an alert and back.</summary>
internal static class AlertMapping
{
    public static AlertEntity ToEntity(AlertRuntime r) => new()
    {
        Id = r.Id,
        Fingerprint = r.Fingerprint,
        Name = r.Name,
        Severity = (int)r.Severity,
        State = (int)r.State,
        LabelsJson = JsonSerializer.Serialize(r.Labels, AlertStore.Json),
        AnnotationsJson = JsonSerializer.Serialize(r.Annotations, AlertStore.Json),
        Source = r.Source,
        StartsAtMs = r.StartsAt.ToUnixTimeMilliseconds(),
        FiringSinceMs = r.FiringSince?.ToUnixTimeMilliseconds(),
        LastReceivedMs = r.LastReceivedAt.ToUnixTimeMilliseconds(),
        EndsAtMs = r.EndsAt?.ToUnixTimeMilliseconds(),
        ResolvedAtMs = r.ResolvedAt?.ToUnixTimeMilliseconds(),
        ResolvedBy = r.ResolvedBy,
        AckBy = r.Acknowledgement?.By,
        AckAtMs = r.Acknowledgement?.At.ToUnixTimeMilliseconds(),
        AckComment = r.Acknowledgement?.Comment,
        SnoozeUntilMs = r.Acknowledgement?.SnoozeUntil?.ToUnixTimeMilliseconds(),
        Occurrences = r.Occurrences,
        ForMs = (long)r.For.TotalMilliseconds,
        GeneratorUrl = r.GeneratorUrl,
    };

    public static AlertRuntime FromEntity(AlertEntity e) => new()
    {
        Id = e.Id,
        Fingerprint = e.Fingerprint,
        Labels = JsonSerializer.Deserialize<Dictionary<string, string>>(e.LabelsJson, AlertStore.Json) ?? [],
        Annotations = JsonSerializer.Deserialize<Dictionary<string, string>>(e.AnnotationsJson, AlertStore.Json) ?? [],
        Severity = (AlertSeverity)e.Severity,
        State = (AlertState)e.State,
        Source = e.Source,
        StartsAt = FromMs(e.StartsAtMs),
        FiringSince = e.FiringSinceMs is { } f ? FromMs(f) : null,
        LastReceivedAt = FromMs(e.LastReceivedMs),
        EndsAt = e.EndsAtMs is { } end ? FromMs(end) : null,
        ResolvedAt = e.ResolvedAtMs is { } r ? FromMs(r) : null,
        ResolvedBy = e.ResolvedBy,
        Acknowledgement = e.AckBy is null ? null
            : new Acknowledgement(e.AckBy, FromMs(e.AckAtMs ?? 0), e.AckComment, e.SnoozeUntilMs is { } s ? FromMs(s) : null),
        Occurrences = e.Occurrences,
        For = TimeSpan.FromMilliseconds(e.ForMs),
        GeneratorUrl = e.GeneratorUrl,
    };

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}

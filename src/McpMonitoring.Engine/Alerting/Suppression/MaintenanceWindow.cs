using System.Text.Json.Serialization;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>
/// A planned quiet period for some alerts. Scope: <see cref="Matchers"/> and <see cref="Targets"/> (names matched
/// against the <c>target</c> label); when both are given an alert must satisfy both.
/// </summary>
public sealed record MaintenanceWindow(
    string Id,
    string Name,
    string? Comment,
    string CreatedBy,
    IReadOnlyList<Matcher> Matchers,
    IReadOnlyList<string> Targets,
    MaintenanceSchedule Schedule,
    DateTimeOffset UpdatedAt)
{
    public bool Applies(IReadOnlyDictionary<string, string> labels)
    {
        if (Targets.Count > 0 && !(labels.TryGetValue(AlertLabels.Target, out var target) && Targets.Contains(target, StringComparer.Ordinal)))
        {
            return false;
        }

        return Matcher.All(Matchers, labels);
    }

    public MaintenanceWindowView ToView(DateTimeOffset now)
    {
        var current = Schedule.ActiveAt(now);
        var next = Schedule.NextAfter(now);
        return new MaintenanceWindowView(
            Id,
            Name,
            Comment,
            CreatedBy,
            [.. Matchers.Select(MatcherSpec.From)],
            Targets,
            Schedule.IsRecurring ? MaintenanceWindowKind.Recurring : MaintenanceWindowKind.OneOff,
            Schedule.StartsAt,
            Schedule.EndsAt,
            Schedule.CronText,
            Schedule.IsRecurring ? Schedule.Duration : null,
            Schedule.IsRecurring ? Schedule.Zone.Id : null,
            current is not null,
            current is null ? null : MaintenanceOccurrenceView.Of(current, Schedule.Zone, now),
            next is null ? null : MaintenanceOccurrenceView.Of(next, Schedule.Zone, now),
            UpdatedAt);
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<MaintenanceWindowKind>))]
public enum MaintenanceWindowKind
{
    [JsonStringEnumMemberName("oneOff")] OneOff,
    [JsonStringEnumMemberName("recurring")] Recurring,
}

/// <summary>A window as the API returns it, with whether it is open now, the open occurrence and the next one.</summary>
public sealed record MaintenanceWindowView(
    string Id,
    string Name,
    string? Comment,
    string CreatedBy,
    IReadOnlyList<MatcherSpec> Matchers,
    IReadOnlyList<string> Targets,
    MaintenanceWindowKind Kind,
    DateTimeOffset? StartsAt,
    DateTimeOffset? EndsAt,
    string? Cron,
    [property: JsonConverter(typeof(NullableDurationJsonConverter))] TimeSpan? Duration,
    string? TimeZone,
    bool Active,
    MaintenanceOccurrenceView? Current,
    MaintenanceOccurrenceView? Next,
    DateTimeOffset UpdatedAt);

/// <summary>An occurrence in UTC and in the window's own zone (what the schedule editor shows).</summary>
public sealed record MaintenanceOccurrenceView(
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset LocalStartsAt,
    DateTimeOffset LocalEndsAt,
    string TimeZone,
    bool Active)
{
    public static MaintenanceOccurrenceView Of(MaintenanceOccurrence occurrence, TimeZoneInfo zone, DateTimeOffset now) => new(
        occurrence.StartsAt.ToUniversalTime(),
        occurrence.EndsAt.ToUniversalTime(),
        TimeZoneInfo.ConvertTime(occurrence.StartsAt, zone),
        TimeZoneInfo.ConvertTime(occurrence.EndsAt, zone),
        zone.Id,
        occurrence.Contains(now));
}

/// <summary>
/// The JSON body of POST/PUT /maintenance-windows. One-off: <see cref="StartsAt"/> and <see cref="EndsAt"/>.
/// Recurring: <see cref="Cron"/>, <see cref="Duration"/> (such as <c>2h</c>) and <see cref="TimeZone"/> (IANA, default UTC).
/// </summary>
public sealed class MaintenanceWindowInput
{
    public string? Name { get; set; }

    public string? Comment { get; set; }

    public string? CreatedBy { get; set; }

    public List<MatcherSpec>? Matchers { get; set; }

    public List<string>? Targets { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public string? Cron { get; set; }

    [JsonConverter(typeof(NullableDurationJsonConverter))]
    public TimeSpan? Duration { get; set; }

    public string? TimeZone { get; set; }
}

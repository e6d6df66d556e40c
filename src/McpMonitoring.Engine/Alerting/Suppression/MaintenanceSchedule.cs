using Cronos;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>One occurrence of a maintenance window: [<see cref="StartsAt"/>, <see cref="EndsAt"/>).</summary>
public sealed record MaintenanceOccurrence(DateTimeOffset StartsAt, DateTimeOffset EndsAt)
{
    public bool Contains(DateTimeOffset t) => StartsAt <= t && t < EndsAt;
}

/// <summary>
/// When a maintenance window is open: once (start..end) or on a cron schedule for a duration, in an IANA time zone.
/// Occurrences are computed around the instant asked about and never materialised: an endless schedule costs
/// nothing until someone enumerates it.
/// </summary>
/// <remarks>
/// Daylight saving follows Cronos: a local time skipped by spring-forward (02:30 in Europe/Berlin on the last
/// Sunday of March) fires at the first instant after the gap (03:00 local); a local time that happens twice at
/// fall-back fires once, at its first instance. The duration is elapsed time, so a 1h window that starts at
/// 02:30 CEST on the fall-back day ends at 02:30 CET.
/// </remarks>
public sealed class MaintenanceSchedule
{
    private readonly DateTimeOffset _start;
    private readonly DateTimeOffset _end;

    private MaintenanceSchedule(DateTimeOffset start, DateTimeOffset end, CronExpression? cron, string? cronText, TimeSpan duration, TimeZoneInfo zone)
    {
        _start = start;
        _end = end;
        Cron = cron;
        CronText = cronText;
        Duration = duration;
        Zone = zone;
    }

    public CronExpression? Cron { get; }

    public string? CronText { get; }

    public bool IsRecurring => Cron is not null;

    /// <summary>Length of each occurrence.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The zone the cron expression is read in (UTC for one-off windows).</summary>
    public TimeZoneInfo Zone { get; }

    public DateTimeOffset? StartsAt => IsRecurring ? null : _start;

    public DateTimeOffset? EndsAt => IsRecurring ? null : _end;

    public static MaintenanceSchedule OneOff(DateTimeOffset start, DateTimeOffset end) =>
        new(start, end, null, null, end - start, TimeZoneInfo.Utc);

    public static MaintenanceSchedule Recurring(string cron, TimeSpan duration, TimeZoneInfo zone) =>
        new(default, default, ParseCron(cron), cron.Trim(), duration, zone);

    /// <summary>Five fields (minute precision) or six (with seconds first), plus macros such as <c>@daily</c>.</summary>
    public static CronExpression ParseCron(string text)
    {
        var fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CronExpression.Parse(text.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }

    /// <summary>The occurrence open at <paramref name="t"/>, if any (the earliest one when occurrences overlap).</summary>
    public MaintenanceOccurrence? ActiveAt(DateTimeOffset t)
    {
        if (Cron is null)
        {
            return t >= _start && t < _end ? new MaintenanceOccurrence(_start, _end) : null;
        }

        // Open at t means some start s with t - duration < s <= t: look only at that slice of the schedule.
        foreach (var start in Cron.GetOccurrences(t - Duration, t, Zone, fromInclusive: false, toInclusive: true))
        {
            return new MaintenanceOccurrence(start, start + Duration);
        }

        return null;
    }

    /// <summary>The first occurrence that starts after <paramref name="t"/>.</summary>
    public MaintenanceOccurrence? NextAfter(DateTimeOffset t)
    {
        if (Cron is null)
        {
            return _start > t ? new MaintenanceOccurrence(_start, _end) : null;
        }

        return Cron.GetNextOccurrence(t, Zone, inclusive: false) is { } start ? new MaintenanceOccurrence(start, start + Duration) : null;
    }

    /// <summary>Occurrences that have not ended at <paramref name="t"/> (the open one first), lazily, in order.</summary>
    public IEnumerable<MaintenanceOccurrence> From(DateTimeOffset t)
    {
        if (Cron is null)
        {
            if (_end > t)
            {
                yield return new MaintenanceOccurrence(_start, _end);
            }

            yield break;
        }

        var next = Cron.GetNextOccurrence(t - Duration, Zone, inclusive: false);
        while (next is { } start)
        {
            yield return new MaintenanceOccurrence(start, start + Duration);
            next = Cron.GetNextOccurrence(start, Zone, inclusive: false);
        }
    }
}

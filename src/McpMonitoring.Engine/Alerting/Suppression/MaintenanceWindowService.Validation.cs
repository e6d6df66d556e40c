using Cronos;

namespace McpMonitoring.Engine.Alerting.Suppression;

public sealed partial class MaintenanceWindowService
{
    private static readonly TimeSpan MinDuration = TimeSpan.FromMinutes(1);

    /// <summary>Longest occurrence; it also bounds how far back <see cref="MaintenanceSchedule.ActiveAt"/> looks.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);

    /// <summary>The window <paramref name="input"/> describes, or null with every problem in <paramref name="errors"/>.</summary>
    public static MaintenanceWindow? Build(MaintenanceWindowInput input, string id, string actor, DateTimeOffset now, IDictionary<string, string[]> errors)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["name"] = ["name is required."];
        }
        else if (name.Length > 200)
        {
            errors["name"] = ["name must be at most 200 characters."];
        }

        var matchers = MatcherValidation.Compile(input.Matchers, "matchers", errors);
        var targets = (input.Targets ?? []).Select(t => t?.Trim() ?? "").ToList();
        if (targets.Any(t => t.Length == 0))
        {
            errors["targets"] = ["target names must not be empty."];
        }

        if (matchers.Count == 0 && targets.Count == 0 && !errors.Keys.Any(k => k.StartsWith("matchers", StringComparison.Ordinal)))
        {
            errors["matchers"] = ["give matchers, target names or both: a window without a scope would suppress every alert."];
        }
        else if (targets.Count == 0 && matchers.Count > 0 && matchers.All(m => m.MatchesEmpty))
        {
            errors["matchers"] = ["at least one matcher must not match the empty string (these would match every alert)."];
        }

        var schedule = input.Cron is null ? OneOff(input, now, errors) : Recurring(input, errors);
        var createdBy = string.IsNullOrWhiteSpace(input.CreatedBy) ? actor : input.CreatedBy.Trim();
        if (createdBy.Length > 128)
        {
            errors["createdBy"] = ["createdBy must be at most 128 characters."];
        }

        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if (comment?.Length > 4000)
        {
            errors["comment"] = ["comment must be at most 4000 characters."];
        }

        return errors.Count == 0
            ? new MaintenanceWindow(id, name, comment, createdBy, matchers, [.. targets.Distinct(StringComparer.Ordinal)], schedule!, now)
            : null;
    }

    private static MaintenanceSchedule? OneOff(MaintenanceWindowInput input, DateTimeOffset now, IDictionary<string, string[]> errors)
    {
        if (input.Duration is not null || input.TimeZone is not null)
        {
            errors["cron"] = ["duration and timeZone belong to recurring windows: give a cron expression too, or use startsAt and endsAt alone."];
        }

        if (input.StartsAt is not { } start)
        {
            errors["startsAt"] = ["startsAt is required for a one-off window (or give cron, duration and timeZone for a recurring one)."];
            return null;
        }

        if (input.EndsAt is not { } end)
        {
            errors["endsAt"] = ["endsAt is required for a one-off window."];
            return null;
        }

        if (end <= start)
        {
            errors["endsAt"] = ["endsAt must be after startsAt."];
            return null;
        }

        if (end <= now)
        {
            errors["endsAt"] = ["endsAt must be in the future."];
            return null;
        }

        return MaintenanceSchedule.OneOff(start.ToUniversalTime(), end.ToUniversalTime());
    }

    private static MaintenanceSchedule? Recurring(MaintenanceWindowInput input, IDictionary<string, string[]> errors)
    {
        if (input.StartsAt is not null || input.EndsAt is not null)
        {
            errors["startsAt"] = ["a recurring window takes cron, duration and timeZone, not startsAt/endsAt."];
        }

        var ok = true;
        try
        {
            MaintenanceSchedule.ParseCron(input.Cron!);
        }
        catch (CronFormatException ex)
        {
            errors["cron"] = [$"'{input.Cron}' is not a cron expression ({ex.Message}); use five fields, such as '30 2 * * *' for 02:30 daily."];
            ok = false;
        }

        if (input.Duration is not { } duration)
        {
            errors["duration"] = ["duration is required for a recurring window, such as 1h or 90m."];
            ok = false;
            duration = TimeSpan.Zero;
        }
        else if (duration < MinDuration || duration > MaxDuration)
        {
            errors["duration"] = ["duration must be between 1m and 31d."];
            ok = false;
        }

        var zoneId = string.IsNullOrWhiteSpace(input.TimeZone) ? "UTC" : input.TimeZone.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            errors["timeZone"] = [$"'{zoneId}' is not a known time zone; use an IANA name such as Europe/Berlin or UTC."];
            ok = false;
        }

        return ok ? MaintenanceSchedule.Recurring(input.Cron!, duration, zone!) : null;
    }
}

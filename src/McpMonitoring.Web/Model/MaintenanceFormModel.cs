using System.Globalization;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Suppression;

namespace McpMonitoring.Web.Model;

/// <summary>The maintenance window editor's state; <see cref="Preview"/> shows the schedule before it is saved.</summary>
public sealed class MaintenanceFormModel
{
    public const string LocalFormat = "yyyy-MM-dd HH:mm";

    public string Name { get; set; } = "";

    public bool Recurring { get; set; } = true;

    public string Cron { get; set; } = "30 2 * * *";

    public string Duration { get; set; } = "1h";

    public string TimeZone { get; set; } = "UTC";

    /// <summary>One-off start and end, typed in <see cref="TimeZone"/>.</summary>
    public string Start { get; set; } = "";

    public string End { get; set; } = "";

    /// <summary>Comma-separated target names (matched against the <c>target</c> label).</summary>
    public string Targets { get; set; } = "";

    /// <summary>Matchers in Alertmanager syntax: <c>{team="db", severity!="EMERGENCY"}</c>.</summary>
    public string Matchers { get; set; } = "";

    public string? Comment { get; set; }

    public string? CreatedBy { get; set; }

    public static MaintenanceFormModel From(MaintenanceWindowView w, TimeZoneInfo browserZone)
    {
        var zone = w.TimeZone is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var z) ? z : browserZone;
        return new MaintenanceFormModel
        {
            Name = w.Name,
            Recurring = w.Kind == MaintenanceWindowKind.Recurring,
            Cron = w.Cron ?? "30 2 * * *",
            Duration = w.Duration is { } d ? Engine.Configuration.Duration.Format(d) : "1h",
            TimeZone = zone.Id,
            Start = w.StartsAt is { } s ? TimeZoneInfo.ConvertTime(s, zone).ToString(LocalFormat, CultureInfo.InvariantCulture) : "",
            End = w.EndsAt is { } e ? TimeZoneInfo.ConvertTime(e, zone).ToString(LocalFormat, CultureInfo.InvariantCulture) : "",
            Targets = string.Join(", ", w.Targets),
            Matchers = w.Matchers.Count == 0 ? "" : $"{{{string.Join(", ", w.Matchers.Select(m => m.ToMatcher()))}}}",
            Comment = w.Comment,
            CreatedBy = w.CreatedBy,
        };
    }

    public MaintenanceWindowInput ToInput(IDictionary<string, string[]> errors)
    {
        var input = new MaintenanceWindowInput
        {
            Name = Name,
            Comment = Comment,
            CreatedBy = CreatedBy,
            Targets = [.. Targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        };
        try
        {
            input.Matchers = [.. Matcher.ParseList(Matchers).Select(MatcherSpec.From)];
        }
        catch (FormatException ex)
        {
            errors["matchers"] = [ex.Message];
        }

        if (Recurring)
        {
            input.Cron = Cron;
            input.TimeZone = TimeZone;
            if (Engine.Configuration.Duration.TryParse(Duration, out var length))
            {
                input.Duration = length;
            }
            else
            {
                errors["duration"] = ["duration must look like 30m, 2h or 1d."];
            }
        }
        else
        {
            input.StartsAt = ParseLocal(Start, "startsAt", errors);
            input.EndsAt = ParseLocal(End, "endsAt", errors);
        }

        return input;
    }

    /// <summary>The next <paramref name="count"/> occurrences as typed so far, or an explanation why there are none.</summary>
    public (IReadOnlyList<MaintenanceOccurrence> Occurrences, string? Problem) Preview(DateTimeOffset now, int count)
    {
        var errors = new Dictionary<string, string[]>();
        var input = ToInput(errors);
        input.Name = string.IsNullOrWhiteSpace(input.Name) ? "preview" : input.Name;
        if (input.Matchers is not { Count: > 0 } && input.Targets is not { Count: > 0 })
        {
            input.Targets = ["preview"];
        }

        if (errors.Count == 0)
        {
            // The same rules the service applies, so the preview never shows a schedule the save would reject.
            var window = MaintenanceWindowService.Build(input, "preview", "preview", now, errors);
            if (window is not null)
            {
                return ([.. window.Schedule.From(now).Take(count)], null);
            }
        }

        return ([], string.Join(" ", errors.Values.SelectMany(v => v)));
    }

    private DateTimeOffset? ParseLocal(string text, string key, IDictionary<string, string[]> errors)
    {
        if (!DateTime.TryParseExact(text.Trim(), LocalFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors[key] = [$"use {LocalFormat}, in {TimeZone}."];
            return null;
        }

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}

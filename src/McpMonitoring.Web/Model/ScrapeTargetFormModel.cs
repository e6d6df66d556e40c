using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Metrics.Scraping;

namespace McpMonitoring.Web.Model;

/// <summary>
/// What the add/edit scrape target dialog binds to: text as the operator types it (durations like "15s", labels as
/// key=value lines). <see cref="Build"/> turns it into the API's <see cref="ScrapeTargetRequest"/> plus the errors the
/// text itself has; every other rule is the engine's (<see cref="ScrapeTargetService"/>), shown per field.
/// </summary>
public sealed class ScrapeTargetFormModel
{
    public string Name { get; set; } = "";

    public string Job { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>Empty means the configured default.</summary>
    public string? Interval { get; set; }

    /// <summary>Empty means the configured default (never longer than the interval).</summary>
    public string? Timeout { get; set; }

    /// <summary>One <c>key=value</c> per line.</summary>
    public string? LabelsText { get; set; }

    public bool HonorLabels { get; set; }

    /// <summary>Not edited here; kept so saving an edit does not reset what the API set.</summary>
    public bool HonorTimestamps { get; set; } = true;

    /// <summary>Not edited here; kept so saving an edit does not reset what the API set.</summary>
    public int SampleLimit { get; set; }

    public static ScrapeTargetFormModel From(ScrapeTargetDefinition target) => new()
    {
        Name = target.Name,
        Job = target.Job,
        Url = target.Url.ToString(),
        Interval = Duration.Format(target.Interval),
        Timeout = Duration.Format(target.Timeout),
        LabelsText = string.Join('\n', target.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
        HonorLabels = target.HonorLabels,
        HonorTimestamps = target.HonorTimestamps,
        SampleLimit = target.SampleLimit,
    };

    /// <summary>The request this form describes; text that does not parse goes to <paramref name="errors"/> under the API's field names.</summary>
    public ScrapeTargetRequest Build(Dictionary<string, string[]> errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var line in (LabelsText ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                problems.Add($"label '{line}' must be written key=value.");
                continue;
            }

            labels[line[..separator].Trim()] = line[(separator + 1)..].Trim();
        }

        if (problems.Count > 0)
        {
            errors["labels"] = [.. problems];
        }

        return new ScrapeTargetRequest(
            Name.Trim(),
            Job.Trim(),
            Url.Trim(),
            labels,
            ParseDuration(Interval, "interval", errors),
            ParseDuration(Timeout, "timeout", errors),
            HonorLabels,
            HonorTimestamps,
            SampleLimit);
    }

    private static TimeSpan? ParseDuration(string? text, string key, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Duration.TryParse(text.Trim(), out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        errors[key] = [$"{key} '{text}' is not a duration; use 500ms, 15s, 1m or 1h."];
        return null;
    }
}

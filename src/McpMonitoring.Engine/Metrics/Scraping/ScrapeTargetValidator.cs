using System.Text.RegularExpressions;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>The rules every scrape target obeys, whether it comes from prometheus.yml or the API.</summary>
public static partial class ScrapeTargetValidator
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    /// <summary>The first problem with <paramref name="target"/>, or null when it is valid.</summary>
    public static (string Field, string Message)? Validate(ScrapeTargetDefinition target)
    {
        if (string.IsNullOrWhiteSpace(target.Name) || target.Name.Length > 200)
        {
            return ("name", "name is required (at most 200 characters).");
        }

        if (string.IsNullOrWhiteSpace(target.Job))
        {
            return ("job", "job is required.");
        }

        if (!target.Url.IsAbsoluteUri || target.Url.Scheme is not ("http" or "https"))
        {
            return ("url", $"url '{target.Url}' must be an absolute http or https URL.");
        }

        if (target.Interval < MinimumInterval)
        {
            return ("interval", $"interval must be at least {MinimumInterval.TotalSeconds:0}s.");
        }

        if (target.Timeout <= TimeSpan.Zero || target.Timeout > target.Interval)
        {
            return ("timeout", "timeout must be positive and not longer than the interval (as in Prometheus).");
        }

        if (target.SampleLimit < 0)
        {
            return ("sampleLimit", "sample_limit must not be negative.");
        }

        foreach (var (name, value) in target.Labels)
        {
            if (LabelNameProblem(name) is { } problem)
            {
                return ("labels", problem);
            }

            if (value is null)
            {
                return ("labels", $"label '{name}' needs a value.");
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="name"/> cannot be a label name, or null.</summary>
    public static string? LabelNameProblem(string name)
    {
        if (!LabelName().IsMatch(name))
        {
            return $"'{name}' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*).";
        }

        return name.StartsWith("__", StringComparison.Ordinal) ? $"label names starting with __ are reserved ('{name}')." : null;
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();
}

using System.Text.RegularExpressions;

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>
/// Which metric and label names a custom metric may have: Prometheus' syntax, then the lint rules of
/// <c>promtool check metrics</c> (client_golang's promlint), so the console's /metrics always passes promtool,
/// then the names that belong to the console, the scraper and the Pushgateway.
/// </summary>
public static partial class CustomMetricNames
{
    public const int MaxNameLength = 200;
    public const int MaxLabelNameLength = 100;

    /// <summary>
    /// <c>mcpmon_</c> is the console's own namespace and <c>__</c> Prometheus' internal one; the others are what the
    /// process exports beside them (prometheus-net, the .NET runtime, ASP.NET Core's meters).
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedPrefixes =
        ["mcpmon_", "__", "process_", "dotnet_", "prometheus_net_", "microsoft_", "system_net_", "system_runtime_", "scrape_"];

    /// <summary>Series the scraper (<c>up</c>) or the Pushgateway (push times) add to the console's own.</summary>
    public static readonly IReadOnlyList<string> ReservedNames = ["up", "push_time_seconds", "push_failure_time_seconds"];

    /// <summary><c>le</c> and <c>quantile</c> belong to histogram buckets and summaries; <c>job</c> and <c>instance</c> are set by the scraper and the Pushgateway's grouping key, which would overwrite them.</summary>
    public static readonly IReadOnlyList<string> ReservedLabelNames = ["le", "quantile", "job", "instance"];

    private static readonly string[] Units = ["amperes", "bytes", "celsius", "grams", "joules", "kelvin", "meters", "metres", "seconds", "volts"];
    private static readonly string[] UnitPrefixes = ["pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo", "mega", "giga", "tera", "peta"];
    private static readonly HashSet<string> UnitAbbreviations = ["s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d"];
    private static readonly string[] TypeWords = ["counter", "gauge", "histogram", "summary", "untyped"];

    /// <summary>Every problem with <paramref name="name"/> as a metric of <paramref name="type"/>; empty when it is fine.</summary>
    public static List<string> MetricNameProblems(string name, CustomMetricType type)
    {
        var problems = new List<string>();
        if (name.Length > MaxNameLength)
        {
            problems.Add($"name must be at most {MaxNameLength} characters.");
            return problems;
        }

        if (!MetricNamePattern().IsMatch(name))
        {
            problems.Add($"name '{name}' is not a Prometheus metric name: it must match [a-zA-Z_:][a-zA-Z0-9_:]*.");
            return problems;
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            problems.Add("name must not contain ':' (reserved for recording rules; promtool rejects it).");
        }

        if (ReservedPrefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)) is { } prefix)
        {
            problems.Add(prefix == "mcpmon_"
                ? "name must not start with 'mcpmon_': that namespace is the console's own."
                : $"name must not start with '{prefix}': that prefix is reserved ({(prefix == "__" ? "Prometheus-internal" : "the console exports such metrics itself")}).");
        }

        if (ReservedNames.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add($"name '{name}' is reserved: the scraper or the Pushgateway adds a series of that name.");
        }

        if (CamelCase().IsMatch(name))
        {
            problems.Add("name must be snake_case, not camelCase (promtool rejects it).");
        }

        var lower = name.ToLowerInvariant();
        var hasTotal = lower.EndsWith("_total", StringComparison.Ordinal);
        if (type == CustomMetricType.Counter && !hasTotal)
        {
            problems.Add("a counter's name must end with '_total' (promtool rejects it otherwise).");
        }
        else if (type != CustomMetricType.Counter && hasTotal)
        {
            problems.Add($"only counters end with '_total'; a {type.Name()}'s name must not.");
        }

        if (new[] { "_count", "_sum", "_bucket" }.FirstOrDefault(s => lower.EndsWith(s, StringComparison.Ordinal)) is { } reserved)
        {
            problems.Add($"name must not end with '{reserved}': histograms add that suffix to their series.");
        }

        if (TypeWords.FirstOrDefault(t => lower.Contains($"_{t}_", StringComparison.Ordinal) || lower.EndsWith($"_{t}", StringComparison.Ordinal)) is { } word)
        {
            problems.Add($"name must not include the type '{word}' (promtool rejects it).");
        }

        var parts = lower.Split('_');
        if (parts.FirstOrDefault(UnitAbbreviations.Contains) is { } abbreviation)
        {
            problems.Add($"name must not contain the abbreviated unit '{abbreviation}': spell it out in base units (seconds, bytes).");
        }

        foreach (var part in parts)
        {
            if (UnitPrefixes.FirstOrDefault(p => part.StartsWith(p, StringComparison.Ordinal) && Units.Contains(part[p.Length..])) is { } unitPrefix)
            {
                problems.Add($"name must use the base unit '{part[unitPrefix.Length..]}', not '{part}' (promtool rejects it).");
                break;
            }
        }

        return problems;
    }

    /// <summary>Every problem with <paramref name="label"/> as a label name; empty when it is fine.</summary>
    public static List<string> LabelNameProblems(string label)
    {
        if (label.Length > MaxLabelNameLength)
        {
            return [$"label name must be at most {MaxLabelNameLength} characters."];
        }

        if (!LabelNamePattern().IsMatch(label))
        {
            return [$"label name '{label}' is not a Prometheus label name: it must match [a-zA-Z_][a-zA-Z0-9_]*."];
        }

        var problems = new List<string>();
        if (label.StartsWith("__", StringComparison.Ordinal))
        {
            problems.Add($"label name '{label}' must not start with '__' (reserved for Prometheus-internal labels).");
        }

        if (ReservedLabelNames.Contains(label, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(label.ToLowerInvariant() is "le" or "quantile"
                ? $"label name '{label}' is reserved for histogram buckets and summary quantiles."
                : $"label name '{label}' is reserved: the scraper and the Pushgateway's grouping key set it.");
        }

        if (CamelCase().IsMatch(label))
        {
            problems.Add($"label name '{label}' must be snake_case, not camelCase (promtool rejects it).");
        }

        return problems;
    }

    /// <summary>
    /// The names a family claims in either text format: its own, a counter's name with and without <c>_total</c> (OpenMetrics
    /// declares the family without it), a histogram's or summary's sample suffixes. Two families may not share a claim.
    /// </summary>
    public static IEnumerable<string> Claims(string familyName, string type)
    {
        yield return familyName;
        switch (type)
        {
            case "counter":
                var baseName = familyName.EndsWith("_total", StringComparison.Ordinal) ? familyName[..^"_total".Length] : familyName;
                yield return baseName;
                yield return baseName + "_total";
                yield return baseName + "_created";
                break;
            case "histogram":
            case "summary":
                yield return familyName + "_count";
                yield return familyName + "_sum";
                yield return familyName + "_created";
                if (type == "histogram")
                {
                    yield return familyName + "_bucket";
                }

                break;
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricNamePattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelNamePattern();

    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex CamelCase();
}

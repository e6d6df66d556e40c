namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>
/// Alertmanager's inhibition rule: while some firing alert matches <see cref="SourceMatchers"/>, alerts matching
/// <see cref="TargetMatchers"/> whose <see cref="Equal"/> labels have the same values (absent = empty) are inhibited.
/// An alert never inhibits itself.
/// </summary>
public sealed record InhibitionRule(
    string Id,
    string? Name,
    IReadOnlyList<Matcher> SourceMatchers,
    IReadOnlyList<Matcher> TargetMatchers,
    IReadOnlyList<string> Equal,
    string Source,
    DateTimeOffset UpdatedAt)
{
    public const string FromConfig = "config";
    public const string FromApi = "api";

    /// <summary>Whether <paramref name="source"/> inhibits <paramref name="target"/> (the caller excludes the alert itself).</summary>
    public bool Inhibits(IReadOnlyDictionary<string, string> source, IReadOnlyDictionary<string, string> target)
    {
        if (!Matcher.All(TargetMatchers, target) || !Matcher.All(SourceMatchers, source))
        {
            return false;
        }

        foreach (var label in Equal)
        {
            var a = source.TryGetValue(label, out var x) ? x : "";
            var b = target.TryGetValue(label, out var y) ? y : "";
            if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public InhibitionRuleView ToView() =>
        new(Id, Name, [.. SourceMatchers.Select(MatcherSpec.From)], [.. TargetMatchers.Select(MatcherSpec.From)], Equal, Source, UpdatedAt);
}

public sealed record InhibitionRuleView(
    string Id,
    string? Name,
    IReadOnlyList<MatcherSpec> SourceMatchers,
    IReadOnlyList<MatcherSpec> TargetMatchers,
    IReadOnlyList<string> Equal,
    string Source,
    DateTimeOffset UpdatedAt);

/// <summary>The JSON body of POST/PUT /inhibition-rules.</summary>
public sealed class InhibitionRuleInput
{
    public string? Name { get; set; }

    public List<MatcherSpec>? SourceMatchers { get; set; }

    public List<MatcherSpec>? TargetMatchers { get; set; }

    public List<string>? Equal { get; set; }
}

using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>
/// A matcher as JSON carries it, in Alertmanager API v2's shape (<c>{name, value, isRegex, isEqual}</c>), so
/// amtool-style clients and the UI's matcher rows map onto it directly.
/// </summary>
public sealed record MatcherSpec
{
    public string? Name { get; init; }

    public string? Value { get; init; }

    public bool IsRegex { get; init; }

    public bool IsEqual { get; init; } = true;

    [JsonIgnore]
    public MatchType Type => (IsRegex, IsEqual) switch
    {
        (false, true) => MatchType.Equal,
        (false, false) => MatchType.NotEqual,
        (true, true) => MatchType.Regex,
        _ => MatchType.NotRegex,
    };

    public static MatcherSpec From(Matcher matcher) => new()
    {
        Name = matcher.Name,
        Value = matcher.Value,
        IsRegex = matcher.Type is MatchType.Regex or MatchType.NotRegex,
        IsEqual = matcher.Type is MatchType.Equal or MatchType.Regex,
    };

    public static MatcherSpec Of(string name, MatchType type, string value) => From(new Matcher(name, type, value));

    /// <summary>Compiles the matcher; throws <see cref="FormatException"/> naming the problem.</summary>
    public Matcher ToMatcher() => new(Name ?? "", Type, Value ?? "");

    public override string ToString() => $"{Name}{Type switch { MatchType.Equal => "=", MatchType.NotEqual => "!=", MatchType.Regex => "=~", _ => "!~" }}\"{Value}\"";
}

using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace McpMonitoring.Engine.Alerting;

[JsonConverter(typeof(JsonStringEnumConverter<MatchType>))]
public enum MatchType
{
    [JsonStringEnumMemberName("=")] Equal,
    [JsonStringEnumMemberName("!=")] NotEqual,
    [JsonStringEnumMemberName("=~")] Regex,
    [JsonStringEnumMemberName("!~")] NotRegex,
}

/// <summary>
/// An Alertmanager label matcher. Regexes are fully anchored as Alertmanager does, and an absent label matches
/// as the empty string (so <c>team!="x"</c> matches alerts without a team).
/// </summary>
/// <remarks>
/// The anchor is <c>^(?:re)\z</c>, not <c>$</c>: in .NET <c>$</c> also matches before a final newline, so
/// <c>=~"api"</c> would match <c>"api\n"</c>, which Go's RE2 (Alertmanager) does not.
/// </remarks>
public sealed class Matcher
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();
    private readonly Regex? _regex;

    public Matcher(string name, MatchType type, string value)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new FormatException("a matcher needs a label name.");
        }

        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Type = type;
        Value = value;
        if (type is MatchType.Regex or MatchType.NotRegex)
        {
            try
            {
                // Linear time by construction, so no timeout: one would only fire while the engine builds its
                // automaton on a busy machine, turning a valid matcher into an exception.
                _regex = new Regex($"^(?:{value})\\z", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"'{value}' is not a valid regular expression for label '{name}': {ex.Message}", ex);
            }
            catch (NotSupportedException)
            {
                // Backreferences and lookarounds are not in RE2 (Alertmanager's engine) either; keep the
                // backtracking engine with a timeout rather than reject what .NET can evaluate.
                _regex = new Regex($"^(?:{value})\\z", RegexOptions.CultureInvariant, RegexTimeout);
            }
        }
    }

    public string Name { get; }

    public MatchType Type { get; }

    public string Value { get; }

    /// <summary>Whether this matcher holds for an alert that lacks the label (Alertmanager rejects silences made only of such matchers).</summary>
    public bool MatchesEmpty => Matches(NoLabels);

    /// <summary>The operator as written: <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>.</summary>
    public string Operator => Type switch { MatchType.Equal => "=", MatchType.NotEqual => "!=", MatchType.Regex => "=~", _ => "!~" };

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var actual = labels.TryGetValue(Name, out var v) ? v : "";
        try
        {
            return Type switch
            {
                MatchType.Equal => actual == Value,
                MatchType.NotEqual => actual != Value,
                MatchType.Regex => _regex!.IsMatch(actual),
                _ => !_regex!.IsMatch(actual),
            };
        }
        catch (RegexMatchTimeoutException)
        {
            // Only the backtracking fallback has a timeout. Not matching errs toward notifying: a silence or
            // inhibition that cannot be decided does not hide an alert.
            return false;
        }
    }

    /// <summary>All matchers hold (an empty list matches everything).</summary>
    public static bool All(IReadOnlyList<Matcher> matchers, IReadOnlyDictionary<string, string> labels)
    {
        foreach (var matcher in matchers)
        {
            if (!matcher.Matches(labels))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString()
    {
        var op = Operator;
        var escaped = new StringBuilder();
        foreach (var c in Value)
        {
            escaped.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", _ => c.ToString() });
        }

        return $"{Name}{op}\"{escaped}\"";
    }

    /// <summary>
    /// Parses one matcher or a list in Alertmanager's syntax: <c>team="automation"</c>, <c>env!=dev</c>,
    /// <c>service=~"mcp-.*"</c>, <c>{severity!~"info|warning", team="a"}</c>. Values may be quoted (with
    /// <c>\"</c>, <c>\\</c>, <c>\n</c> escapes) or bare.
    /// </summary>
    public static IReadOnlyList<Matcher> ParseList(string text)
    {
        var span = text.Trim();
        if (span.StartsWith('{'))
        {
            if (!span.EndsWith('}'))
            {
                throw new FormatException($"'{text}': a matcher list that opens with '{{' must close with '}}'.");
            }

            span = span[1..^1];
        }

        var result = new List<Matcher>();
        var i = 0;
        SkipWhitespace(span, ref i);
        while (i < span.Length)
        {
            result.Add(ParseOne(span, ref i));
            SkipWhitespace(span, ref i);
            if (i >= span.Length)
            {
                break;
            }

            // Matchers are separated by exactly one comma (a trailing one is fine, as in Alertmanager):
            // 'a="b" c="d"' is a typo, not two matchers.
            if (span[i] != ',')
            {
                throw new FormatException($"'{text}': expected ',' between matchers at position {i}.");
            }

            i++;
            SkipWhitespace(span, ref i);
            if (i < span.Length && span[i] == ',')
            {
                throw new FormatException($"'{text}': empty matcher between commas at position {i}.");
            }
        }

        return result;
    }

    public static Matcher Parse(string text)
    {
        var list = ParseList(text);
        return list.Count == 1 ? list[0] : throw new FormatException($"'{text}' must be exactly one matcher.");
    }

    private static Matcher ParseOne(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        var name = text[start..i];
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            throw new FormatException($"'{text}': expected a label name at position {start}.");
        }

        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        MatchType type;
        if (Next(text, ref i, "=~"))
        {
            type = MatchType.Regex;
        }
        else if (Next(text, ref i, "!~"))
        {
            type = MatchType.NotRegex;
        }
        else if (Next(text, ref i, "!="))
        {
            type = MatchType.NotEqual;
        }
        else if (Next(text, ref i, "="))
        {
            type = MatchType.Equal;
        }
        else
        {
            throw new FormatException($"'{text}': expected =, !=, =~ or !~ after '{name}'.");
        }

        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        string value;
        if (i < text.Length && text[i] == '"')
        {
            var builder = new StringBuilder();
            i++;
            while (true)
            {
                if (i >= text.Length)
                {
                    throw new FormatException($"'{text}': unterminated quoted value for '{name}'.");
                }

                var c = text[i++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\')
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException($"'{text}': dangling escape in the value of '{name}'.");
                    }

                    var escaped = text[i++];
                    switch (escaped)
                    {
                        case 'n':
                            builder.Append('\n');
                            break;
                        case '"' or '\\':
                            builder.Append(escaped);
                            break;
                        default:
                            // Any other escape reaches the regex engine intact ("api\.v1" matches a literal dot).
                            builder.Append('\\').Append(escaped);
                            break;
                    }
                }
                else
                {
                    builder.Append(c);
                }
            }

            value = builder.ToString();
        }
        else
        {
            var valueStart = i;
            while (i < text.Length && text[i] != ',' && text[i] != '}')
            {
                i++;
            }

            value = text[valueStart..i].Trim();
            if (value.Contains('"', StringComparison.Ordinal))
            {
                throw new FormatException($"'{text}': the value of '{name}' contains an unescaped double quote; quote the whole value and escape it as \\\".");
            }
        }

        return new Matcher(name, type, value);
    }

    private static void SkipWhitespace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    private static bool Next(string text, ref int i, string op)
    {
        if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0)
        {
            i += op.Length;
            return true;
        }

        return false;
    }
}

/// <summary>Lets suppression ask which alerts are firing (inhibition needs the source alerts) without a cycle.</summary>
public interface IFiringAlerts
{
    /// <summary>Label sets of the alerts that are firing or acknowledged now.</summary>
    IEnumerable<IReadOnlyDictionary<string, string>> FiringLabelSets();

    /// <summary>
    /// Changes whenever the firing set may have changed (an alert created, fired, acknowledged, resolved...), so a
    /// caller may keep what it derived from <see cref="FiringLabelSets"/> while it stays the same; negative when unknown
    /// (then nothing may be kept). The label set of an alert is the same dictionary instance for its whole life.
    /// </summary>
    long FiringVersion => -1;
}

/// <summary>Decides whether an alert's notifications are suppressed, and why. Implemented by silences, maintenance windows and inhibition.</summary>
/// <remarks>
/// Answers for a firing alert: resolutions are never suppressed (whether a resolution is sent is the notifier's
/// decision). Implementations read memory only and are safe to call from any thread; they are registered in
/// the order they are consulted (silence, maintenance window, inhibition, dependency), see <c>SuppressionPipeline</c>.
/// Re-evaluate after <c>AlertConfigurationChanged</c>, and for windows and silences as time passes.
/// </remarks>
public interface ISuppressionEvaluator
{
    SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now);
}

using System.Text.RegularExpressions;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Alerting.Rules;

/// <summary>Reads and checks config/alert_rules.yml; every problem names the file, the group and the rule.</summary>
public static partial class AlertRulesLoader
{
    public const string FileName = "alert_rules.yml";

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    /// <summary>The groups of <c>{configDir}/alert_rules.yml</c>, none when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">The file is invalid; the message lists every problem.</exception>
    public static IReadOnlyList<AlertRuleGroup> Load(string configDir, TimeSpan defaultInterval)
    {
        var path = Path.Combine(configDir, FileName);
        return File.Exists(path) ? Parse(YamlConfig.Load<AlertRulesFile>(path), path, defaultInterval) : [];
    }

    public static IReadOnlyList<AlertRuleGroup> Parse(AlertRulesFile file, string path, TimeSpan defaultInterval)
    {
        var problems = new List<string>();
        var groups = new List<AlertRuleGroup>();
        var groupNames = new HashSet<string>(StringComparer.Ordinal);
        for (var g = 0; g < file.Groups.Count; g++)
        {
            var entry = file.Groups[g];
            var groupName = string.IsNullOrWhiteSpace(entry.Name) ? $"#{g + 1}" : entry.Name;
            var where = $"{path}: group '{groupName}'";
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                problems.Add($"{where}: a group needs a name.");
            }
            else if (!groupNames.Add(entry.Name))
            {
                problems.Add($"{where}: the group name is used more than once.");
            }

            var interval = entry.Interval ?? defaultInterval;
            if (interval < TimeSpan.FromSeconds(1))
            {
                problems.Add($"{where}: interval must be at least 1s.");
            }

            var rules = new List<AlertRule>();
            for (var r = 0; r < entry.Rules.Count; r++)
            {
                if (ParseRule(entry.Rules[r], groupName, $"{where}: rule '{entry.Rules[r].Alert ?? entry.Rules[r].Record ?? $"#{r + 1}"}'", problems) is { } rule)
                {
                    rules.Add(rule);
                }
            }

            groups.Add(new AlertRuleGroup { Name = groupName, Interval = interval, Rules = rules });
        }

        problems.AddRange(FindAmbiguousRules(groups, path));
        return problems.Count == 0 ? groups : throw new InvalidDataException(string.Join(Environment.NewLine, problems));
    }

    private static AlertRule? ParseRule(AlertRuleEntry entry, string group, string where, List<string> problems)
    {
        var before = problems.Count;
        if (entry.Record is not null)
        {
            problems.Add($"{where}: recording rules ('record') are not supported; only alerting rules ('alert').");
            return null;
        }

        if (string.IsNullOrWhiteSpace(entry.Alert))
        {
            problems.Add($"{where}: a rule needs an 'alert' name.");
        }

        if (entry.For is { } forDuration && forDuration < TimeSpan.Zero)
        {
            problems.Add($"{where}: 'for' must not be negative.");
        }

        ComparisonExpression? expression = null;
        if (string.IsNullOrWhiteSpace(entry.Expr))
        {
            problems.Add($"{where}: a rule needs an 'expr'.");
        }
        else
        {
            try
            {
                expression = RuleExpressionParser.Parse(entry.Expr);
            }
            catch (RuleExpressionException ex)
            {
                problems.Add($"{where}: expr '{entry.Expr.Trim()}': {ex.Message}.");
            }
        }

        foreach (var (key, value) in entry.Labels)
        {
            if (!LabelName().IsMatch(key) || key.StartsWith("__", StringComparison.Ordinal))
            {
                problems.Add($"{where}: '{key}' is not a valid label name.");
            }
            else if (key == AlertLabels.AlertName)
            {
                problems.Add($"{where}: the label 'alertname' is set from 'alert' and cannot be overridden.");
            }
            else if (key == AlertLabels.Severity && !AlertSeverities.TryParse(value, out _))
            {
                problems.Add($"{where}: severity '{value}' is not one of info, warning, error, critical (or page), emergency.");
            }

            if (value?.Contains("{{", StringComparison.Ordinal) == true)
            {
                problems.Add($"{where}: label '{key}': templates are only expanded in annotations (labels are the alert's identity).");
            }
        }

        var annotations = new Dictionary<string, AnnotationTemplate>(StringComparer.Ordinal);
        foreach (var (key, value) in entry.Annotations)
        {
            try
            {
                annotations[key] = AnnotationTemplate.Parse(value ?? "");
            }
            catch (FormatException ex)
            {
                problems.Add($"{where}: annotation '{key}': {ex.Message}");
            }
        }

        return problems.Count > before ? null : new AlertRule
        {
            Group = group,
            Name = entry.Alert!,
            Expr = entry.Expr!.Trim(),
            Expression = expression!,
            For = entry.For ?? TimeSpan.Zero,
            Labels = entry.Labels.ToDictionary(l => l.Key, l => l.Value ?? "", StringComparer.Ordinal),
            Annotations = annotations,
        };
    }

    /// <summary>
    /// Two rules of one name where one's labels include the other's could raise the same alert, and each would
    /// resolve the other's: rules that share a name must differ in a label value (warning/critical pairs do).
    /// </summary>
    private static IEnumerable<string> FindAmbiguousRules(List<AlertRuleGroup> groups, string path)
    {
        var rules = groups.SelectMany(g => g.Rules).ToList();
        for (var i = 0; i < rules.Count; i++)
        {
            for (var j = i + 1; j < rules.Count; j++)
            {
                var (a, b) = (rules[i], rules[j]);
                if (a.Name == b.Name && (Includes(a.Labels, b.Labels) || Includes(b.Labels, a.Labels)))
                {
                    yield return $"{path}: group '{b.Group}': rule '{b.Name}': another rule of the same name in group '{a.Group}' has labels that include "
                        + "(or equal) its own, so their alerts could not be told apart; give each a label with a different value (such as severity).";
                }
            }
        }
    }

    private static bool Includes(IReadOnlyDictionary<string, string> all, IReadOnlyDictionary<string, string> some) =>
        some.All(l => all.TryGetValue(l.Key, out var v) && v == l.Value);
}

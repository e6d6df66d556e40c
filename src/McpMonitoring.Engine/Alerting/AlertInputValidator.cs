using System.Text.RegularExpressions;

namespace McpMonitoring.Engine.Alerting;

/// <summary>Checks alerts from any sender before they touch state; messages name the alert's position and field.</summary>
public static partial class AlertInputValidator
{
    public const int MaxLabels = 64;
    public const int MaxValueLength = 2048;

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static Dictionary<string, string[]> Validate(IReadOnlyList<AlertInput> inputs, string prefix = "")
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var at = inputs.Count == 1 && prefix.Length == 0 ? "" : $"{prefix}[{i}].";
            if (!input.Labels.TryGetValue(AlertLabels.AlertName, out var name) || string.IsNullOrWhiteSpace(name))
            {
                Add($"{at}labels", "labels must include a non-empty alertname.");
            }

            if (input.Labels.Count > MaxLabels)
            {
                Add($"{at}labels", $"at most {MaxLabels} labels are allowed.");
            }

            foreach (var (key, value) in input.Labels)
            {
                if (!LabelName().IsMatch(key))
                {
                    Add($"{at}labels", $"'{key}' is not a valid label name.");
                }

                if (value.Length > MaxValueLength)
                {
                    Add($"{at}labels", $"label '{key}' is longer than {MaxValueLength} characters.");
                }
            }

            if (input.Labels.TryGetValue(AlertLabels.Severity, out var severity) && input.Severity is null && !AlertSeverities.TryParse(severity, out _))
            {
                Add($"{at}labels", $"severity '{severity}' is not one of INFO, WARNING, ERROR, CRITICAL, EMERGENCY.");
            }

            if (input.StartsAt is { } starts && input.EndsAt is { } ends && ends < starts)
            {
                Add($"{at}endsAt", "endsAt must not be before startsAt.");
            }

            if (input.For < TimeSpan.Zero)
            {
                Add($"{at}for", "for must not be negative.");
            }
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }
}

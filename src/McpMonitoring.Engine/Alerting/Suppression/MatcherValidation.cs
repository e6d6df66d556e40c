namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>Compiles matcher lists from requests, collecting errors under keys such as <c>matchers[1].value</c>.</summary>
public static class MatcherValidation
{
    public static IReadOnlyList<Matcher> Compile(IReadOnlyList<MatcherSpec>? specs, string key, IDictionary<string, string[]> errors)
    {
        var compiled = new List<Matcher>();
        if (specs is null)
        {
            return compiled;
        }

        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            if (spec is null)
            {
                errors[$"{key}[{i}]"] = ["a matcher must be an object with name and value."];
                continue;
            }

            if (string.IsNullOrWhiteSpace(spec.Name) || !IsLabelName(spec.Name))
            {
                errors[$"{key}[{i}].name"] = [$"'{spec.Name}' is not a label name (letters, digits and '_', not starting with a digit)."];
                continue;
            }

            if (spec.Value is null)
            {
                errors[$"{key}[{i}].value"] = ["value is required (use \"\" to match an absent label)."];
                continue;
            }

            try
            {
                compiled.Add(spec.ToMatcher());
            }
            catch (FormatException ex)
            {
                errors[$"{key}[{i}].value"] = [ex.Message];
            }
        }

        return compiled;
    }

    public static bool IsLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}

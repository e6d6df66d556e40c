namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>Turns a <see cref="CustomMetricInput"/> into a definition, collecting every problem under the field it concerns.</summary>
public static class CustomMetricValidator
{
    public const int MaxHelpLength = 1024;
    public const int MaxLabelNames = 16;
    public const int MaxBuckets = 100;

    public static CustomMetricDefinition? Validate(CustomMetricInput input, string actor, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var typeKnown = CustomMetricTypes.TryParse(input.Type, out var type);
        if (!typeKnown)
        {
            errors["type"] = [input.Type is null
                ? $"type is required: one of {CustomMetricTypes.Allowed}."
                : $"type '{input.Type}' is not one of {CustomMetricTypes.Allowed}."];
        }

        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["name"] = ["name is required."];
        }
        else if (typeKnown && CustomMetricNames.MetricNameProblems(name, type) is { Count: > 0 } nameProblems)
        {
            errors["name"] = [.. nameProblems];
        }

        var help = input.Help?.Trim() ?? "";
        if (help.Length == 0)
        {
            errors["help"] = ["help is required (promtool rejects metrics without help text)."];
        }
        else if (help.Length > MaxHelpLength)
        {
            errors["help"] = [$"help must be at most {MaxHelpLength} characters."];
        }
        else if (help.Any(c => char.IsControl(c) && c is not '\n' and not '\t'))
        {
            errors["help"] = ["help must not contain control characters (other than newline and tab)."];
        }

        var labelNames = ValidateLabelNames(input.LabelNames ?? [], errors);
        var buckets = typeKnown ? ValidateBuckets(type, input.Buckets, errors) : null;
        return errors.Count > 0 ? null : new CustomMetricDefinition(name, type, help, labelNames, buckets, now, actor);
    }

    private static List<string> ValidateLabelNames(List<string> labelNames, Dictionary<string, string[]> errors)
    {
        if (labelNames.Count > MaxLabelNames)
        {
            errors["labelNames"] = [$"at most {MaxLabelNames} label names are allowed, not {labelNames.Count}."];
            return labelNames;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < labelNames.Count; i++)
        {
            var label = labelNames[i];
            var problems = label is null ? ["label name must not be null."] : CustomMetricNames.LabelNameProblems(label);
            if (label is not null && !seen.Add(label))
            {
                problems.Add($"label name '{label}' is listed twice.");
            }

            if (problems.Count > 0)
            {
                errors[$"labelNames[{i}]"] = [.. problems];
            }
        }

        return labelNames;
    }

    private static List<double>? ValidateBuckets(CustomMetricType type, List<double>? buckets, Dictionary<string, string[]> errors)
    {
        if (type != CustomMetricType.Histogram)
        {
            if (buckets is not null)
            {
                errors["buckets"] = [$"buckets are for histograms only, not a {type.Name()}."];
            }

            return null;
        }

        if (buckets is null)
        {
            return [.. CustomMetricDefinition.DefaultBuckets];
        }

        if (buckets.Count is 0 or > MaxBuckets)
        {
            errors["buckets"] = [$"a histogram needs between 1 and {MaxBuckets} bucket bounds (+Inf is implicit)."];
            return null;
        }

        for (var i = 0; i < buckets.Count; i++)
        {
            var bound = buckets[i];
            if (double.IsNaN(bound))
            {
                errors[$"buckets[{i}]"] = ["a bucket bound must be a number, not NaN."];
            }
            else if (double.IsInfinity(bound))
            {
                errors[$"buckets[{i}]"] = ["a bucket bound must be finite (the +Inf bucket is implicit)."];
            }
            else if (i > 0 && double.IsFinite(buckets[i - 1]) && bound <= buckets[i - 1])
            {
                errors[$"buckets[{i}]"] = [$"bucket bounds must be strictly ascending: {bound} follows {buckets[i - 1]}."];
            }
        }

        return buckets;
    }
}

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>Checks a samples request against its metric's definition; every problem is named by its path (<c>samples[2].value</c>).</summary>
internal static class CustomSampleValidator
{
    public const int MaxBatch = 1000;
    public const int MaxLabelValueLength = 1024;

    public static List<CustomSample> Validate(CustomMetricDefinition definition, CustomSamplesRequest request, Dictionary<string, string[]> errors)
    {
        var samples = new List<CustomSample>();
        if (request.Samples is null)
        {
            Add(definition, request, "", samples, errors);
            return samples;
        }

        if (request.Op is not null || request.Value is not null || request.Labels is not null)
        {
            errors["samples"] = ["send either one sample (op, value, labels) or a batch in samples, not both."];
        }
        else if (request.Samples.Count is 0 or > MaxBatch)
        {
            errors["samples"] = [$"samples must hold between 1 and {MaxBatch} samples, not {request.Samples.Count}."];
        }
        else
        {
            for (var i = 0; i < request.Samples.Count; i++)
            {
                if (request.Samples[i] is { } sample)
                {
                    Add(definition, sample, $"samples[{i}].", samples, errors);
                }
                else
                {
                    errors[$"samples[{i}]"] = ["a sample must be an object, not null."];
                }
            }
        }

        return samples;
    }

    private static void Add(CustomMetricDefinition definition, CustomSampleInput input, string path, List<CustomSample> samples, Dictionary<string, string[]> errors)
    {
        var before = errors.Count;
        var op = ParseOp(definition.Type, input.Op, path, errors);
        var value = CheckValue(definition.Type, op, input.Value, path, errors);
        var labels = CheckLabels(definition, input.Labels, path, errors);
        if (errors.Count == before && op is { } known && labels is not null)
        {
            samples.Add(new CustomSample(known, value, labels));
        }
    }

    private static CustomSampleOp? ParseOp(CustomMetricType type, string? text, string path, Dictionary<string, string[]> errors)
    {
        var (allowed, fallback) = type switch
        {
            CustomMetricType.Counter => ("inc", CustomSampleOp.Inc),
            CustomMetricType.Gauge => ("set, inc, dec", CustomSampleOp.Set),
            _ => ("observe", CustomSampleOp.Observe),
        };
        if (text is null)
        {
            return fallback;
        }

        CustomSampleOp? op = text.Trim().ToLowerInvariant() switch
        {
            "inc" => CustomSampleOp.Inc,
            "dec" => CustomSampleOp.Dec,
            "set" => CustomSampleOp.Set,
            "observe" => CustomSampleOp.Observe,
            _ => null,
        };
        var fits = op switch
        {
            CustomSampleOp.Inc => type is CustomMetricType.Counter or CustomMetricType.Gauge,
            CustomSampleOp.Dec or CustomSampleOp.Set => type == CustomMetricType.Gauge,
            CustomSampleOp.Observe => type == CustomMetricType.Histogram,
            _ => false,
        };
        if (!fits)
        {
            errors[$"{path}op"] = [$"op '{text}' does not apply to a {type.Name()}: use {allowed}."];
            return null;
        }

        return op;
    }

    private static double CheckValue(CustomMetricType type, CustomSampleOp? op, double? value, string path, Dictionary<string, string[]> errors)
    {
        var key = $"{path}value";
        if (value is not { } v)
        {
            if (op is CustomSampleOp.Set or CustomSampleOp.Observe)
            {
                errors[key] = [$"value is required to {op.Value.ToString().ToLowerInvariant()}."];
            }

            return 1;
        }

        if (double.IsNaN(v))
        {
            errors[key] = ["value must be a number, not NaN."];
        }
        else if (double.IsInfinity(v))
        {
            errors[key] = ["value must be finite."];
        }
        else if (type == CustomMetricType.Counter && v < 0)
        {
            errors[key] = [$"a counter only goes up: inc needs a value >= 0, not {v}."];
        }

        return v;
    }

    private static LabelValues? CheckLabels(CustomMetricDefinition definition, Dictionary<string, string?>? labels, string path, Dictionary<string, string[]> errors)
    {
        labels ??= [];
        var problems = new List<string>();
        var missing = definition.LabelNames.Where(n => !labels.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"labels must include {string.Join(", ", missing.Select(m => $"'{m}'"))} (the metric's labels are [{string.Join(", ", definition.LabelNames)}]).");
        }

        var unknown = labels.Keys.Where(k => !definition.LabelNames.Contains(k, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            problems.Add($"{string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Count == 1 ? "is not a label" : "are not labels")} of '{definition.Name}' (its labels are [{string.Join(", ", definition.LabelNames)}]).");
        }

        foreach (var (name, value) in labels)
        {
            if (value is null)
            {
                problems.Add($"label '{name}' needs a string value, not null.");
            }
            else if (value.Length > MaxLabelValueLength)
            {
                problems.Add($"the value of label '{name}' must be at most {MaxLabelValueLength} characters.");
            }
        }

        if (problems.Count > 0)
        {
            errors[$"{path}labels"] = [.. problems];
            return null;
        }

        return definition.LabelNames.Count == 0 ? LabelValues.None : new LabelValues([.. definition.LabelNames.Select(n => labels[n]!)]);
    }
}

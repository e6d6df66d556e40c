using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace McpMonitoring.Engine.Alerting.Rules;

/// <summary>
/// An annotation with Prometheus-style placeholders, of which exactly two forms are supported:
/// <c>{{ $labels.name }}</c> (the series' label, empty when absent) and <c>{{ $value }}</c> (the sample value).
/// Any other <c>{{ ... }}</c> is rejected when the file is loaded, not at evaluation.
/// </summary>
public sealed partial class AnnotationTemplate
{
    private readonly List<(string? Literal, string? Label, bool Value)> _parts = [];

    private AnnotationTemplate(string text) => Text = text;

    public string Text { get; }

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.Singleline)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)$")]
    private static partial Regex LabelReference();

    /// <summary>Compiles a template; throws <see cref="FormatException"/> naming the unsupported placeholder.</summary>
    public static AnnotationTemplate Parse(string text)
    {
        var template = new AnnotationTemplate(text);
        var at = 0;
        foreach (Match match in Placeholder().Matches(text))
        {
            template.AddLiteral(text[at..match.Index]);
            var inner = match.Groups[1].Value.Trim();
            if (inner == "$value")
            {
                template._parts.Add((null, null, true));
            }
            else if (LabelReference().Match(inner) is { Success: true } label)
            {
                template._parts.Add((null, label.Groups[1].Value, false));
            }
            else
            {
                throw new FormatException($"the template '{match.Value}' is not supported; only {{{{ $labels.<name> }}}} and {{{{ $value }}}} are.");
            }

            at = match.Index + match.Length;
        }

        template.AddLiteral(text[at..]);
        return template;
    }

    public string Render(IReadOnlyDictionary<string, string> labels, double value)
    {
        var builder = new StringBuilder();
        foreach (var (literal, label, isValue) in _parts)
        {
            builder.Append(isValue ? FormatValue(value) : label is not null ? labels.GetValueOrDefault(label, "") : literal);
        }

        return builder.ToString();
    }

    /// <summary>Formats like Prometheus' <c>{{ $value }}</c> (Go's %v of a float64): 1, 0.5, 1e+21, NaN, +Inf.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal),
    };

    private void AddLiteral(string literal)
    {
        if (literal.Contains("{{", StringComparison.Ordinal))
        {
            throw new FormatException($"'{{{{' without a closing '}}}}' in '{Text}'.");
        }

        if (literal.Length > 0)
        {
            _parts.Add((literal, null, false));
        }
    }
}

namespace McpMonitoring.Engine.Alerting.Rules;

/// <summary>
/// A parsed expression of the supported PromQL subset (docs/ALERT_RULES.md). Nodes are typed when parsed:
/// <see cref="IsScalar"/> says whether a node yields a number or an instant vector.
/// </summary>
public abstract record RuleExpression
{
    public abstract bool IsScalar { get; }

    /// <summary>Evaluates a vector node (a scalar node must be read with <see cref="NumberExpression.Value"/>).</summary>
    internal abstract List<SeriesSample> EvaluateVector(Func<string, IEnumerable<SeriesSample>> select);
}

public sealed record NumberExpression(double Value) : RuleExpression
{
    public override bool IsScalar => true;

    internal override List<SeriesSample> EvaluateVector(Func<string, IEnumerable<SeriesSample>> select) =>
        throw new InvalidOperationException("a number is not a vector.");
}

/// <summary><c>metric{label="v", ...}</c>: the samples of one metric that every matcher accepts.</summary>
public sealed record SelectorExpression(string Metric, IReadOnlyList<Matcher> Matchers) : RuleExpression
{
    public override bool IsScalar => false;

    internal override List<SeriesSample> EvaluateVector(Func<string, IEnumerable<SeriesSample>> select) =>
        [.. select(Metric).Where(s => Matcher.All(Matchers, s.Labels))];
}

public enum AggregateOperator
{
    Sum,
    Avg,
    Min,
    Max,
    Count,
}

/// <summary><c>sum|avg|min|max|count [by|without (labels)] (vector)</c>.</summary>
public sealed record AggregateExpression(AggregateOperator Operator, RuleExpression Inner, IReadOnlyList<string> Grouping, bool Without) : RuleExpression
{
    public override bool IsScalar => false;

    internal override List<SeriesSample> EvaluateVector(Func<string, IEnumerable<SeriesSample>> select)
    {
        var groups = new Dictionary<string, (Dictionary<string, string> Labels, List<double> Values)>(StringComparer.Ordinal);
        foreach (var sample in Inner.EvaluateVector(select))
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Without)
            {
                foreach (var (key, value) in sample.Labels)
                {
                    if (key != SeriesLabels.MetricName && !Grouping.Contains(key))
                    {
                        labels[key] = value;
                    }
                }
            }
            else
            {
                foreach (var key in Grouping)
                {
                    // As in Prometheus, an empty label is an absent label.
                    if (sample.Labels.TryGetValue(key, out var value) && value.Length > 0)
                    {
                        labels[key] = value;
                    }
                }
            }

            var signature = Fingerprint.Of(labels);
            if (!groups.TryGetValue(signature, out var group))
            {
                groups[signature] = group = (labels, []);
            }

            group.Values.Add(sample.Value);
        }

        return [.. groups.Values.Select(g => new SeriesSample(g.Labels, Aggregate(g.Values)))];
    }

    private double Aggregate(List<double> values)
    {
        // min and max ignore NaN unless every value is NaN, as Prometheus does.
        var numbers = values.Where(v => !double.IsNaN(v)).ToList();
        return Operator switch
        {
            AggregateOperator.Sum => values.Sum(),
            AggregateOperator.Avg => values.Average(),
            AggregateOperator.Count => values.Count,
            AggregateOperator.Min => numbers.Count == 0 ? double.NaN : numbers.Min(),
            _ => numbers.Count == 0 ? double.NaN : numbers.Max(),
        };
    }
}

public enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>
/// <c>a + - * / b</c>. Between two vectors, samples pair up one-to-one on identical label sets (less <c>__name__</c>);
/// unpaired samples drop out. The result carries no metric name.
/// </summary>
public sealed record ArithmeticExpression(ArithmeticOperator Operator, RuleExpression Left, RuleExpression Right) : RuleExpression
{
    public override bool IsScalar => Left.IsScalar && Right.IsScalar;

    public double EvaluateScalar() => Apply(Scalar(Left), Scalar(Right));

    internal override List<SeriesSample> EvaluateVector(Func<string, IEnumerable<SeriesSample>> select)
    {
        if (Left.IsScalar)
        {
            var left = Scalar(Left);
            return [.. Right.EvaluateVector(select).Select(s => new SeriesSample(WithoutName(s.Labels), Apply(left, s.Value)))];
        }

        if (Right.IsScalar)
        {
            var right = Scalar(Right);
            return [.. Left.EvaluateVector(select).Select(s => new SeriesSample(WithoutName(s.Labels), Apply(s.Value, right)))];
        }

        var rightBySignature = new Dictionary<string, SeriesSample>(StringComparer.Ordinal);
        foreach (var sample in Right.EvaluateVector(select))
        {
            var labels = WithoutName(sample.Labels);
            if (!rightBySignature.TryAdd(Fingerprint.Of(labels), sample with { Labels = labels }))
            {
                throw new InvalidOperationException($"the right side of '{Symbol(Operator)}' has two series with the labels {Format(labels)}; one-to-one matching needs unique label sets.");
            }
        }

        var result = new List<SeriesSample>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in Left.EvaluateVector(select))
        {
            var labels = WithoutName(sample.Labels);
            var signature = Fingerprint.Of(labels);
            if (!seen.Add(signature))
            {
                throw new InvalidOperationException($"the left side of '{Symbol(Operator)}' has two series with the labels {Format(labels)}; one-to-one matching needs unique label sets.");
            }

            if (rightBySignature.TryGetValue(signature, out var right))
            {
                result.Add(new SeriesSample(labels, Apply(sample.Value, right.Value)));
            }
        }

        return result;
    }

    internal static string Symbol(ArithmeticOperator op) => op switch
    {
        ArithmeticOperator.Add => "+",
        ArithmeticOperator.Subtract => "-",
        ArithmeticOperator.Multiply => "*",
        _ => "/",
    };

    internal static double Scalar(RuleExpression expression) => expression switch
    {
        NumberExpression number => number.Value,
        ArithmeticExpression arithmetic => arithmetic.EvaluateScalar(),
        _ => throw new InvalidOperationException($"{expression} is not a number."),
    };

    private double Apply(double left, double right) => Operator switch
    {
        ArithmeticOperator.Add => left + right,
        ArithmeticOperator.Subtract => left - right,
        ArithmeticOperator.Multiply => left * right,
        // IEEE division, as Prometheus: x/0 is +Inf or -Inf, 0/0 is NaN.
        _ => left / right,
    };

    private static Dictionary<string, string> WithoutName(IReadOnlyDictionary<string, string> labels)
    {
        var copy = new Dictionary<string, string>(labels, StringComparer.Ordinal);
        copy.Remove(SeriesLabels.MetricName);
        return copy;
    }

    private static string Format(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}

public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
}

/// <summary>
/// The outermost node of every rule: a vector compared with a number (either side). It filters: the samples
/// for which the comparison holds stay, with their value, and each becomes one alert.
/// </summary>
public sealed record ComparisonExpression(ComparisonOperator Operator, RuleExpression Vector, double Threshold, bool ThresholdOnLeft) : RuleExpression
{
    public override bool IsScalar => false;

    /// <summary>The samples that satisfy the condition now.</summary>
    public IReadOnlyList<SeriesSample> Evaluate(ISeriesSource source) => EvaluateVector(source.Select);

    internal override List<SeriesSample> EvaluateVector(Func<string, IEnumerable<SeriesSample>> select) =>
        [.. Vector.EvaluateVector(select).Where(s => ThresholdOnLeft ? Holds(Threshold, s.Value) : Holds(s.Value, Threshold))];

    private bool Holds(double left, double right) => Operator switch
    {
        ComparisonOperator.Equal => left == right,
        ComparisonOperator.NotEqual => left != right,
        ComparisonOperator.Greater => left > right,
        ComparisonOperator.Less => left < right,
        ComparisonOperator.GreaterOrEqual => left >= right,
        _ => left <= right,
    };
}

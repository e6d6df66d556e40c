using McpMonitoring.Engine.Alerting.Rules;

namespace McpMonitoring.Tests.Unit.Alerting.Rules;

public sealed class RuleExpressionParserTests
{
    private static readonly StaticSeries Series = new(
        Sample("mcpmon_target_up", 1, ("target", "a"), ("kind", "mcp"), ("team", "automation")),
        Sample("mcpmon_target_up", 0, ("target", "b"), ("kind", "mcp"), ("team", "automation")),
        Sample("mcpmon_target_up", 0, ("target", "c"), ("kind", "http"), ("team", "data")),
        Sample("mcpmon_target_up", 0, ("target", "d"), ("kind", "http")));

    [Theory]
    [InlineData("mcpmon_target_up == 0", "b,c,d")]
    [InlineData("mcpmon_target_up{kind=\"mcp\"} == 0", "b")]
    [InlineData("mcpmon_target_up{kind!=\"mcp\"} == 0", "c,d")]
    [InlineData("mcpmon_target_up{target=~\"a|b\"} < 1", "b")]
    [InlineData("mcpmon_target_up{target=~\"[bc]\", kind!~\"mc.*\",} == 0", "c")]
    [InlineData("mcpmon_target_up{team=\"\"} == 0", "d")]
    [InlineData("0 == mcpmon_target_up{kind='mcp'}", "b")]
    [InlineData("1 > mcpmon_target_up{target=~`a|b`}", "b")]
    [InlineData("mcpmon_target_up{target=\"a\"} >= 1", "a")]
    [InlineData("mcpmon_target_up{target=\"a\"} != 0", "a")]
    [InlineData("mcpmon_target_up{target=\"a\"} <= 0", "")]
    [InlineData("mcpmon_target_up{target=~\"a.\"} == 1", "")]
    public void Parse_Selector_FiltersSeries(string expr, string targets)
    {
        var result = RuleExpressionParser.Parse(expr).Evaluate(Series);

        Assert.Equal(targets, string.Join(',', result.Select(s => s.Labels["target"]).Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("sum(mcpmon_target_up) < 2", "{}=1")]
    [InlineData("count(mcpmon_target_up) == 4", "{}=4")]
    [InlineData("avg(mcpmon_target_up) < 0.5", "{}=0.25")]
    [InlineData("sum by (kind) (mcpmon_target_up) == 0", "{kind=http}=0")]
    [InlineData("sum(mcpmon_target_up) by (kind) >= 0", "{kind=http}=0;{kind=mcp}=1")]
    [InlineData("min by (team) (mcpmon_target_up) == 0", "{team=automation}=0;{team=data}=0;{}=0")]
    [InlineData("max without (target, kind) (mcpmon_target_up) > 0", "{team=automation}=1")]
    [InlineData("count without (target) (mcpmon_target_up{kind=\"mcp\"}) > 1", "{kind=mcp,team=automation}=2")]
    [InlineData("sum(mcpmon_target_up) / count(mcpmon_target_up) < 0.5", "{}=0.25")]
    [InlineData("(count(mcpmon_target_up) - sum(mcpmon_target_up)) * 2 > 5", "{}=6")]
    [InlineData("100 * sum(mcpmon_target_up) / count(mcpmon_target_up) < 50", "{}=25")]
    [InlineData("mcpmon_target_up{target=\"a\"} * 1e3 > -1", "{kind=mcp,target=a,team=automation}=1000")]
    [InlineData("sum by (kind) (mcpmon_target_up) / count by (kind) (mcpmon_target_up) < 0.75", "{kind=http}=0;{kind=mcp}=0.5")]
    public void Parse_AggregationAndArithmetic_EvaluatesLikePrometheus(string expr, string expected)
    {
        var result = RuleExpressionParser.Parse(expr).Evaluate(Series);

        var text = result
            .Select(s => "{" + string.Join(',', s.Labels.Where(l => l.Key != "__name__").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "}="
                + AnnotationTemplate.FormatValue(s.Value))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(';', text));
    }

    [Theory]
    [InlineData("rate(mcpmon_probes_total[5m]) > 1", "functions such as rate() are not supported")]
    [InlineData("absent(mcpmon_target_up) == 1", "functions such as absent() are not supported")]
    [InlineData("mcpmon_target_up[5m] == 0", "range vectors and subqueries")]
    [InlineData("sum(mcpmon_target_up)[5m:1m] == 0", "range vectors and subqueries")]
    [InlineData("mcpmon_target_up offset 5m == 0", "the offset modifier is not supported")]
    [InlineData("mcpmon_target_up @ 1700000000 == 0", "the @ modifier is not supported")]
    [InlineData("mcpmon_target_up == bool 0", "the bool modifier is not supported")]
    [InlineData("mcpmon_target_up == 0 and mcpmon_mcp_tools == 0", "the set operator 'and' is not supported")]
    [InlineData("mcpmon_target_up / on(target) mcpmon_mcp_tools > 0", "vector matching modifiers (on) are not supported")]
    [InlineData("mcpmon_target_up > mcpmon_mcp_tools", "comparing two vectors is not supported")]
    [InlineData("1 > 0", "both sides of the comparison are numbers")]
    [InlineData("mcpmon_target_up", "must compare with a number")]
    [InlineData("sum(mcpmon_target_up)", "must compare with a number")]
    [InlineData("mcpmon_target_up == 0 == 1", "only one comparison is supported")]
    [InlineData("(mcpmon_target_up == 0)", "a comparison must be the outermost operator")]
    [InlineData("topk(3, mcpmon_target_up) > 0", "the aggregation 'topk' is not supported")]
    [InlineData("quantile(0.9, mcpmon_probe_latency_seconds) > 1", "the aggregation 'quantile' is not supported")]
    [InlineData("mcpmon_target_up % 2 == 0", "the operator '%' is not supported")]
    [InlineData("{target=\"a\"} == 0", "a selector needs a metric name")]
    [InlineData("mcpmon_target_up{__name__=\"x\"} == 0", "matching on __name__ is not supported")]
    [InlineData("mcpmon_target_up{target=~\"(\"} == 0", "not a valid regular expression")]
    [InlineData("mcpmon_target_up{target=\"a\" == 0", "expected ',' or '}'")]
    [InlineData("mcpmon_target_up{target=a} == 0", "expected a quoted value for 'target'")]
    [InlineData("mcpmon_target_up{target=~\"a\\.b\"} == 0", "unknown escape")]
    [InlineData("-mcpmon_target_up < 0", "a unary '-' is only supported before a number")]
    [InlineData("sum(1) > 0", "sum needs a vector, not a number")]
    [InlineData("sum by (kind) (mcpmon_target_up) by (kind) > 0", "two grouping clauses")]
    [InlineData("mcpmon_target_up by (kind) > 0", "'by' is only supported with sum, avg, min, max or count")]
    [InlineData("mcpmon_target_up == \"0\"", "string literals are not supported")]
    [InlineData("", "the expression is empty")]
    public void Parse_Unsupported_RejectsNamingTheConstruct(string expr, string problem)
    {
        var error = Assert.Throws<RuleExpressionException>(() => RuleExpressionParser.Parse(expr));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_VectorArithmeticWithDuplicateLabelSets_Throws()
    {
        var series = new StaticSeries(
            Sample("x", 1, ("job", "a"), ("i", "1")),
            Sample("x", 1, ("job", "a"), ("i", "2")),
            Sample("y", 1, ("job", "a")));
        var expression = RuleExpressionParser.Parse("sum without (i) (x) / y > 0");
        Assert.Single(expression.Evaluate(series));

        var duplicate = RuleExpressionParser.Parse("max without (i) (x) / y + y * 0 > 0");
        Assert.Single(duplicate.Evaluate(series));

        var ambiguous = new StaticSeries(Sample("x", 1, ("job", "a")), Sample("x2", 1), Sample("y", 1, ("job", "a")), Sample("y", 2, ("job", "a")));
        var error = Assert.Throws<InvalidOperationException>(() => RuleExpressionParser.Parse("x / y > 0").Evaluate(ambiguous));
        Assert.Contains("one-to-one matching needs unique label sets", error.Message, StringComparison.Ordinal);
    }

    internal static SeriesSample Sample(string metric, double value, params (string Key, string Value)[] labels)
    {
        var dictionary = labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        dictionary["__name__"] = metric;
        return new SeriesSample(dictionary, value);
    }
}

/// <summary>A fixed set of series, for expression tests that do not need a health monitor.</summary>
internal sealed class StaticSeries(params SeriesSample[] samples) : ISeriesSource
{
    public IEnumerable<SeriesSample> Select(string metricName) => samples.Where(s => s.Labels["__name__"] == metricName);
}

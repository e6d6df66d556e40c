namespace McpMonitoring.Engine.Alerting.Rules;

/// <summary>
/// Parses the PromQL subset of docs/ALERT_RULES.md by recursive descent:
/// <code>
/// rule       = arith cmp arith            (exactly one side a number)
/// arith      = term   { ("+" | "-") term }
/// term       = unary  { ("*" | "/") unary }
/// unary      = ["-"] number | primary
/// primary    = number | selector | aggregate | "(" arith ")"
/// aggregate  = aggop [grouping] "(" arith ")" [grouping]      aggop = sum | avg | min | max | count
/// grouping   = ("by" | "without") "(" [label {"," label}] ")"
/// selector   = metric ["{" [matcher {"," matcher}] "}"]       matcher = label ("=" | "!=" | "=~" | "!~") string
/// </code>
/// Everything else is rejected with a <see cref="RuleExpressionException"/> that names the construct.
/// </summary>
public sealed class RuleExpressionParser
{
    private static readonly Dictionary<string, AggregateOperator> Aggregations = new(StringComparer.Ordinal)
    {
        ["sum"] = AggregateOperator.Sum,
        ["avg"] = AggregateOperator.Avg,
        ["min"] = AggregateOperator.Min,
        ["max"] = AggregateOperator.Max,
        ["count"] = AggregateOperator.Count,
    };

    private static readonly HashSet<string> OtherAggregations = new(StringComparer.Ordinal)
    {
        "topk", "bottomk", "quantile", "stddev", "stdvar", "count_values", "group", "limitk", "limit_ratio",
    };

    private static readonly Dictionary<string, ComparisonOperator> Comparisons = new(StringComparer.Ordinal)
    {
        ["=="] = ComparisonOperator.Equal,
        ["!="] = ComparisonOperator.NotEqual,
        [">"] = ComparisonOperator.Greater,
        ["<"] = ComparisonOperator.Less,
        [">="] = ComparisonOperator.GreaterOrEqual,
        ["<="] = ComparisonOperator.LessOrEqual,
    };

    private readonly List<Token> _tokens;
    private int _next;

    private RuleExpressionParser(string text) => _tokens = RuleExpressionLexer.Tokenize(text);

    /// <summary>Parses an alert condition; throws <see cref="RuleExpressionException"/> for anything outside the subset.</summary>
    public static ComparisonExpression Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new RuleExpressionException("the expression is empty", 0);
        }

        return new RuleExpressionParser(text).ParseRule();
    }

    private Token Current => _tokens[_next];

    private ComparisonExpression ParseRule()
    {
        var left = ParseArithmetic();
        var op = Current;
        if (op.Kind != TokenKind.Operator || !Comparisons.TryGetValue(op.Text, out var comparison))
        {
            throw op.Kind == TokenKind.End
                ? new RuleExpressionException("an alert expression must compare with a number, such as 'mcpmon_target_up == 0'", op.Position)
                : Unexpected(op);
        }

        _next++;
        if (Current is { Kind: TokenKind.Identifier, Text: "bool" })
        {
            throw new RuleExpressionException("the bool modifier is not supported: an alert fires for the series that satisfy the comparison", Current.Position);
        }

        RejectVectorMatching();
        var right = ParseArithmetic();
        if (Current.Kind != TokenKind.End)
        {
            throw Current is { Kind: TokenKind.Operator } next && Comparisons.ContainsKey(next.Text)
                ? new RuleExpressionException("only one comparison is supported per expression", next.Position)
                : Unexpected(Current);
        }

        return (left.IsScalar, right.IsScalar) switch
        {
            (false, true) => new ComparisonExpression(comparison, left, ArithmeticExpression.Scalar(right), ThresholdOnLeft: false),
            (true, false) => new ComparisonExpression(comparison, right, ArithmeticExpression.Scalar(left), ThresholdOnLeft: true),
            (true, true) => throw new RuleExpressionException("both sides of the comparison are numbers; one side must select series", op.Position),
            _ => throw new RuleExpressionException("comparing two vectors is not supported; compare a vector with a number", op.Position),
        };
    }

    private RuleExpression ParseArithmetic()
    {
        var left = ParseTerm();
        while (Current is { Kind: TokenKind.Operator, Text: "+" or "-" } op)
        {
            _next++;
            RejectVectorMatching();
            left = new ArithmeticExpression(op.Text == "+" ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, left, ParseTerm());
        }

        return left;
    }

    private RuleExpression ParseTerm()
    {
        var left = ParseUnary();
        while (true)
        {
            var op = Current;
            if (op is { Kind: TokenKind.Operator, Text: "%" or "^" })
            {
                throw new RuleExpressionException($"the operator '{op.Text}' is not supported (only + - * / between operands)", op.Position);
            }

            if (op is not { Kind: TokenKind.Operator, Text: "*" or "/" })
            {
                return left;
            }

            _next++;
            RejectVectorMatching();
            left = new ArithmeticExpression(op.Text == "*" ? ArithmeticOperator.Multiply : ArithmeticOperator.Divide, left, ParseUnary());
        }
    }

    private RuleExpression ParseUnary()
    {
        if (Current is not { Kind: TokenKind.Operator, Text: "-" or "+" } sign)
        {
            return ParsePrimary();
        }

        _next++;
        if (Current.Kind != TokenKind.Number)
        {
            throw new RuleExpressionException($"a unary '{sign.Text}' is only supported before a number", sign.Position);
        }

        var value = Current.Number;
        _next++;
        return new NumberExpression(sign.Text == "-" ? -value : value);
    }

    private RuleExpression ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                _next++;
                return new NumberExpression(token.Number);
            case TokenKind.LeftParen:
                _next++;
                var inner = ParseArithmetic();
                if (Current.Kind == TokenKind.Operator && Comparisons.ContainsKey(Current.Text))
                {
                    throw new RuleExpressionException("a comparison must be the outermost operator, not inside parentheses", Current.Position);
                }

                Expect(TokenKind.RightParen, "')'");
                RejectModifiers();
                return inner;
            case TokenKind.Identifier when Aggregations.TryGetValue(token.Text, out var aggregation):
                _next++;
                return ParseAggregate(aggregation, token);
            case TokenKind.Identifier when OtherAggregations.Contains(token.Text):
                throw new RuleExpressionException($"the aggregation '{token.Text}' is not supported (only sum, avg, min, max, count)", token.Position);
            case TokenKind.Identifier when IsKeyword(token.Text):
                throw Unexpected(token);
            case TokenKind.Identifier when _tokens[_next + 1].Kind == TokenKind.LeftParen:
                throw new RuleExpressionException($"functions such as {token.Text}() are not supported", token.Position);
            case TokenKind.Identifier:
                _next++;
                return ParseSelector(token);
            case TokenKind.LeftBrace:
                throw new RuleExpressionException("a selector needs a metric name before '{'", token.Position);
            default:
                throw Unexpected(token);
        }
    }

    private AggregateExpression ParseAggregate(AggregateOperator aggregation, Token name)
    {
        var (grouping, without) = ParseGrouping();
        Expect(TokenKind.LeftParen, $"'(' after {name.Text}");
        var inner = ParseArithmetic();
        if (Current.Kind == TokenKind.Comma)
        {
            throw new RuleExpressionException($"{name.Text} takes one argument", Current.Position);
        }

        Expect(TokenKind.RightParen, $"')' to close {name.Text}(");
        if (inner.IsScalar)
        {
            throw new RuleExpressionException($"{name.Text} needs a vector, not a number", name.Position);
        }

        if (Current is { Kind: TokenKind.Identifier, Text: "by" or "without" } trailing)
        {
            if (grouping is not null)
            {
                throw new RuleExpressionException($"{name.Text} has two grouping clauses", trailing.Position);
            }

            (grouping, without) = ParseGrouping();
        }

        RejectModifiers();
        return new AggregateExpression(aggregation, inner, grouping ?? [], without);
    }

    private (IReadOnlyList<string>? Labels, bool Without) ParseGrouping()
    {
        if (Current is not { Kind: TokenKind.Identifier, Text: "by" or "without" } keyword)
        {
            return (null, false);
        }

        _next++;
        Expect(TokenKind.LeftParen, $"'(' after {keyword.Text}");
        var labels = new List<string>();
        while (Current.Kind != TokenKind.RightParen)
        {
            var label = Expect(TokenKind.Identifier, "a label name");
            if (label.Text.Contains(':', StringComparison.Ordinal))
            {
                throw new RuleExpressionException($"'{label.Text}' is not a valid label name", label.Position);
            }

            labels.Add(label.Text);
            if (Current.Kind != TokenKind.Comma)
            {
                break;
            }

            _next++;
        }

        Expect(TokenKind.RightParen, $"')' to close {keyword.Text} (");
        return (labels, keyword.Text == "without");
    }

    private SelectorExpression ParseSelector(Token metric)
    {
        var matchers = new List<Matcher>();
        if (Current.Kind == TokenKind.LeftBrace)
        {
            _next++;
            while (Current.Kind != TokenKind.RightBrace)
            {
                matchers.Add(ParseMatcher());
                if (Current.Kind != TokenKind.Comma)
                {
                    break;
                }

                _next++;
            }

            Expect(TokenKind.RightBrace, "',' or '}'");
        }

        RejectModifiers();
        return new SelectorExpression(metric.Text, matchers);
    }

    private Matcher ParseMatcher()
    {
        var name = Expect(TokenKind.Identifier, "a label name");
        if (name.Text == SeriesLabels.MetricName)
        {
            throw new RuleExpressionException("matching on __name__ is not supported; write the metric name before '{'", name.Position);
        }

        var op = Expect(TokenKind.Operator, "=, !=, =~ or !~");
        var type = op.Text switch
        {
            "=" => MatchType.Equal,
            "!=" => MatchType.NotEqual,
            "=~" => MatchType.Regex,
            "!~" => MatchType.NotRegex,
            _ => throw new RuleExpressionException($"expected =, !=, =~ or !~ after '{name.Text}', found '{op.Text}'", op.Position),
        };
        var value = Expect(TokenKind.String, $"a quoted value for '{name.Text}'");
        try
        {
            return new Matcher(name.Text, type, value.Text);
        }
        catch (FormatException ex)
        {
            throw new RuleExpressionException(ex.Message.TrimEnd('.'), value.Position);
        }
    }

    /// <summary>What may follow a vector in PromQL but not here: a range, offset, @.</summary>
    private void RejectModifiers()
    {
        var token = Current;
        if (token.Kind == TokenKind.LeftBracket)
        {
            throw new RuleExpressionException("range vectors and subqueries ('[...]') are not supported", token.Position);
        }

        if (token is { Kind: TokenKind.Identifier, Text: "offset" })
        {
            throw new RuleExpressionException("the offset modifier is not supported", token.Position);
        }

        if (token is { Kind: TokenKind.Operator, Text: "@" })
        {
            throw new RuleExpressionException("the @ modifier is not supported", token.Position);
        }
    }

    private void RejectVectorMatching()
    {
        if (Current is { Kind: TokenKind.Identifier, Text: "on" or "ignoring" or "group_left" or "group_right" } token)
        {
            throw new RuleExpressionException($"vector matching modifiers ({token.Text}) are not supported: vectors pair up on identical label sets", token.Position);
        }
    }

    private Token Expect(TokenKind kind, string what)
    {
        var token = Current;
        if (token.Kind != kind)
        {
            throw token.Kind == TokenKind.End
                ? new RuleExpressionException($"expected {what} but the expression ended", token.Position)
                : new RuleExpressionException($"expected {what}, found '{token.Text}'", token.Position);
        }

        _next++;
        return token;
    }

    private static bool IsKeyword(string word) =>
        word is "and" or "or" or "unless" or "by" or "without" or "offset" or "bool" or "on" or "ignoring" or "group_left" or "group_right";

    private static RuleExpressionException Unexpected(Token token) => token switch
    {
        { Kind: TokenKind.End } => new RuleExpressionException("the expression ended too early", token.Position),
        { Kind: TokenKind.Identifier, Text: "and" or "or" or "unless" } =>
            new RuleExpressionException($"the set operator '{token.Text}' is not supported", token.Position),
        { Kind: TokenKind.Identifier, Text: "by" or "without" } =>
            new RuleExpressionException($"'{token.Text}' is only supported with sum, avg, min, max or count", token.Position),
        { Kind: TokenKind.Identifier, Text: "bool" } =>
            new RuleExpressionException("the bool modifier is not supported", token.Position),
        { Kind: TokenKind.Identifier, Text: "offset" } => new RuleExpressionException("the offset modifier is not supported", token.Position),
        { Kind: TokenKind.Identifier, Text: "on" or "ignoring" or "group_left" or "group_right" } =>
            new RuleExpressionException($"vector matching modifiers ({token.Text}) are not supported", token.Position),
        { Kind: TokenKind.LeftBracket } => new RuleExpressionException("range vectors and subqueries ('[...]') are not supported", token.Position),
        { Kind: TokenKind.Operator, Text: "@" } => new RuleExpressionException("the @ modifier is not supported", token.Position),
        { Kind: TokenKind.Duration } => new RuleExpressionException($"unexpected duration '{token.Text}' (durations belong to range vectors, offset and subqueries, which are not supported)", token.Position),
        { Kind: TokenKind.String } => new RuleExpressionException($"unexpected string \"{token.Text}\" (string literals are not supported)", token.Position),
        _ => new RuleExpressionException($"unexpected '{token.Text}'", token.Position),
    };
}

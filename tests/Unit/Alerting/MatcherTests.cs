using McpMonitoring.Engine.Alerting;
using MatchType = McpMonitoring.Engine.Alerting.MatchType;

namespace McpMonitoring.Tests.Unit.Alerting;

public sealed class MatcherTests
{
    private static Dictionary<string, string> Labels(params (string Name, string Value)[] labels) =>
        labels.ToDictionary(l => l.Name, l => l.Value);

    [Theory]
    [InlineData("api", true)]
    [InlineData("api-2", false)]
    [InlineData("my-api", false)]
    [InlineData("api\n", false)]
    public void Regex_IsFullyAnchored(string value, bool expected) =>
        Assert.Equal(expected, Matcher.Parse("service=~\"api\"").Matches(Labels(("service", value))));

    [Fact]
    public void Regex_Alternation_AnchorsEveryBranch()
    {
        var matcher = Matcher.Parse("env=~\"dev|staging\"");
        Assert.True(matcher.Matches(Labels(("env", "dev"))));
        Assert.True(matcher.Matches(Labels(("env", "staging"))));
        Assert.False(matcher.Matches(Labels(("env", "devstaging"))));
        Assert.False(matcher.Matches(Labels(("env", "xdev"))));
    }

    [Fact]
    public void Regex_EscapedDot_MatchesOnlyLiteralDot()
    {
        var matcher = Matcher.Parse("""service=~"api\.v1" """);
        Assert.Equal(@"api\.v1", matcher.Value);
        Assert.True(matcher.Matches(Labels(("service", "api.v1"))));
        Assert.False(matcher.Matches(Labels(("service", "apixv1"))));
    }

    [Fact]
    public void NotRegex_NegatesAnchoredMatch()
    {
        var matcher = Matcher.Parse("""severity!~"info|warning" """);
        Assert.Equal(MatchType.NotRegex, matcher.Type);
        Assert.False(matcher.Matches(Labels(("severity", "warning"))));
        Assert.True(matcher.Matches(Labels(("severity", "warnings"))));
        Assert.True(matcher.Matches(Labels(("severity", "critical"))));
    }

    [Fact]
    public void AbsentLabel_MatchesAsEmptyString()
    {
        var none = Labels();
        Assert.True(Matcher.Parse("team=\"\"").Matches(none));
        Assert.False(Matcher.Parse("team=\"a\"").Matches(none));
        Assert.True(Matcher.Parse("team!=\"a\"").Matches(none));
        Assert.True(Matcher.Parse("team=~\".*\"").Matches(none));
        Assert.False(Matcher.Parse("team=~\".+\"").Matches(none));
        Assert.True(Matcher.Parse("team!~\".+\"").Matches(none));
    }

    [Fact]
    public void MatchesEmpty_TellsMatchersThatHoldForEveryAlertWithoutTheLabel()
    {
        Assert.True(Matcher.Parse("a=~\".*\"").MatchesEmpty);
        Assert.True(Matcher.Parse("a!=\"x\"").MatchesEmpty);
        Assert.False(Matcher.Parse("a=\"x\"").MatchesEmpty);
        Assert.False(Matcher.Parse("a=~\"x.*\"").MatchesEmpty);
    }

    [Fact]
    public void Parse_QuotedEscapes_Unescaped()
    {
        Assert.Equal("say \"hi\"", Matcher.Parse("""msg="say \"hi\"" """).Value);
        Assert.Equal(@"C:\temp", Matcher.Parse("""path="C:\\temp" """).Value);
        Assert.Equal("line1\nline2", Matcher.Parse("""msg="line1\nline2" """).Value);
    }

    [Fact]
    public void Parse_EscapedQuoteInRegex_MatchesQuote()
    {
        var matcher = Matcher.Parse("""msg=~".*\"quoted\".*" """);
        Assert.True(matcher.Matches(Labels(("msg", "a \"quoted\" word"))));
    }

    [Theory]
    [InlineData("team=\"automation\"", "team", MatchType.Equal, "automation")]
    [InlineData("env!=dev", "env", MatchType.NotEqual, "dev")]
    [InlineData("service=~\"mcp-.*\"", "service", MatchType.Regex, "mcp-.*")]
    [InlineData("  _private !~ \"x\"  ", "_private", MatchType.NotRegex, "x")]
    [InlineData("team=", "team", MatchType.Equal, "")]
    public void Parse_OneMatcher_ReadsNameOperatorValue(string text, string name, MatchType type, string value)
    {
        var matcher = Matcher.Parse(text);
        Assert.Equal(name, matcher.Name);
        Assert.Equal(type, matcher.Type);
        Assert.Equal(value, matcher.Value);
    }

    [Fact]
    public void ParseList_BracedList_ReadsEveryMatcher()
    {
        var list = Matcher.ParseList("""{a="b", c!~"x|y"}""");
        Assert.Equal(2, list.Count);
        Assert.Equal(("a", MatchType.Equal, "b"), (list[0].Name, list[0].Type, list[0].Value));
        Assert.Equal(("c", MatchType.NotRegex, "x|y"), (list[1].Name, list[1].Type, list[1].Value));
        Assert.True(Matcher.All(list, Labels(("a", "b"), ("c", "z"))));
        Assert.False(Matcher.All(list, Labels(("a", "b"), ("c", "x"))));
    }

    [Fact]
    public void ParseList_CommaInsideQuotes_StaysInValue()
    {
        var list = Matcher.ParseList("""{a="x,y", b=~"1{1,3}"}""");
        Assert.Equal(["x,y", "1{1,3}"], list.Select(m => m.Value));
    }

    [Fact]
    public void ParseList_TrailingCommaAndBareValues_Accepted()
    {
        var list = Matcher.ParseList("{a=b, c!=d,}");
        Assert.Equal(["a=\"b\"", "c!=\"d\""], list.Select(m => m.ToString()));
    }

    [Fact]
    public void ParseList_Empty_NoMatchers() => Assert.Empty(Matcher.ParseList("{}"));

    [Fact]
    public void All_EmptyList_MatchesEverything() => Assert.True(Matcher.All([], Labels(("a", "b"))));

    [Theory]
    [InlineData("""{a="b" """, "must close with '}'")]
    [InlineData("""a="b""", "unterminated quoted value for 'a'")]
    [InlineData("""a~"b" """, "expected =, !=, =~ or !~ after 'a'")]
    [InlineData("""1a="b" """, "expected a label name at position 0")]
    [InlineData("""="b" """, "expected a label name")]
    [InlineData("""a=~"(" """, "is not a valid regular expression for label 'a'")]
    [InlineData("""a="b" c="d" """, "expected ',' between matchers")]
    [InlineData("""{a="b",,c="d"}""", "empty matcher between commas")]
    [InlineData("""a=b"c""", "unescaped double quote")]
    [InlineData("""a="b"x""", "expected ',' between matchers")]
    public void ParseList_Invalid_FormatExceptionSaysWhy(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => Matcher.ParseList(text));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoMatchers_Rejected()
    {
        var ex = Assert.Throws<FormatException>(() => Matcher.Parse("""a="b", c="d" """));
        Assert.Contains("exactly one matcher", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""msg="say \"hi\"" """)]
    [InlineData("""path="C:\\temp" """)]
    [InlineData("""msg="a\nb" """)]
    [InlineData("""service=~"api\.v1" """)]
    [InlineData("""env!~"dev|test" """)]
    public void ToString_RoundTripsThroughParse(string text)
    {
        var matcher = Matcher.Parse(text);
        var again = Matcher.Parse(matcher.ToString());
        Assert.Equal((matcher.Name, matcher.Type, matcher.Value), (again.Name, again.Type, again.Value));
    }

    [Fact]
    public void Constructor_EmptyName_Rejected() =>
        Assert.Throws<FormatException>(() => new Matcher("", MatchType.Equal, "x"));

    [Fact]
    public void Regex_Lookahead_FallsBackToBacktrackingEngine()
    {
        var matcher = new Matcher("a", MatchType.Regex, "(?!x).*");
        Assert.True(matcher.Matches(Labels(("a", "yes"))));
        Assert.False(matcher.Matches(Labels(("a", "xyz"))));
    }
}

using McpMonitoring.Engine.Alerting.Rules;

namespace McpMonitoring.Tests.Unit.Alerting.Rules;

public sealed class AnnotationTemplateTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["target"] = "files-mcp", ["kind"] = "mcp" };

    [Theory]
    [InlineData("MCP server {{ $labels.target }} is down", 0, "MCP server files-mcp is down")]
    [InlineData("{{$labels.kind}}/{{ $labels.target }}: up is {{ $value }}", 0, "mcp/files-mcp: up is 0")]
    [InlineData("latency {{ $value }}s", 0.25, "latency 0.25s")]
    [InlineData("{{ $value }}", 1e21, "1e+21")]
    [InlineData("{{ $value }}", double.NaN, "NaN")]
    [InlineData("{{ $value }}", double.PositiveInfinity, "+Inf")]
    [InlineData("team '{{ $labels.team }}'", 1, "team ''")]
    [InlineData("no placeholders", 1, "no placeholders")]
    public void Render_LabelsAndValue_Substituted(string text, double value, string expected) =>
        Assert.Equal(expected, AnnotationTemplate.Parse(text).Render(Labels, value));

    [Theory]
    [InlineData("{{ humanize $value }}")]
    [InlineData("{{ .Labels.target }}")]
    [InlineData("{{ $labels.target | toUpper }}")]
    [InlineData("{{ $externalLabels.cluster }}")]
    [InlineData("{{ if gt $value 1.0 }}high{{ end }}")]
    public void Parse_OtherTemplateForms_Rejected(string text)
    {
        var error = Assert.Throws<FormatException>(() => AnnotationTemplate.Parse(text));

        Assert.Contains("only {{ $labels.<name> }} and {{ $value }} are", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedPlaceholder_Rejected() =>
        Assert.Contains("without a closing", Assert.Throws<FormatException>(() => AnnotationTemplate.Parse("down {{ $labels.target")).Message, StringComparison.Ordinal);
}

using McpMonitoring.Engine.Alerting.Rules;

namespace McpMonitoring.Tests.Unit.Alerting.Rules;

public sealed class AlertRulesLoaderTests
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mcpmon-rules-").FullName;

    private IReadOnlyList<AlertRuleGroup> Load(string yaml)
    {
        File.WriteAllText(Path.Combine(_dir, AlertRulesLoader.FileName), yaml);
        return AlertRulesLoader.Load(_dir, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Load_NoFile_NoGroups() => Assert.Empty(AlertRulesLoader.Load(_dir, TimeSpan.FromSeconds(15)));

    [Fact]
    public void Load_ExampleFile_Parses()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "../../../../../config/alert_rules.example.yml");
        var groups = AlertRulesLoader.Parse(
            Engine.Configuration.YamlConfig.Load<AlertRulesFile>(example), example, TimeSpan.FromSeconds(15));

        Assert.NotEmpty(groups.SelectMany(g => g.Rules));
    }

    [Fact]
    public void Load_ValidFile_GroupsRulesAndDefaults()
    {
        var groups = Load("""
            groups:
              - name: mcp
                interval: 30s
                rules:
                  - alert: McpServerDown
                    expr: mcpmon_target_up{kind="mcp"} == 0
                    for: 1m
                    labels: {severity: critical, team: automation}
                    annotations: {summary: "MCP server {{ $labels.target }} is down", description: "up is {{ $value }}"}
              - name: fleet
                rules:
                  - alert: FleetMostlyDown
                    expr: sum(mcpmon_target_up) / count(mcpmon_target_up) < 0.5
            """);

        Assert.Equal(["mcp", "fleet"], groups.Select(g => g.Name));
        Assert.Equal(TimeSpan.FromSeconds(30), groups[0].Interval);
        Assert.Equal(TimeSpan.FromSeconds(15), groups[1].Interval);
        var rule = groups[0].Rules[0];
        Assert.Equal(("McpServerDown", TimeSpan.FromMinutes(1), "critical"), (rule.Name, rule.For, rule.Labels["severity"]));
        Assert.Equal(TimeSpan.Zero, groups[1].Rules[0].For);
    }

    [Fact]
    public void Load_InvalidRules_NamesFileGroupRuleAndProblem()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""
            groups:
              - name: mcp
                rules:
                  - alert: ToolsDropping
                    expr: rate(mcpmon_mcp_tools[5m]) < 0
                  - alert: BadTemplate
                    expr: mcpmon_target_up == 0
                    annotations: {summary: "{{ humanize $value }}"}
                  - alert: BadSeverity
                    expr: mcpmon_target_up == 0
                    labels: {severity: loud}
                  - record: job:up:sum
                    expr: sum(mcpmon_target_up)
              - name: mcp
                interval: 0s
                rules:
                  - expr: mcpmon_target_up == 0
            """));

        var path = Path.Combine(_dir, AlertRulesLoader.FileName);
        Assert.Contains($"{path}: group 'mcp': rule 'ToolsDropping': expr 'rate(mcpmon_mcp_tools[5m]) < 0': functions such as rate() are not supported (at character 1).", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule 'BadTemplate': annotation 'summary': the template '{{ humanize $value }}' is not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule 'BadSeverity': severity 'loud' is not one of", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule 'job:up:sum': recording rules ('record') are not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("group 'mcp': the group name is used more than once.", error.Message, StringComparison.Ordinal);
        Assert.Contains("group 'mcp': interval must be at least 1s.", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule '#1': a rule needs an 'alert' name.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SameNameRulesTellApartOnlyByLabelValue()
    {
        var pair = Load("""
            groups:
              - name: latency
                rules:
                  - {alert: SlowProbe, expr: 'mcpmon_probe_latency_seconds > 1', labels: {severity: warning}}
                  - {alert: SlowProbe, expr: 'mcpmon_probe_latency_seconds > 5', labels: {severity: critical}}
            """);
        Assert.Equal(2, pair[0].Rules.Count);

        var error = Assert.Throws<InvalidDataException>(() => Load("""
            groups:
              - name: latency
                rules:
                  - {alert: SlowProbe, expr: 'mcpmon_probe_latency_seconds > 1', labels: {severity: warning}}
                  - {alert: SlowProbe, expr: 'mcpmon_probe_latency_seconds > 5', labels: {severity: warning, team: a}}
            """));
        Assert.Contains("group 'latency': rule 'SlowProbe': another rule of the same name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownKey_NamesLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => Load("""
            groups:
              - name: mcp
                rules:
                  - alert: X
                    expr: mcpmon_target_up == 0
                    keep_firing_for: 5m
            """));

        Assert.Contains("line 6", error.Message, StringComparison.Ordinal);
    }
}

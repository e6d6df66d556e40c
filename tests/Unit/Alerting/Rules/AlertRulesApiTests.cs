using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Alerting.Rules;

public sealed class AlertRulesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_RulesFromConfigDir_ListedWithHealthAndActiveCount()
    {
        await using var factory = new MonitoringAppFactory();
        await File.WriteAllTextAsync(Path.Combine(factory.DataDir, "config", "alert_rules.yml"), """
            groups:
              - name: mcp
                interval: 30s
                rules:
                  - alert: McpServerDown
                    expr: mcpmon_target_up{kind="mcp"} == 0
                    for: 1m
                    labels: {severity: critical, team: automation}
                    annotations: {summary: "MCP server {{ $labels.target }} is down"}
              - name: fleet
                rules:
                  - alert: FleetMostlyDown
                    expr: sum(mcpmon_target_up) / count(mcpmon_target_up) < 0.5
            """, Ct);
        var client = factory.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/alert-rules", Ct);

        var groups = body.GetProperty("groups");
        Assert.Equal(2, groups.GetArrayLength());
        Assert.Equal(("mcp", "30s"), (groups[0].GetProperty("name").GetString(), groups[0].GetProperty("interval").GetString()));
        Assert.Equal("15s", groups[1].GetProperty("interval").GetString());
        var rule = groups[0].GetProperty("rules")[0];
        Assert.Equal("McpServerDown", rule.GetProperty("name").GetString());
        Assert.Equal("mcpmon_target_up{kind=\"mcp\"} == 0", rule.GetProperty("expr").GetString());
        Assert.Equal("1m", rule.GetProperty("for").GetString());
        Assert.Equal("critical", rule.GetProperty("labels").GetProperty("severity").GetString());
        Assert.Equal("MCP server {{ $labels.target }} is down", rule.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("unknown", rule.GetProperty("health").GetString());
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("lastEvaluation").ValueKind);
        Assert.Equal(JsonValueKind.Null, rule.GetProperty("lastError").ValueKind);
        Assert.Equal(0, rule.GetProperty("activeAlerts").GetInt32());
    }

    [Fact]
    public async Task Get_NoRulesFile_EmptyList()
    {
        await using var factory = new MonitoringAppFactory();
        var body = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/alert-rules", Ct);

        Assert.Equal(0, body.GetProperty("groups").GetArrayLength());
    }

    [Fact]
    public async Task Startup_InvalidRulesFile_FailsNamingFileGroupRuleAndProblem()
    {
        await using var factory = new MonitoringAppFactory();
        var path = Path.Combine(factory.DataDir, "config", "alert_rules.yml");
        await File.WriteAllTextAsync(path, """
            groups:
              - name: mcp
                rules:
                  - alert: ToolsVanishing
                    expr: delta(mcpmon_mcp_tools[10m]) < 0
            """, Ct);

        var error = Assert.ThrowsAny<InvalidDataException>(() => factory.CreateClient());

        Assert.Contains($"{path}: group 'mcp': rule 'ToolsVanishing': expr 'delta(mcpmon_mcp_tools[10m]) < 0': functions such as delta() are not supported",
            error.Message, StringComparison.Ordinal);
    }
}

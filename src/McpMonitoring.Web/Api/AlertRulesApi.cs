using McpMonitoring.Engine.Alerting.Rules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>/alert-rules: the groups and rules of config/alert_rules.yml with their last evaluation, last error and open alerts.</summary>
public static class AlertRulesApi
{
    public static IEndpointRouteBuilder MapAlertRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/alert-rules").WithTags("Alerts");
        group.MapGet("", List).WithSummary("Alert rules by group, with health, last evaluation and active alert count");
        return app;
    }

    public static Ok<AlertRulesResponse> List(AlertRuleService rules) => TypedResults.Ok(new AlertRulesResponse(rules.GetStatus()));
}

public sealed record AlertRulesResponse(IReadOnlyList<AlertRuleGroupStatus> Groups);

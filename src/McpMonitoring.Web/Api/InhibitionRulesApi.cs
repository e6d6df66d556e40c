using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>/inhibition-rules: Alertmanager-shaped inhibition rules; those imported from config/alerting.yml are editable too.</summary>
public static class InhibitionRulesApi
{
    public static IEndpointRouteBuilder MapInhibitionRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/inhibition-rules").WithTags("Inhibition rules");
        group.MapGet("", List).WithSummary("Inhibition rules, paged");
        group.MapGet("/{id}", Get).WithSummary("One inhibition rule");
        group.MapPost("", Create).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Create an inhibition rule");
        group.MapPut("/{id}", Update).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Replace an inhibition rule");
        group.MapDelete("/{id}", Delete).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Delete an inhibition rule");
        return app;
    }

    public static Results<Ok<Page<InhibitionRuleView>>, ValidationProblem> List(InhibitionRuleService rules, int offset = 0, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        ConfigResults.ValidatePaging(offset, limit, errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(rules.List(offset, limit));
    }

    public static Results<Ok<InhibitionRuleView>, NotFound<ProblemDetailsLike>> Get(string id, InhibitionRuleService rules) =>
        rules.Get(id) is { } rule ? TypedResults.Ok(rule) : ConfigResults.NotFound("inhibition rule", id);

    public static async Task<IResult> Create(HttpContext context, InhibitionRuleService rules, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<InhibitionRuleInput>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await rules.CreateAsync(input!, ConfigResults.Actor(context), cancellationToken);
        return ConfigResults.ToResult(result, "inhibition rule", "", r => TypedResults.Created($"/inhibition-rules/{r.Id}", r));
    }

    public static async Task<IResult> Update(string id, HttpContext context, InhibitionRuleService rules, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<InhibitionRuleInput>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return ConfigResults.ToResult(await rules.UpdateAsync(id, input!, ConfigResults.Actor(context), cancellationToken), "inhibition rule", id);
    }

    public static async Task<IResult> Delete(string id, HttpContext context, InhibitionRuleService rules, CancellationToken cancellationToken) =>
        ConfigResults.ToResult(await rules.DeleteAsync(id, ConfigResults.Actor(context), cancellationToken), "inhibition rule", id);
}

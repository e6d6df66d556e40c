using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Metrics.Custom;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>
/// /metrics/custom: counters, gauges and histograms that workflows define and record over REST when they cannot
/// expose /metrics themselves; they appear on the console's /metrics (and in its Pushgateway pushes).
/// </summary>
public static class CustomMetricsApi
{
    private const string What = "custom metric";

    public static IEndpointRouteBuilder MapCustomMetricsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/metrics/custom").WithTags("Metrics");
        group.MapGet("", List).WithSummary("Custom metric definitions, filtered by type or name and paged");
        group.MapGet("/{name}", Get).WithSummary("One custom metric with its current values");
        group.MapPost("", Define).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Define a custom metric (idempotent for an identical definition)");
        group.MapDelete("/{name}", Delete).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Delete a custom metric; it leaves /metrics at once");
        group.MapPost("/{name}/samples", Record).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Record one sample or a batch (all or nothing)");
        return app;
    }

    public static Results<Ok<Page<CustomMetricView>>, ValidationProblem> List(
        CustomMetricService metrics, string? type = null, string? q = null, int offset = 0, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        CustomMetricType? filter = null;
        if (type is not null)
        {
            if (CustomMetricTypes.TryParse(type, out var parsed))
            {
                filter = parsed;
            }
            else
            {
                errors["type"] = [$"type must be one of {CustomMetricTypes.Allowed}."];
            }
        }

        Paging.Validate(offset, limit, errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(metrics.List(filter, q, offset, limit));
    }

    public static Results<Ok<CustomMetricView>, NotFound<ProblemDetailsLike>> Get(string name, CustomMetricService metrics) =>
        metrics.Get(name) is { } metric ? TypedResults.Ok(metric) : ConfigResults.NotFound(What, name);

    public static async Task<IResult> Define(HttpContext context, CustomMetricService metrics, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<CustomMetricInput>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await metrics.DefineAsync(input!, ConfigResults.Actor(context, input!.CreatedBy), cancellationToken);
        return ConfigResults.ToResult(result, What, input.Name ?? "", m => TypedResults.Created($"/metrics/custom/{Uri.EscapeDataString(m.Name)}", m));
    }

    public static async Task<IResult> Delete(string name, HttpContext context, CustomMetricService metrics, CancellationToken cancellationToken) =>
        ConfigResults.ToResult(await metrics.DeleteAsync(name, ConfigResults.Actor(context), cancellationToken), What, name);

    public static async Task<IResult> Record(string name, HttpContext context, CustomMetricService metrics, CancellationToken cancellationToken)
    {
        var (request, problem) = await JsonBody.ReadAsync<CustomSamplesRequest>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = metrics.Record(name, request!);
        return result.Outcome switch
        {
            ConfigMutationOutcome.Ok => TypedResults.Ok(result.Value),
            ConfigMutationOutcome.NotFound => ConfigResults.NotFound(What, name),
            ConfigMutationOutcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Too many series", detail: result.Detail),
            _ => TypedResults.ValidationProblem(result.Errors!, title: "The samples are not valid; nothing was recorded"),
        };
    }
}

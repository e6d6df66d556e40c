using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>/silences: Alertmanager-style silences (list by state, read, create, edit, expire) and a live match preview.</summary>
public static class SilencesApi
{
    public static IEndpointRouteBuilder MapSilencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/silences").WithTags("Silences");
        group.MapGet("", List).WithSummary("Silences, filtered by state (active, pending, expired) and paged");
        group.MapGet("/{id}", Get).WithSummary("One silence");
        group.MapPost("", Create).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Create a silence");
        group.MapPut("/{id}", Update).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Edit a silence (not an expired one)");
        group.MapDelete("/{id}", Expire).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Expire a silence now");
        group.MapPost("/preview", Preview).WithSummary("Which currently firing alerts a matcher set selects");
        return app;
    }

    public static async Task<Results<Ok<Page<SilenceView>>, ValidationProblem>> List(
        SilenceService silences, CancellationToken cancellationToken, string? state = null, int offset = 0, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        SilenceState? filter = null;
        if (state is not null)
        {
            if (Enum.TryParse<SilenceState>(state, ignoreCase: true, out var parsed) && !int.TryParse(state, out _))
            {
                filter = parsed;
            }
            else
            {
                errors["state"] = ["state must be one of active, pending, expired."];
            }
        }

        ConfigResults.ValidatePaging(offset, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await silences.ListAsync(filter, offset, limit, cancellationToken));
    }

    public static async Task<Results<Ok<SilenceView>, NotFound<ProblemDetailsLike>>> Get(string id, SilenceService silences, CancellationToken cancellationToken) =>
        await silences.GetAsync(id, cancellationToken) is { } silence ? TypedResults.Ok(silence) : ConfigResults.NotFound("silence", id);

    public static async Task<IResult> Create(HttpContext context, SilenceService silences, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<SilenceInput>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await silences.CreateAsync(input!, ConfigResults.Actor(context, input!.CreatedBy), cancellationToken);
        return ConfigResults.ToResult(result, "silence", "", s => TypedResults.Created($"/silences/{s.Id}", s));
    }

    public static async Task<IResult> Update(string id, HttpContext context, SilenceService silences, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<SilenceInput>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return ConfigResults.ToResult(await silences.UpdateAsync(id, input!, ConfigResults.Actor(context, input!.CreatedBy), cancellationToken), "silence", id);
    }

    public static async Task<IResult> Expire(string id, HttpContext context, SilenceService silences, CancellationToken cancellationToken) =>
        ConfigResults.ToResult(await silences.ExpireAsync(id, ConfigResults.Actor(context), cancellationToken), "silence", id);

    public static async Task<IResult> Preview(HttpRequest request, MatchPreview preview, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PreviewRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var matchers = MatcherValidation.Compile(body!.Matchers, "matchers", errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(preview.Match(matchers));
    }
}

/// <summary>The body of POST /silences/preview.</summary>
public sealed class PreviewRequest
{
    public List<MatcherSpec>? Matchers { get; set; }
}

using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>Shared pieces of the alert-configuration APIs (silences, maintenance windows, inhibition rules, audit).</summary>
internal static class ConfigResults
{
    public const int MaxLimit = 1000;

    /// <summary>Who the audit log names: the <c>createdBy</c> of the body when given, else the caller's identity.</summary>
    public static string Actor(HttpContext context, string? createdBy = null) =>
        !string.IsNullOrWhiteSpace(createdBy) ? createdBy.Trim()
        : context.User.Identity?.Name is { Length: > 0 } name ? name
        : AuditActors.Anonymous;

    public static NotFound<ProblemDetailsLike> NotFound(string what, string id) =>
        TypedResults.NotFound(new ProblemDetailsLike("https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found", 404, $"no {what} with id '{id}'."));

    /// <summary>Checks paging parameters, adding errors named after them.</summary>
    public static void ValidatePaging(int offset, int limit, Dictionary<string, string[]> errors)
    {
        if (offset < 0)
        {
            errors["offset"] = ["offset must not be negative."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }
    }

    public static IResult ToResult<T>(ConfigMutation<T> result, string what, string id, Func<T, IResult>? created = null) => result.Outcome switch
    {
        ConfigMutationOutcome.Created => created!(result.Value!),
        ConfigMutationOutcome.Ok when result.Value is null => TypedResults.NoContent(),
        ConfigMutationOutcome.Ok => TypedResults.Ok(result.Value),
        ConfigMutationOutcome.NotFound => NotFound(what, id),
        ConfigMutationOutcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: result.Detail),
        _ => TypedResults.ValidationProblem(result.Errors!, title: $"The {what} is not valid"),
    };
}

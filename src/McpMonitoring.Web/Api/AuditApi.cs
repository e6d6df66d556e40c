using McpMonitoring.Engine.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>/audit: who changed what, newest first, filtered by subject, actor or action.</summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit", Get).WithTags("Audit").WithSummary("Audit log entries, newest first; filter by subjectKind, subjectId, actor, action");
        return app;
    }

    public static async Task<Results<Ok<Page<AuditEntry>>, ValidationProblem>> Get(
        AuditLog audit,
        CancellationToken cancellationToken,
        string? subjectKind = null,
        string? subjectId = null,
        string? actor = null,
        string? action = null,
        int offset = 0,
        int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        ConfigResults.ValidatePaging(offset, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await audit.GetAsync(new AuditFilter(subjectKind, subjectId, actor, action), offset, limit, cancellationToken));
    }
}

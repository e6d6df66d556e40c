using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>/maintenance-windows: one-off and recurring (cron + duration + time zone) windows, and their next occurrences.</summary>
public static class MaintenanceWindowsApi
{
    public static IEndpointRouteBuilder MapMaintenanceWindowsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/maintenance-windows").WithTags("Maintenance windows");
        group.MapGet("", List).WithSummary("Maintenance windows, open ones first; active=true keeps the open ones");
        group.MapGet("/{id}", Get).WithSummary("One maintenance window");
        group.MapGet("/{id}/occurrences", Occurrences).WithSummary("The next occurrences, in UTC and in the window's time zone");
        group.MapPost("", Create).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Create a maintenance window");
        group.MapPut("/{id}", Update).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Replace a maintenance window");
        group.MapDelete("/{id}", Delete).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Delete a maintenance window");
        return app;
    }

    public static Results<Ok<Page<MaintenanceWindowView>>, ValidationProblem> List(
        MaintenanceWindowService windows, bool active = false, int offset = 0, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        ConfigResults.ValidatePaging(offset, limit, errors);
        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(windows.List(active, offset, limit));
    }

    public static Results<Ok<MaintenanceWindowView>, NotFound<ProblemDetailsLike>> Get(string id, MaintenanceWindowService windows) =>
        windows.Get(id) is { } window ? TypedResults.Ok(window) : ConfigResults.NotFound("maintenance window", id);

    public static Results<Ok<IReadOnlyList<MaintenanceOccurrenceView>>, NotFound<ProblemDetailsLike>, ValidationProblem> Occurrences(
        string id, MaintenanceWindowService windows, int count = 5)
    {
        if (count is < 1 or > MaintenanceWindowService.MaxOccurrences)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"count must be between 1 and {MaintenanceWindowService.MaxOccurrences}."] });
        }

        return windows.Occurrences(id, count) is { } occurrences ? TypedResults.Ok(occurrences) : ConfigResults.NotFound("maintenance window", id);
    }

    public static async Task<IResult> Create(HttpContext context, MaintenanceWindowService windows, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<MaintenanceWindowInput>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await windows.CreateAsync(input!, ConfigResults.Actor(context, input!.CreatedBy), cancellationToken);
        return ConfigResults.ToResult(result, "maintenance window", "", w => TypedResults.Created($"/maintenance-windows/{w.Id}", w));
    }

    public static async Task<IResult> Update(string id, HttpContext context, MaintenanceWindowService windows, CancellationToken cancellationToken)
    {
        var (input, problem) = await JsonBody.ReadAsync<MaintenanceWindowInput>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return ConfigResults.ToResult(await windows.UpdateAsync(id, input!, ConfigResults.Actor(context, input!.CreatedBy), cancellationToken), "maintenance window", id);
    }

    public static async Task<IResult> Delete(string id, HttpContext context, MaintenanceWindowService windows, CancellationToken cancellationToken) =>
        ConfigResults.ToResult(await windows.DeleteAsync(id, ConfigResults.Actor(context), cancellationToken), "maintenance window", id);
}

using System.Security.Claims;
using McpMonitoring.Engine.Notifications;
using McpMonitoring.Web.Security;

namespace McpMonitoring.Web.Api;

/// <summary>/routes: the whole routing tree, read and replaced at once (validated against the receivers).</summary>
public static class RoutesApi
{
    public static IEndpointRouteBuilder MapRoutesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/routes").WithTags("Notifications");
        group.MapGet("", (NotificationConfigService config) => TypedResults.Ok(config.Current.Route)).WithSummary("The routing tree");
        group.MapPut("", Put).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Replace the routing tree");
        return app;
    }

    public static async Task<IResult> Put(HttpRequest request, ClaimsPrincipal user, NotificationConfigService config, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<RouteConfig>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await config.ReplaceRouteAsync(body!, Actor.Of(user, null), cancellationToken);
        return result.Outcome == ConfigWriteOutcome.Invalid
            ? TypedResults.ValidationProblem(result.Errors!, title: "The routing tree is not valid")
            : TypedResults.Ok(config.Current.Route);
    }
}

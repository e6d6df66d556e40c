using System.Security.Claims;
using McpMonitoring.Engine.Notifications;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>/receivers: CRUD with secrets shown as "&lt;secret&gt;" (omit them on PUT to keep them), and a test send.</summary>
public static class ReceiversApi
{
    public static IEndpointRouteBuilder MapReceiversApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/receivers").WithTags("Notifications");
        group.MapGet("", List).WithSummary("Receivers (secrets redacted)");
        group.MapGet("/{name}", Get).WithSummary("One receiver (secrets redacted)");
        group.MapPost("", Create).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Create a receiver");
        group.MapPut("/{name}", Update).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Replace a receiver (omitted secrets are kept)");
        group.MapDelete("/{name}", Delete).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Remove a receiver no route uses");
        group.MapPost("/{name}/test", Test).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Send a test notification to every channel");
        return app;
    }

    public static Ok<List<ReceiverConfig>> List(NotificationConfigService config) =>
        TypedResults.Ok(config.Current.Receivers.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(ReceiverSecrets.Redact).ToList());

    public static Results<Ok<ReceiverConfig>, ProblemHttpResult> Get(string name, NotificationConfigService config) =>
        config.GetReceiver(name) is { } receiver ? TypedResults.Ok(ReceiverSecrets.Redact(receiver)) : NotFound(name);

    public static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, NotificationConfigService config, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReceiverConfig>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await config.SaveReceiverAsync(body!, create: true, Actor.Of(user, null), cancellationToken);
        return ToResult(result, body!.Name ?? "");
    }

    public static async Task<IResult> Update(string name, HttpRequest request, ClaimsPrincipal user, NotificationConfigService config, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReceiverConfig>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Name is not null && body.Name != name)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [$"the body names '{body.Name}' but the path '{name}'; receivers cannot be renamed."] });
        }

        body.Name = name;
        return ToResult(await config.SaveReceiverAsync(body, create: false, Actor.Of(user, null), cancellationToken), name);
    }

    public static async Task<IResult> Delete(string name, ClaimsPrincipal user, NotificationConfigService config, CancellationToken cancellationToken) =>
        ToResult(await config.DeleteReceiverAsync(name, Actor.Of(user, null), cancellationToken), name);

    public static async Task<IResult> Test(string name, ClaimsPrincipal user, NotificationPipeline pipeline, CancellationToken cancellationToken)
    {
        var ids = await pipeline.SendTestAsync(name, Actor.Of(user, null), cancellationToken);
        return ids is null ? NotFound(name) : TypedResults.Accepted("/notifications?kind=test", new TestNotificationResponse(ids));
    }

    private static IResult ToResult(ConfigWriteResult result, string name) => result.Outcome switch
    {
        ConfigWriteOutcome.Created => TypedResults.Created($"/receivers/{name}", result.Receiver),
        ConfigWriteOutcome.Updated => TypedResults.Ok(result.Receiver),
        ConfigWriteOutcome.Deleted => TypedResults.NoContent(),
        ConfigWriteOutcome.NotFound => NotFound(name),
        ConfigWriteOutcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: result.Detail),
        _ => TypedResults.ValidationProblem(result.Errors!, title: "The receiver is not valid"),
    };

    private static ProblemHttpResult NotFound(string name) =>
        TypedResults.Problem(statusCode: 404, title: "Not Found", detail: $"no receiver named '{name}'.");
}

public sealed record TestNotificationResponse(IReadOnlyList<string> NotificationIds);

using System.Text.Json;
using System.Text.Json.Nodes;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.History;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>/targets: list (filter, sort, page), read, create, replace, delete; plus a target's latency history.</summary>
public static class TargetsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/targets").WithTags("Targets");
        group.MapGet("", List).WithSummary("Targets with their live state; filter, sort and page");
        group.MapGet("/{name}", Get).WithSummary("One target's definition and live state");
        group.MapGet("/{name}/history", History).WithSummary("Latency and failures over time for charts");
        group.MapGet("/{name}/changes", Changes).WithSummary("Status transitions, newest first");
        group.MapPost("", Create).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Create a target");
        group.MapPut("/{name}", Update).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Replace a target's definition");
        group.MapDelete("/{name}", Delete).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Remove a target");
        return app;
    }

    public static Results<Ok<TargetListResponse>, ValidationProblem> List(
        HealthMonitor monitor,
        string? q = null,
        string? status = null,
        string? kind = null,
        string? label = null,
        string? sort = null,
        bool desc = false,
        int offset = 0,
        int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        HealthStatus? statusFilter = null;
        TargetKind? kindFilter = null;
        if (status is not null)
        {
            if (Enum.TryParse<HealthStatus>(status, true, out var s))
            {
                statusFilter = s;
            }
            else
            {
                errors["status"] = [$"status must be one of {string.Join(", ", Enum.GetNames<HealthStatus>())}."];
            }
        }

        if (kind is not null)
        {
            if (Enum.TryParse<TargetKind>(kind, true, out var k) && !int.TryParse(kind, out _))
            {
                kindFilter = k;
            }
            else
            {
                errors["kind"] = ["kind must be one of http, tcp, mcp, database, container."];
            }
        }

        var sortBy = TargetSort.Name;
        if (sort is not null && !Enum.TryParse(sort, true, out sortBy))
        {
            errors["sort"] = ["sort must be one of name, status, latency, kind, lastChecked."];
        }

        Dictionary<string, string>? labels = null;
        if (label is not null)
        {
            labels = [];
            foreach (var pair in label.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pair.Split('=', 2);
                if (parts.Length != 2 || parts[0].Length == 0)
                {
                    errors["label"] = [$"label '{pair}' must look like name=value (several separated by commas)."];
                    break;
                }

                labels[parts[0]] = parts[1];
            }
        }

        Paging.Validate(offset, limit, errors);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = monitor.Query(new TargetQuery
        {
            Search = q,
            Status = statusFilter,
            Kind = kindFilter,
            Labels = labels,
            Sort = sortBy,
            Descending = desc,
            Offset = offset,
            Limit = limit,
        });
        return TypedResults.Ok(new TargetListResponse(
            [.. page.Items.Select(s => ToResponse(monitor.TryGetRuntime(s.Name, out var r) ? r.Definition : null, s))],
            page.Total,
            page.Offset,
            page.Limit));
    }

    public static Results<Ok<JsonObject>, NotFound<ProblemDetailsLike>> Get(HealthMonitor monitor, string name) =>
        monitor.TryGetRuntime(name, out var runtime)
            ? TypedResults.Ok(ToResponse(runtime.Definition, runtime.ToState()))
            : TypedResults.NotFound(ProblemDetailsLike.NotFound(name));

    public static async Task<IResult> Create(HttpRequest request, TargetService targets, CancellationToken cancellationToken)
    {
        var (target, problem) = await JsonBody.ReadAsync<TargetDefinition>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await targets.CreateAsync(target!, cancellationToken);
        return ToResult(result, created: t => TypedResults.Created($"/targets/{Uri.EscapeDataString(t.Name)}", Serialize(t)));
    }

    public static async Task<IResult> Update(string name, HttpRequest request, TargetService targets, CancellationToken cancellationToken)
    {
        var (target, problem) = await JsonBody.ReadAsync<TargetDefinition>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return ToResult(await targets.UpdateAsync(name, target!, cancellationToken), name: name);
    }

    public static async Task<IResult> Delete(string name, TargetService targets, CancellationToken cancellationToken)
    {
        var result = await targets.DeleteAsync(name, cancellationToken);
        return result.Outcome == TargetMutationOutcome.Ok ? TypedResults.NoContent() : ToResult(result, name: name);
    }

    public static async Task<Results<Ok<IReadOnlyList<LatencyPoint>>, NotFound<ProblemDetailsLike>, ValidationProblem>> History(
        string name, HealthMonitor monitor, ProbeHistoryQuery history, TimeProvider time, CancellationToken cancellationToken,
        string range = "1h", int points = 300)
    {
        if (!monitor.TryGetRuntime(name, out _))
        {
            return TypedResults.NotFound(ProblemDetailsLike.NotFound(name));
        }

        if (!Duration.TryParse(range, out var span) || span <= TimeSpan.Zero || span > TimeSpan.FromDays(90))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["range"] = ["range must be a duration between 1s and 90d, such as 1h or 24h."] });
        }

        var to = time.GetUtcNow();
        return TypedResults.Ok(await history.GetLatencyAsync(name, to - span, to, points, cancellationToken));
    }

    public static async Task<Results<Ok<IReadOnlyList<StatusChangeResponse>>, NotFound<ProblemDetailsLike>>> Changes(
        string name, HealthMonitor monitor, ProbeHistoryQuery history, CancellationToken cancellationToken, int limit = 100)
    {
        if (!monitor.TryGetRuntime(name, out _))
        {
            return TypedResults.NotFound(ProblemDetailsLike.NotFound(name));
        }

        var rows = await history.GetStatusChangesAsync(name, limit, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<StatusChangeResponse>>([.. rows.Select(r => new StatusChangeResponse(
            r.TargetName, r.FromStatus, r.ToStatus, r.RootCause, r.Error, new DateTimeOffset(r.At, TimeSpan.Zero)))]);
    }

    private static IResult ToResult(TargetMutation result, Func<TargetDefinition, IResult>? created = null, string? name = null) => result.Outcome switch
    {
        TargetMutationOutcome.Created => created!(result.Target!),
        TargetMutationOutcome.Ok => TypedResults.Ok(Serialize(result.Target!)),
        TargetMutationOutcome.NotFound => TypedResults.NotFound(ProblemDetailsLike.NotFound(name ?? "")),
        TargetMutationOutcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: result.Detail),
        _ => TypedResults.ValidationProblem(result.Errors!, title: "The target is not valid"),
    };

    private static JsonObject Serialize(TargetDefinition definition) => JsonSerializer.SerializeToNode(definition, Json)!.AsObject();

    private static JsonObject ToResponse(TargetDefinition? definition, TargetState state)
    {
        var node = definition is null ? new JsonObject { ["name"] = state.Name } : Serialize(definition);
        node["state"] = JsonSerializer.SerializeToNode(state, Json);
        return node;
    }
}

public sealed record TargetListResponse(IReadOnlyList<JsonObject> Items, int Total, int Offset, int Limit);

public sealed record StatusChangeResponse(string Target, string From, string To, string? RootCause, string? Error, DateTimeOffset At);

/// <summary>A typed 404 body in ProblemDetails shape (TypedResults.NotFound needs a value type to describe in OpenAPI).</summary>
public sealed record ProblemDetailsLike(string Type, string Title, int Status, string Detail)
{
    public static ProblemDetailsLike NotFound(string name) =>
        new("https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found", 404, $"no target named '{name}'.");
}

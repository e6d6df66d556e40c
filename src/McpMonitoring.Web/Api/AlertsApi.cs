using System.Security.Claims;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>/alerts: list (filter by state, severity, label matchers; paging), create manual alerts, acknowledge, resolve, timeline.</summary>
public static class AlertsApi
{
    private static readonly AlertState[] ActiveStates = [AlertState.Pending, AlertState.Firing, AlertState.Acknowledged];

    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/alerts").WithTags("Alerts");
        group.MapGet("", List).WithSummary("Alerts (active by default; state=all for resolved too)");
        group.MapGet("/counts", (AlertService alerts) => TypedResults.Ok(alerts.GetCounts())).WithSummary("Open alerts by state and severity");
        group.MapGet("/{id:long}", Get).WithSummary("One alert");
        group.MapGet("/{id:long}/timeline", Timeline).WithSummary("What happened to an alert, who did it and why");
        group.MapPost("", Create).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Raise a manual alert");
        group.MapPost("/{id:long}/acknowledge", Acknowledge).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Acknowledge (idempotent)");
        group.MapPost("/{id:long}/resolve", Resolve).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Resolve (idempotent)");
        return app;
    }

    public static Results<Ok<AlertPage>, ValidationProblem> List(
        AlertService alerts, string? state = null, string? severity = null, string? match = null, string? q = null,
        bool? suppressed = null, int offset = 0, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        var states = ParseList(state, "state", errors, s => s == "all" ? null : Enum.TryParse<AlertState>(s, true, out var v) ? v : (AlertState?)null,
            "state must be a comma-separated list of pending, firing, acknowledged, resolved (or all).");
        var severities = ParseList(severity, "severity", errors, s => AlertSeverities.TryParse(s, out var v) ? v : (AlertSeverity?)null,
            "severity must be a comma-separated list of INFO, WARNING, ERROR, CRITICAL, EMERGENCY.");
        IReadOnlyList<Matcher>? matchers = null;
        if (!string.IsNullOrWhiteSpace(match))
        {
            try
            {
                matchers = Matcher.ParseList(match);
            }
            catch (FormatException ex)
            {
                errors["match"] = [ex.Message];
            }
        }

        Paging.Validate(offset, limit, errors);

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(alerts.Query(new AlertQuery
        {
            States = state == "all" ? null : (IReadOnlyCollection<AlertState>?)states ?? ActiveStates,
            Severities = severities,
            Matchers = matchers,
            Search = q,
            Suppressed = suppressed,
            Offset = offset,
            Limit = limit,
        }));
    }

    public static Results<Ok<AlertSnapshot>, ProblemHttpResult> Get(long id, AlertService alerts) =>
        alerts.Get(id) is { } alert ? TypedResults.Ok(alert) : NotFound(id);

    public static async Task<Results<Ok<IReadOnlyList<AlertTimelineEntry>>, ProblemHttpResult>> Timeline(
        long id, AlertService alerts, AlertStore store, CancellationToken cancellationToken)
    {
        if (alerts.Get(id) is null)
        {
            return NotFound(id);
        }

        var rows = await store.GetTimelineAsync(id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AlertTimelineEntry>>([.. rows.Select(r =>
            new AlertTimelineEntry(DateTimeOffset.FromUnixTimeMilliseconds(r.AtMs), r.Kind, r.Actor, r.Comment))]);
    }

    public static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, AlertService alerts, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ManualAlertRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var labels = new Dictionary<string, string>(body!.Labels ?? [], StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(body.Name))
        {
            labels[AlertLabels.AlertName] = body.Name;
        }

        AlertSeverity? severity = null;
        if (body.Severity is not null)
        {
            if (!AlertSeverities.TryParse(body.Severity, out var parsed))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["severity"] = ["severity must be one of INFO, WARNING, ERROR, CRITICAL, EMERGENCY."] });
            }

            severity = parsed;
        }

        var annotations = new Dictionary<string, string>(body.Annotations ?? [], StringComparer.Ordinal);
        if (body.Summary is not null)
        {
            annotations["summary"] = body.Summary;
        }

        if (body.Description is not null)
        {
            annotations["description"] = body.Description;
        }

        TimeSpan forDuration = TimeSpan.Zero;
        if (body.For is not null && !Duration.TryParse(body.For, out forDuration))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["for"] = [$"'{body.For}' is not a duration such as 5m."] });
        }

        var input = new AlertInput { Labels = labels, Annotations = annotations, Severity = severity, For = forDuration };
        var errors = AlertInputValidator.Validate([input]);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The alert is not valid");
        }

        var existed = alerts.FindByFingerprint(Fingerprint.Of(labels)) is not null;
        var created = (await alerts.IngestAsync([input], AlertSources.Manual, Actor.Of(user, body.By)))[0];
        return existed ? TypedResults.Ok(created) : TypedResults.Created($"/alerts/{created.Id}", created);
    }

    public static async Task<IResult> Acknowledge(long id, HttpRequest request, ClaimsPrincipal user, AlertService alerts, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadOptionalAsync<AcknowledgeRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return ToResult(id, await alerts.AcknowledgeAsync(id, Actor.Of(user, body?.By), body?.Comment, body?.SnoozeUntil));
    }

    public static async Task<IResult> Resolve(long id, HttpRequest request, ClaimsPrincipal user, AlertService alerts, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadOptionalAsync<ResolveRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return ToResult(id, await alerts.ResolveAsync(id, Actor.Of(user, body?.By), body?.Comment));
    }

    /// <summary>Acknowledge and resolve may be posted with no body at all.</summary>
    private static async Task<(T? Value, ProblemHttpResult? Problem)> ReadOptionalAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class =>
        request.ContentLength is null or 0 && !request.HasJsonContentType()
            ? (null, null)
            : await JsonBody.ReadAsync<T>(request, cancellationToken);

    private static IResult ToResult(long id, AlertOperation operation) => operation.Outcome switch
    {
        AlertOperationOutcome.Changed or AlertOperationOutcome.Unchanged => TypedResults.Ok(operation.Alert),
        AlertOperationOutcome.NotFound => NotFound(id),
        AlertOperationOutcome.Conflict => TypedResults.Problem(statusCode: 409, title: "Conflict", detail: operation.Detail),
        _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [operation.Field!] = [operation.Detail!] }),
    };

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: 404, title: "Not Found", detail: $"no alert with id {id}.");

    private static List<T>? ParseList<T>(string? text, string key, Dictionary<string, string[]> errors, Func<string, T?> parse, string message)
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(text) || text == "all")
        {
            return null;
        }

        var result = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (parse(part) is { } value)
            {
                result.Add(value);
            }
            else
            {
                errors[key] = [message];
                return null;
            }
        }

        return result;
    }
}

public sealed record ManualAlertRequest(
    string? Name,
    string? Severity,
    string? Summary,
    string? Description,
    Dictionary<string, string>? Labels,
    Dictionary<string, string>? Annotations,
    string? For,
    string? By);

public sealed record AcknowledgeRequest(string? By, string? Comment, DateTimeOffset? SnoozeUntil);

public sealed record ResolveRequest(string? By, string? Comment);

public sealed record AlertTimelineEntry(DateTimeOffset At, string Kind, string Actor, string? Comment);

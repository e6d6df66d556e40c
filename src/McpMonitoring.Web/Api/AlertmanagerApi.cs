using System.Security.Claims;
using System.Text.Json.Serialization;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Web.Security;

namespace McpMonitoring.Web.Api;

/// <summary>
/// Alertmanager API v2 compatibility, so a real Prometheus (alerting.alertmanagers) can send its alerts here:
/// POST /api/v2/alerts takes the postableAlerts array (labels, annotations, startsAt, endsAt, generatorURL);
/// GET /api/v2/alerts returns gettableAlerts. A resent alert updates; an endsAt in the past resolves; an
/// alert not resent within Alerting:ResolveTimeout resolves, as in Alertmanager.
/// </summary>
public static class AlertmanagerApi
{
    public static IEndpointRouteBuilder MapAlertmanagerApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2").WithTags("Alertmanager compatible");
        group.MapPost("/alerts", Post).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Receive alerts in Alertmanager's v2 format");
        group.MapGet("/alerts", Get).WithSummary("Active alerts in Alertmanager's v2 format");
        group.MapGet("/status", () => TypedResults.Ok(new { cluster = new { status = "disabled" }, versionInfo = new { version = "mcpmonitoring" } }));
        return app;
    }

    public static async Task<IResult> Post(HttpRequest request, ClaimsPrincipal user, AlertService alerts, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<List<PostableAlert>>(request, cancellationToken, strict: false);
        if (problem is not null)
        {
            return problem;
        }

        var inputs = body!.Select(a => new AlertInput
        {
            Labels = a.Labels ?? [],
            Annotations = a.Annotations ?? [],
            StartsAt = a.StartsAt,
            EndsAt = a.EndsAt,
            GeneratorUrl = a.GeneratorUrl,
        }).ToList();
        var errors = AlertInputValidator.Validate(inputs, prefix: "$");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid alerts");
        }

        await alerts.IngestAsync(inputs, AlertSources.Alertmanager, Actor.Of(user, null) is "anonymous" ? "alertmanager-api" : Actor.Of(user, null));
        return TypedResults.Ok();
    }

    public static IResult Get(AlertService alerts) => TypedResults.Ok(alerts.GetActive().Where(a => a.State != AlertState.Pending).Select(a => new GettableAlert(
        a.Labels,
        a.Annotations,
        a.StartsAt,
        a.ResolvedAt ?? a.LastReceivedAt,
        a.LastReceivedAt,
        a.Fingerprint,
        a.GeneratorUrl ?? "",
        new AlertStatus(
            a.Suppression is null ? "active" : "suppressed",
            a.Suppression is { Kind: SuppressionKind.Silence or SuppressionKind.MaintenanceWindow } s ? [s.Id] : [],
            a.Suppression is { Kind: SuppressionKind.Inhibition or SuppressionKind.Dependency } i ? [i.Id] : []),
        [])));

    public sealed record PostableAlert(
        Dictionary<string, string>? Labels,
        Dictionary<string, string>? Annotations,
        DateTimeOffset? StartsAt,
        DateTimeOffset? EndsAt,
        [property: JsonPropertyName("generatorURL")] string? GeneratorUrl);

    public sealed record GettableAlert(
        IReadOnlyDictionary<string, string> Labels,
        IReadOnlyDictionary<string, string> Annotations,
        DateTimeOffset StartsAt,
        DateTimeOffset EndsAt,
        DateTimeOffset UpdatedAt,
        string Fingerprint,
        [property: JsonPropertyName("generatorURL")] string GeneratorUrl,
        AlertStatus Status,
        IReadOnlyList<object> Receivers);

    public sealed record AlertStatus(string State, IReadOnlyList<string> SilencedBy, IReadOnlyList<string> InhibitedBy);
}

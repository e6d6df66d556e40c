using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api.Metrics;

/// <summary>
/// /metrics/targets: scrape targets with the outcome of their last scrape; API targets can be created, replaced and
/// removed (prometheus.yml's are read-only). Names may contain '/' (prometheus.yml's are <c>job/host:port</c>).
/// </summary>
public static class ScrapeTargetsApi
{
    public static IEndpointRouteBuilder MapScrapeTargetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/metrics/targets").WithTags("Metrics");
        group.MapGet("", List).WithSummary("Scrape targets and their last scrape; filter by job and health, paged");
        group.MapGet("/{**name}", Get).WithSummary("One scrape target");
        group.MapPost("", Create).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Add a scrape target");
        group.MapPut("/{**name}", Update).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Replace an API-defined scrape target");
        group.MapDelete("/{**name}", Delete).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithSummary("Remove an API-defined scrape target");
        app.MapPost("/metrics/scrape/{**name}", ScrapeNow).RequireAuthorization(ApiKeySecurity.MutatePolicy).WithTags("Metrics")
            .WithSummary("Scrape a target now, outside its schedule, and return the outcome");
        return app;
    }

    public static Results<Ok<Page<ScrapeTargetStatus>>, ValidationProblem> List(
        ScrapeTargetService targets, string? job = null, string? health = null, string? q = null, int offset = 0, int limit = 100)
    {
        var errors = new Dictionary<string, string[]>();
        ScrapeHealth? healthFilter = null;
        if (health is not null)
        {
            if (Enum.TryParse<ScrapeHealth>(health, true, out var h) && !int.TryParse(health, out _))
            {
                healthFilter = h;
            }
            else
            {
                errors["health"] = ["health must be one of up, down, unknown."];
            }
        }

        Paging.Validate(offset, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var all = targets.GetAll()
            .Where(t => job is null || t.Target.Job == job)
            .Where(t => healthFilter is null || t.Health == healthFilter)
            .Where(t => q is null || t.Target.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || t.Target.Url.ToString().Contains(q, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return TypedResults.Ok(new Page<ScrapeTargetStatus>([.. all.Skip(offset).Take(limit)], all.Count, offset, limit));
    }

    public static Results<Ok<ScrapeTargetStatus>, NotFound<ProblemDetailsLike>> Get(string name, ScrapeTargetService targets) =>
        targets.Get(name) is { } status ? TypedResults.Ok(status) : TypedResults.NotFound(NotFound(name));

    public static async Task<IResult> Create(HttpRequest request, HttpContext context, ScrapeTargetService targets, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ScrapeTargetRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await targets.CreateAsync(body!, ConfigResults.Actor(context), cancellationToken);
        return ConfigResults.ToResult(result, "scrape target", body!.Name, created: s => TypedResults.Created($"/metrics/targets/{s.Target.Name}", s));
    }

    public static async Task<IResult> Update(string name, HttpRequest request, HttpContext context, ScrapeTargetService targets, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ScrapeTargetRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return ConfigResults.ToResult(await targets.UpdateAsync(name, body!, ConfigResults.Actor(context), cancellationToken), "scrape target", name);
    }

    public static async Task<IResult> Delete(string name, HttpContext context, ScrapeTargetService targets, CancellationToken cancellationToken)
        => ConfigResults.ToResult(await targets.DeleteAsync(name, ConfigResults.Actor(context), cancellationToken), "scrape target", name);

    public static async Task<Results<Ok<ScrapeOutcome>, NotFound<ProblemDetailsLike>>> ScrapeNow(string name, ScrapeScheduler scheduler, CancellationToken cancellationToken) =>
        await scheduler.ScrapeNowAsync(name, cancellationToken) is { } outcome ? TypedResults.Ok(outcome) : TypedResults.NotFound(NotFound(name));

    private static ProblemDetailsLike NotFound(string name) =>
        new("https://tools.ietf.org/html/rfc9110#section-15.5.5", "Not Found", 404, $"no scrape target named '{name}'.");
}

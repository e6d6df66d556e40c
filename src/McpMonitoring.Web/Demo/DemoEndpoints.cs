using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Web.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;

namespace McpMonitoring.Web.Demo;

public static class DemoEndpoints
{
    public const string McpPath = "/demo/mcp";

    public static IServiceCollection AddDemoServices(this IServiceCollection services)
    {
        services.AddSingleton<DemoServices>();
        services.AddHostedService<DemoFleetLoader>();
        services.AddMcpServer(o => o.ServerInfo = new() { Name = "mcpmonitoring-demo", Version = "1.0.0" })
            .WithHttpTransport(o => o.SessionMode = HttpServerSessionMode.StatefulForInitializeClients)
            .WithTools<DemoTools>();
        return services;
    }

    public static IEndpointRouteBuilder MapDemoServices(this WebApplication app)
    {
        var group = app.MapGroup("/demo/services").WithTags("Demo");
        group.MapGet("", (DemoServices demo) => TypedResults.Ok(demo.States));
        group.MapGet("/{name}/health", Health);
        group.MapPost("/{name}/stop", (string name, DemoServices demo) => Set(name, false, demo)).RequireAuthorization(ApiKeySecurity.MutatePolicy);
        group.MapPost("/{name}/start", (string name, DemoServices demo) => Set(name, true, demo)).RequireAuthorization(ApiKeySecurity.MutatePolicy);

        // A stopped demo MCP server (or its database) answers 503 before the MCP handler sees the request.
        app.UseWhen(c => c.Request.Path.StartsWithSegments(McpPath), branch => branch.Use(async (context, next) =>
        {
            var failure = context.RequestServices.GetRequiredService<DemoServices>().Failure(DemoServices.Mcp);
            if (failure is not null)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync(failure);
                return;
            }

            await next();
        }));
        app.MapMcp(McpPath);
        return app;
    }

    private static IResult Health(string name, DemoServices demo)
    {
        if (!demo.Exists(name))
        {
            return TypedResults.Problem(statusCode: 404, title: "Not Found", detail: $"no demo service named '{name}'.");
        }

        var failure = demo.Failure(name);
        return failure is null
            ? TypedResults.Ok(new { status = "ok" })
            : TypedResults.Json(new { status = "down", reason = failure }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Set(string name, bool running, DemoServices demo) =>
        demo.Exists(name) && demo.SetRunning(name, running)
            ? TypedResults.Ok(demo.States)
            : TypedResults.Problem(statusCode: 404, title: "Not Found", detail: $"no demo service named '{name}'.");
}

/// <summary>Once the server listens (its address is known), loads the demo fleet if nothing is configured.</summary>
internal sealed class DemoFleetLoader(
    IHostApplicationLifetime lifetime,
    IServer server,
    TargetService targets,
    ScrapeTargetService scrapeTargets,
    IOptions<MonitoringOptions> options,
    ILogger<DemoFleetLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Demo)
        {
            lifetime.ApplicationStarted.Register(Load);
        }

        return Task.CompletedTask;
    }

    private void Load()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is null)
        {
            logger.LogWarning("The demo fleet needs the server's address, which is unknown; it is not loaded");
            return;
        }

        // Probe ourselves on loopback whatever interface we bound.
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "localhost")
        {
            uri.Host = "127.0.0.1";
        }

        if (targets.LoadDemoFleetIfEmpty(uri.Uri))
        {
            logger.LogInformation("No targets configured: probing the demo fleet at {Address}", uri.Uri);
        }

        uri.Path = "/metrics";
        if (scrapeTargets.LoadDemoTargetIfEmpty(uri.Uri))
        {
            logger.LogInformation("No scrape targets configured: scraping the console's own {Url}", uri.Uri);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

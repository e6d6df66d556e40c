using System.Text.Json.Serialization;
using McpMonitoring.Web.Api;
using McpMonitoring.Web.Api.Metrics;
using McpMonitoring.Web.Components;
using McpMonitoring.Web.Demo;
using McpMonitoring.Web.Hubs;
using McpMonitoring.Web.Security;
using MudBlazor.Services;
using Prometheus;

namespace McpMonitoring.Web;

public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddMonitoringWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddApiKeySecurity(configuration);
        services.AddHostedService<HubBroadcaster>();
        services.AddDemoServices();
        services.AddScoped<Model.BrowserTimeZone>();
        services.AddSingleton<ConsoleLifetime>();
        services.AddScoped<Model.OperatorIdentity>();

        // promtool rejects prometheus-net's default runtime metrics ("_total"/"_count" lint); keep only what passes.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressEventCounters = true, SuppressDebugMetrics = true });
        // Npgsql's meter (created by any PostgreSQL connection in the process) exports "*_count" gauges that fail the same lint.
        Metrics.ConfigureMeterAdapter(o => o.InstrumentFilterPredicate = i => i.Meter.Name is not ("System.Runtime" or "Npgsql"));
        return services;
    }

    public static WebApplication UseMonitoringWeb(this WebApplication app)
    {
        app.Services.GetRequiredService<ConsoleLifetime>(); // uptime counts from start-up, not the first request
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapHealthApi();
        app.MapTargetsApi();
        app.MapAlertsApi();
        app.MapAlertRulesApi();
        app.MapAlertmanagerApi();
        app.MapSilencesApi();
        app.MapMaintenanceWindowsApi();
        app.MapInhibitionRulesApi();
        app.MapAuditApi();
        app.MapRoutesApi();
        app.MapReceiversApi();
        app.MapNotificationsApi();
        app.MapConsoleMetrics();
        app.MapCustomMetricsApi();
        app.MapMetricsSummaryApi();
        app.MapScrapeTargetsApi();
        app.MapMetricsQueryApi();
        app.MapMonitoringWebSocket();
        app.MapHub<MonitoringHub>(MonitoringHub.Path).RequireAuthorization(ApiKeySecurity.StreamPolicy);
        app.MapDemoServices();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

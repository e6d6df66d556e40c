using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Rules;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.History;
using McpMonitoring.Engine.Health.Probes;
using McpMonitoring.Engine.Health.Scheduling;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Hosting;

public static class EngineServiceCollectionExtensions
{
    public const string ConnectionStringName = "Monitoring";
    public const string DefaultConnectionString = "Data Source=data/monitoring.db";

    /// <summary>Registers the engine: options, storage, the event stream, health monitoring and its workers.</summary>
    public static IServiceCollection AddMonitoringEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MonitoringOptions>().Bind(configuration.GetSection(MonitoringOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = DefaultConnectionString;
        }

        services.AddDbContextFactory<MonitoringDbContext>(options => DatabaseProvider.Configure(options, connectionString));
        services.AddHostedService<DatabaseInitializer>();

        services.AddSingleton<MonitoringEventStream>();
        services.AddSingleton<ProbeHistory>();
        services.AddSingleton<IProbeResultSink>(sp => sp.GetRequiredService<ProbeHistory>());
        services.AddSingleton(sp => new ProbeMetrics(Prometheus.Metrics.DefaultRegistry, sp.GetRequiredService<HealthMonitor>));
        services.AddSingleton<IProbeResultSink>(sp => sp.GetRequiredService<ProbeMetrics>());
        services.AddSingleton<HealthMonitor>();
        services.AddSingleton<TargetService>();
        services.AddSingleton<ProbeHistoryQuery>();

        services.AddSingleton<IProbe, HttpProbe>();
        services.AddSingleton<IProbe, TcpProbe>();
        services.AddSingleton<IProbe, DatabaseProbe>();
        services.AddSingleton<IProbe, ContainerProbe>();
        services.AddSingleton<IProbe, McpProbe>();

        services.AddHostedService<TargetCatalogInitializer>();
        services.AddSuppression(configuration);
        services.AddSingleton<ProbeScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ProbeScheduler>());
        services.AddSingleton<ProbeHistoryWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ProbeHistoryWriter>());
        services.AddMetricsStorage(configuration);
        services.AddAlerting(configuration);
        services.AddNotifications(configuration);
        services.AddCustomMetrics(configuration);
        services.AddScraping();
        return services;
    }

    /// <summary>Alerts: the store (group commit), the service (lifecycle), the built-in health source and the rules of alert_rules.yml.</summary>
    public static IServiceCollection AddAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertingOptions>().Bind(configuration.GetSection(AlertingOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertingOptions>, AlertingOptionsValidator>();
        services.AddSingleton<AlertStore>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertStore>());
        services.AddSingleton<AlertService>();
        services.AddSingleton<IFiringAlerts>(sp => sp.GetRequiredService<AlertService>());
        services.AddSingleton<IAlertLookup>(sp => sp.GetRequiredService<AlertService>());
        services.AddHostedService(sp => sp.GetRequiredService<AlertService>());
        services.AddHostedService<HealthAlertSource>();
        services.AddSingleton<ISeriesSource, HealthSeriesSource>();
        services.AddSingleton<AlertRuleEvaluator>();
        // After AlertService: hosted services start in order, and rules ingest into a loaded alert service.
        services.AddSingleton<AlertRuleService>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertRuleService>());
        return services;
    }
}

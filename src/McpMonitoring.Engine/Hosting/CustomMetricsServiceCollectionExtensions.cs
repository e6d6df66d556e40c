using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Custom;
using McpMonitoring.Engine.Metrics.Push;

namespace McpMonitoring.Engine.Hosting;

public static class CustomMetricsServiceCollectionExtensions
{
    /// <summary>
    /// Custom metrics defined over the API (durable definitions, in-memory values), the console's combined exposition
    /// (its own metrics plus the custom ones) and the Pushgateway push when <c>PROMETHEUS_PUSHGATEWAY</c> is set.
    /// </summary>
    /// <remarks>Register after the database initializer: start-up re-registers the stored definitions.</remarks>
    public static IServiceCollection AddCustomMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, CustomMetricsOptionsValidator>();
        services.AddOptions<PushgatewayOptions>().Configure(o => o.Url = configuration[PushgatewayOptions.Key]).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PushgatewayOptions>, PushgatewayOptionsValidator>();

        services.AddSingleton<CustomMetricSet>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ConsoleMetricsWriter>(sp, Prometheus.Metrics.DefaultRegistry));
        services.AddSingleton<CustomMetricService>();
        services.AddHostedService<CustomMetricsInitializer>();

        services.AddHttpClient(PushgatewayPusher.ClientName).RemoveAllLoggers();
        services.AddSingleton<PushgatewayStatus>();
        services.AddHostedService<PushgatewayPusher>();
        return services;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Alerting.Rules;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Engine.Metrics.Rollups;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Hosting;

public static class MetricsStorageServiceCollectionExtensions
{
    /// <summary>
    /// The time-series store (singleton), its retention and rollup workers, the query engine and the scraped series
    /// as a source for alert rules. Needs the engine's TimeProvider and MonitoringDbContext factory.
    /// </summary>
    public static IServiceCollection AddMetricsStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MetricsOptions>().Bind(configuration.GetSection(MetricsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsStorageOptionsValidator>();
        services.AddSingleton(sp => new TimeSeriesStore(sp.GetRequiredService<IOptions<MetricsOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<MetricsRetentionService>();
        services.AddSingleton<MetricRollupRepository>();
        services.AddSingleton<MetricRollupService>();
        services.AddHostedService(sp => sp.GetRequiredService<MetricRollupService>());
        services.AddSingleton(sp => new MetricsQueryEngine(
            sp.GetRequiredService<TimeSeriesStore>(),
            sp.GetRequiredService<IOptions<MetricsOptions>>(),
            sp.GetRequiredService<MetricRollupRepository>()));
        services.AddSingleton<ISeriesSource, StoreSeriesSource>();
        return services;
    }
}

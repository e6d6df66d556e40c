using Microsoft.Extensions.DependencyInjection;
using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Hosting;

public static class ScrapingServiceCollectionExtensions
{
    /// <summary>Scraping: prometheus.yml and API targets, the scheduler, the scraper and its metrics. Needs the metrics store.</summary>
    public static IServiceCollection AddScraping(this IServiceCollection services)
    {
        services.AddSingleton<ScrapeHttpClient>();
        services.AddSingleton<ScrapeTargetRegistry>();
        services.AddSingleton<ScrapeTargetService>();
        services.AddSingleton<Scraper>();
        services.AddSingleton(sp => new ScrapeMetrics(Prometheus.Metrics.DefaultRegistry, sp.GetRequiredService<ScrapeTargetRegistry>, sp.GetRequiredService<TimeSeriesStore>()));
        services.AddHostedService<ScrapeCatalogInitializer>();
        services.AddSingleton<ScrapeScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ScrapeScheduler>());
        return services;
    }
}

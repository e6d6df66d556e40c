using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Scraping;

namespace McpMonitoring.Engine.Hosting;

/// <summary>Loads prometheus.yml and the API's scrape targets before the scheduler starts; a bad file stops start-up naming the problem.</summary>
internal sealed class ScrapeCatalogInitializer(
    ScrapeTargetService targets,
    IOptions<MonitoringOptions> monitoring,
    IOptions<MetricsOptions> metrics) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(monitoring.Value.ConfigDir, metrics.Value.ScrapeConfigFile);
        await targets.LoadAsync(ScrapeConfigLoader.Load(path, metrics.Value), cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>Re-registers the stored custom metric definitions at start-up (after the database initializer: the schema exists).</summary>
internal sealed class CustomMetricsInitializer(CustomMetricService service, ILogger<CustomMetricsInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var count = await service.LoadAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Custom metrics ready: {Count} definitions registered (their values start from zero)", count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

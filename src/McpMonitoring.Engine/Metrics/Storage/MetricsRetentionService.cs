using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>
/// Applies <see cref="TimeSeriesStore.ApplyRetention"/> on a timer: every tenth of the retention, at most once a
/// minute and at least every five (a pass over a million series costs tens of milliseconds).
/// </summary>
public sealed class MetricsRetentionService(TimeSeriesStore store, TimeProvider time, ILogger<MetricsRetentionService> logger) : BackgroundService
{
    public TimeSpan Interval => store.RetentionPassInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var result = store.ApplyRetention();
                    if (result.SeriesDropped > 0 || result.ChunksDropped > 0)
                    {
                        logger.LogDebug(
                            "Metrics retention dropped {Chunks} chunks ({Samples} samples) and {Series} series",
                            result.ChunksDropped,
                            result.SamplesDropped,
                            result.SeriesDropped);
                    }
                }
                catch (Exception ex)
                {
                    // One failed pass must not end retention: memory would grow without bound.
                    logger.LogError(ex, "Metrics retention pass failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

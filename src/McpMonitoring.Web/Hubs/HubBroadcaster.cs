using McpMonitoring.Engine.Streaming;
using Microsoft.AspNetCore.SignalR;

namespace McpMonitoring.Web.Hubs;

/// <summary>Pushes health events to every hub client, method name = event type (TargetStatusChanged, ...).</summary>
internal sealed class HubBroadcaster(MonitoringEventStream events, IHubContext<MonitoringHub> hub, ILogger<HubBroadcaster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = events.Watch(EventTopics.Health | EventTopics.Alerts | EventTopics.Metrics);
        try
        {
            await foreach (var batch in watcher.ReadBatchesAsync(stoppingToken))
            {
                foreach (var monitoringEvent in batch)
                {
                    try
                    {
                        await hub.Clients.All.SendAsync(monitoringEvent.GetType().Name, monitoringEvent, stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogWarning(ex, "Broadcasting {Event} failed", monitoringEvent.GetType().Name);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

using System.Runtime.CompilerServices;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Streaming;
using Microsoft.AspNetCore.SignalR;

namespace McpMonitoring.Web.Hubs;

/// <summary>
/// SignalR hub at /hubs/monitoring. Clients either listen for the server's pushes
/// (<c>TargetStatusChanged</c>, <c>McpToolsDrifted</c>, <c>TargetConfigurationChanged</c>, <c>AlertChanged</c>, sent to all), or call
/// the streaming method <see cref="StreamHealth"/> for a snapshot followed by every change.
/// </summary>
public sealed class MonitoringHub(HealthMonitor monitor, AlertService alerts) : Hub
{
    public const string Path = "/hubs/monitoring";

    public IReadOnlyList<TargetState> GetTargets() => monitor.GetAll();

    public async IAsyncEnumerable<object> StreamHealth([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (snapshot, watcher) = monitor.Subscribe(EventTopics.Alerts | EventTopics.Metrics);
        using (watcher)
        {
            yield return new Api.SnapshotMessage(snapshot, alerts.GetActive());
            await foreach (var batch in watcher.ReadBatchesAsync(cancellationToken))
            {
                foreach (var monitoringEvent in batch)
                {
                    yield return monitoringEvent;
                }
            }
        }
    }
}

using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Alerting;

public sealed partial class AlertService
{
    /// <summary>
    /// Records that an alert was escalated to another receiver (timeline entry and an Escalated event) once the
    /// notification is queued. Returns false when the alert is unknown or no longer firing unacknowledged.
    /// </summary>
    public async Task<bool> RecordEscalationAsync(long id, string comment)
    {
        EnsureLoaded();
        var now = _time.GetUtcNow();
        var batch = new ChangeBatch(this);
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out var runtime) || runtime.State != AlertState.Firing)
            {
                return false;
            }

            batch.Add(runtime, AlertChangeKind.Escalated, SystemActor, comment, now);
        }

        await CommitAsync(batch).ConfigureAwait(false);
        return true;
    }
}

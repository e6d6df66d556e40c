namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>Suppresses alerts in the scope of an open maintenance window.</summary>
/// <remarks>Answers for firing alerts; resolutions are never suppressed (the notifier decides that). Reads memory only.</remarks>
public sealed class MaintenanceSuppression(MaintenanceWindowService windows) : ISuppressionEvaluator
{
    public SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
    {
        foreach (var window in windows.Windows)
        {
            if (window.Applies(labels) && window.Schedule.ActiveAt(now) is { } occurrence)
            {
                return new SuppressionInfo(SuppressionKind.MaintenanceWindow, window.Id, $"maintenance window '{window.Name}' until {occurrence.EndsAt.ToUniversalTime():u}");
            }
        }

        return null;
    }
}

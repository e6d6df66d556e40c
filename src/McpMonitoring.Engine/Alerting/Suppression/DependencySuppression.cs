using McpMonitoring.Engine.Health;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>
/// Automatic inhibition along the dependency graph: an alert whose <c>target</c> label names a target that is
/// Impacted (failing because a dependency is Unhealthy) stays listed but is not notified; the root cause's own
/// alerts are what page.
/// </summary>
/// <remarks>Answers for firing alerts; resolutions are never suppressed (the notifier decides that). Reads memory only.</remarks>
public sealed class DependencySuppression(HealthMonitor monitor) : ISuppressionEvaluator
{
    public SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
    {
        if (!labels.TryGetValue(AlertLabels.Target, out var target) || !monitor.TryGetRuntime(target, out var runtime))
        {
            return null;
        }

        string? root;
        lock (runtime)
        {
            // The cascade writes status and root cause together under this lock.
            root = runtime.Status == HealthStatus.Impacted ? runtime.RootCause : null;
        }

        return root is null ? null : new SuppressionInfo(SuppressionKind.Dependency, root, $"dependency {root} is down");
    }
}

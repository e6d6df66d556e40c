using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Alerting;

/// <summary>
/// Built-in rules per target: <c>TargetUnhealthy</c> while a target is Unhealthy or Impacted (with the root
/// cause in its annotations, so dependency inhibition can keep dependents quiet) and <c>TargetDegraded</c>
/// while it is Degraded, each after <see cref="AlertingOptions.HealthAlertFor"/>; both resolve when it recovers.
/// </summary>
public sealed class HealthAlertSource(
    MonitoringEventStream events,
    AlertService alerts,
    HealthMonitor monitor,
    IOptions<AlertingOptions> options,
    ILogger<HealthAlertSource> logger) : BackgroundService
{
    public const string UnhealthyAlert = "TargetUnhealthy";
    public const string DegradedAlert = "TargetDegraded";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var watcher = events.Watch(EventTopics.Health);
        try
        {
            await foreach (var batch in watcher.ReadBatchesAsync(stoppingToken).ConfigureAwait(false))
            {
                foreach (var change in batch)
                {
                    try
                    {
                        await HandleAsync(change).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        logger.LogError(ex, "Raising the health alert for {Change} failed", change);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    internal async Task HandleAsync(MonitoringEvent change)
    {
        switch (change)
        {
            case TargetStatusChanged { To: HealthStatus.Unhealthy or HealthStatus.Impacted } down:
                await RaiseAsync(down, UnhealthyAlert, options.Value.UnhealthySeverity).ConfigureAwait(false);
                await ResolveAsync(down.Target, DegradedAlert, $"{down.Target} is {down.To}").ConfigureAwait(false);
                break;
            case TargetStatusChanged { To: HealthStatus.Degraded } degraded:
                await ResolveAsync(degraded.Target, UnhealthyAlert, $"{degraded.Target} is Degraded, no longer down").ConfigureAwait(false);
                await RaiseAsync(degraded, DegradedAlert, options.Value.DegradedSeverity).ConfigureAwait(false);
                break;
            case TargetStatusChanged { To: HealthStatus.Healthy } healthy:
                await ResolveAsync(healthy.Target, null, $"{healthy.Target} is Healthy again").ConfigureAwait(false);
                break;
            case TargetConfigurationChanged { Change: ConfigurationChange.Removed } removed:
                await ResolveAsync(removed.Target, null, $"target {removed.Target} was removed").ConfigureAwait(false);
                break;
        }
    }

    private async Task RaiseAsync(TargetStatusChanged change, string alertName, AlertSeverity severity)
    {
        if (!monitor.TryGetRuntime(change.Target, out var runtime))
        {
            return;
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in runtime.Definition.Labels)
        {
            labels[key] = value;
        }

        labels[AlertLabels.AlertName] = alertName;
        labels[AlertLabels.Target] = change.Target;
        labels["kind"] = runtime.Definition.Kind.ToString().ToLowerInvariant();
        labels.Remove(AlertLabels.Severity);
        var annotations = new Dictionary<string, string>
        {
            ["summary"] = change.To == HealthStatus.Impacted
                ? $"{change.Target} is failing because {change.RootCause} is down"
                : $"{change.Target} is {change.To}",
        };
        if (change.Error is not null)
        {
            annotations["description"] = change.Error;
        }

        if (change.RootCause is not null)
        {
            annotations["root_cause"] = change.RootCause;
        }

        await alerts.IngestAsync(
            [new AlertInput { Labels = labels, Annotations = annotations, Severity = severity, For = options.Value.HealthAlertFor }],
            AlertSources.Health,
            AlertService.SystemActor).ConfigureAwait(false);
    }

    private Task<int> ResolveAsync(string target, string? alertName, string comment) =>
        alerts.ResolveWhereAsync(
            a => a.Source == AlertSources.Health
                && a.Labels.TryGetValue(AlertLabels.Target, out var t) && t == target
                && (alertName is null || a.Name == alertName),
            comment);
}

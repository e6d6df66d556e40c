using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>One instant at which a silence or maintenance window starts or ends.</summary>
public readonly record struct SuppressionBoundary(DateTimeOffset At, string Kind, string Id);

/// <summary>
/// Silences and windows start and end by the clock, with no API call to announce it. This service publishes
/// <see cref="AlertConfigurationChanged"/> (actor "system") when such an instant passes, so consumers that
/// re-evaluate suppression on that event (the alert service, pages) need no timer of their own.
/// </summary>
/// <remarks>
/// Waits on a <see cref="TimeProvider"/> timer for the next boundary only (never polls); a configuration change
/// wakes it to recompute, since it may move the next boundary.
/// </remarks>
public sealed class SuppressionClock(
    SilenceService silences,
    MaintenanceWindowService windows,
    MonitoringEventStream events,
    TimeProvider time,
    ILogger<SuppressionClock> logger) : BackgroundService
{
    /// <summary>Every start or end after <paramref name="after"/> that is known now (one per window: its next edge).</summary>
    public IEnumerable<SuppressionBoundary> Boundaries(DateTimeOffset after)
    {
        foreach (var silence in silences.Live)
        {
            if (silence.StartsAt > after)
            {
                yield return new SuppressionBoundary(silence.StartsAt, SuppressionSubjects.Silence, silence.Id);
            }

            if (silence.EndsAt > after)
            {
                yield return new SuppressionBoundary(silence.EndsAt, SuppressionSubjects.Silence, silence.Id);
            }
        }

        foreach (var window in windows.Windows)
        {
            if (window.Schedule.ActiveAt(after) is { } open)
            {
                yield return new SuppressionBoundary(open.EndsAt, SuppressionSubjects.MaintenanceWindow, window.Id);
            }

            if (window.Schedule.NextAfter(after) is { } next)
            {
                yield return new SuppressionBoundary(next.StartsAt, SuppressionSubjects.MaintenanceWindow, window.Id);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var changes = events.Watch(EventTopics.AlertConfiguration, capacity: 16);
        await using var reader = changes.ReadBatchesAsync(stoppingToken).GetAsyncEnumerator(stoppingToken);
        var checkedUntil = time.GetUtcNow();
        Task<bool>? changed = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var next = Boundaries(checkedUntil).Select(b => (DateTimeOffset?)b.At).Min();
                using var wake = new CancellationTokenSource();
                var due = next is { } at ? WaitUntilAsync(at, wake.Token) : Task.Delay(Timeout.Infinite, wake.Token);
                changed ??= reader.MoveNextAsync().AsTask();
                var first = await Task.WhenAny(due, changed).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);
                if (first == changed)
                {
                    if (!await changed.ConfigureAwait(false))
                    {
                        return;
                    }

                    changed = null;
                    continue;
                }

                var now = time.GetUtcNow();
                foreach (var boundary in Boundaries(checkedUntil).Where(b => b.At <= now).Distinct())
                {
                    events.Publish(new AlertConfigurationChanged(boundary.Kind, boundary.Id, ConfigurationChange.Updated, AuditActors.System, now));
                }

                checkedUntil = now;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One bad computation must not end the clock; the next configuration change retries.
                logger.LogError(ex, "Suppression clock failed to compute the next boundary");
                checkedUntil = time.GetUtcNow();
            }
        }
    }

    private Task WaitUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var delay = at - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var timer = Task.Delay(delay, time, cancellationToken);
        // The clock may have passed `at` between reading it and arming the timer (a jump of the clock, or a
        // fake clock in tests); the timer would then wait a whole extra delay.
        return time.GetUtcNow() >= at ? Task.CompletedTask : timer;
    }
}

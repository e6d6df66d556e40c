using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Notifications;

/// <summary>
/// From alert changes to outbox rows: watches alert events (published only once durable), feeds the
/// <see cref="NotificationGrouper"/>, and writes what is due to the outbox (one row per receiver channel), then wakes
/// the dispatcher. It flushes as soon as a group's tick falls due (at once for group_wait 0s, exactly at the end of
/// group_wait otherwise) and at least every <c>Notifications:FlushInterval</c> (escalations).
/// </summary>
public sealed partial class NotificationPipeline(
    MonitoringEventStream events,
    AlertService alerts,
    NotificationConfigService config,
    NotificationOutbox outbox,
    NotificationDispatcher dispatcher,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<NotificationPipeline> logger) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private NotificationGrouper? _grouper;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Watch before the snapshot so no change falls between them.
        using var watcher = events.Watch(EventTopics.Alerts | EventTopics.AlertConfiguration);
        var grouper = new NotificationGrouper(config.Current.Tree);
        grouper.SetTree(config.Current.Tree, alerts.GetActive(), time.GetUtcNow());
        try
        {
            grouper.MarkEscalated(await outbox.EscalationKeysSinceAsync(time.GetUtcNow().AddDays(-7), stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        lock (_lock)
        {
            _grouper = grouper;
        }

        var reader = ReadEventsAsync(watcher, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitForDueAsync(stoppingToken).ConfigureAwait(false);
                try
                {
                    await FlushAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Flushing notification groups failed");
                    // Due groups stay due: retry at the poll interval, not in a tight loop.
                    await Task.Delay(options.Value.FlushInterval, time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await reader.ConfigureAwait(false);
    }

    /// <summary>Until the earliest group tick, a wake-up (a group fell due on an alert change), or FlushInterval at most.</summary>
    private async Task WaitForDueAsync(CancellationToken stoppingToken)
    {
        var delay = options.Value.FlushInterval;
        lock (_lock)
        {
            if (_grouper?.NextDue is { } due)
            {
                var untilDue = due - time.GetUtcNow();
                if (untilDue <= TimeSpan.Zero)
                {
                    return;
                }

                if (untilDue < delay)
                {
                    delay = untilDue;
                }
            }
        }

        using var poll = new CancellationTokenSource(delay, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, stoppingToken);
        try
        {
            await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The delay passed.
        }
    }

    private void WakeFlush()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private async Task ReadEventsAsync(MonitoringEventStream.EventWatcher watcher, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var batch in watcher.ReadBatchesAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow();
                bool due;
                lock (_lock)
                {
                    foreach (var change in batch)
                    {
                        if (change is AlertChanged alert)
                        {
                            _grouper!.Observe(alert.Alert, now);
                        }
                        else if (change is AlertConfigurationChanged { Kind: "route" or "receiver" })
                        {
                            _grouper!.SetTree(config.Current.Tree, alerts.GetActive(), now);
                        }
                    }

                    due = _grouper!.NextDue is { } next && next <= now;
                }

                if (due)
                {
                    // group_wait 0s (or an already overdue tick): flush now rather than at the next poll.
                    WakeFlush();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Runs one flush now (the timer does this every FlushInterval).</summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<GroupNotification> due;
        lock (_lock)
        {
            if (_grouper is null)
            {
                return;
            }

            due = _grouper.Flush(now);
        }

        if (due.Count == 0)
        {
            return;
        }

        var rows = new List<NotificationEntity>();
        foreach (var notification in due)
        {
            rows.AddRange(ToRows(notification, now));
        }

        // Durable first: only then may an escalation be announced on the alert's timeline.
        await outbox.AddAsync(rows, cancellationToken).ConfigureAwait(false);
        dispatcher.Wake();
        foreach (var escalation in due.Where(d => d.Kind == NotificationKinds.Escalation))
        {
            await alerts.RecordEscalationAsync(escalation.Firing[0].Id, escalation.Comment!).ConfigureAwait(false);
        }
    }

    /// <summary>One row per channel of the receiver; channels that do not send resolutions get them left out.</summary>
    public IEnumerable<NotificationEntity> ToRows(GroupNotification notification, DateTimeOffset now)
    {
        if (config.GetReceiver(notification.Receiver) is not { } receiver)
        {
            logger.LogWarning("Notification for group {GroupKey} dropped: receiver {Receiver} does not exist", notification.GroupKey, notification.Receiver);
            yield break;
        }

        foreach (var (kind, index, channel) in receiver.All())
        {
            var alertsToSend = notification.Firing.Concat(channel.SendsResolved ? notification.Resolved : []).Select(NotificationAlert.From).ToList();
            if (alertsToSend.Count == 0)
            {
                continue;
            }

            var id = Guid.CreateVersion7(now).ToString();
            var status = notification.Firing.Count > 0 ? NotificationStatus.Firing : NotificationStatus.Resolved;
            var message = new NotificationMessage(id, notification.Kind, notification.Receiver, status, notification.GroupKey,
                notification.GroupLabels, alertsToSend, now, options.Value.ExternalUrl, notification.ValidFor);
            yield return new NotificationEntity
            {
                Id = id,
                Receiver = notification.Receiver,
                Channel = kind,
                ChannelIndex = index,
                Kind = notification.Kind,
                Status = status,
                GroupKey = notification.GroupKey,
                DedupKey = notification.DedupKey,
                AlertCount = alertsToSend.Count,
                PayloadJson = JsonSerializer.Serialize(message, NotificationMessage.Json),
                State = NotificationOutbox.Pending,
                CreatedAtMs = now.ToUnixTimeMilliseconds(),
                NextAttemptAtMs = now.ToUnixTimeMilliseconds(),
            };
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Notifications.Channels;
using McpMonitoring.Engine.Storage;

namespace McpMonitoring.Engine.Notifications;

/// <summary>
/// Delivers the outbox, at least once: due rows are picked up (after a restart too, since state lives in the
/// database), each channel of each receiver is its own lane with bounded concurrency and a timeout per attempt, so a
/// dead or hanging endpoint delays only itself. Failures back off exponentially (InitialBackoff doubling up to
/// MaxBackoff); a row is dead after MaxAttempts, past MaxAge, or on a permanent refusal (a 4xx).
/// </summary>
/// <remarks>
/// A computed backoff stored in the row rather than an in-memory Polly pipeline: a retry has to survive a restart,
/// and the next attempt time is visible in GET /notifications.
/// </remarks>
public sealed class NotificationDispatcher(
    NotificationOutbox outbox,
    NotificationConfigService config,
    IEnumerable<INotificationChannel> channels,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Kind, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _lanes = new(StringComparer.Ordinal);

    /// <summary>
    /// Rows whose outcome was recorded, with the dispatch pass current at the time. A due-query that started before
    /// the outcome was committed may still return such a row as pending after it left <see cref="_inFlight"/>;
    /// without this it was delivered again (10,000 new groups gave about 16,000 webhook posts).
    /// </summary>
    private readonly ConcurrentDictionary<string, long> _finished = new(StringComparer.Ordinal);
    private long _pass;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly NotificationOptions _options = options.Value;
    private DateTimeOffset _lastPrune;

    public int InFlight => _inFlight.Count;

    /// <summary>New rows or a finished delivery: look again now rather than at the next poll.</summary>
    public void Wake()
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var deliveries = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(deliveries, stoppingToken).ConfigureAwait(false);
                await PruneAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Dispatching notifications failed");
            }

            deliveries.RemoveAll(t => t.IsCompleted);
            await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
        }

        // Let attempts in flight record their outcome; the rest stay pending for the next start.
        await Task.WhenAll(deliveries).ConfigureAwait(false);
    }

    /// <summary>Until woken or the poll interval passed (retries fall due without a wake-up).</summary>
    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var poll = new CancellationTokenSource(_options.DispatchInterval, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(poll.Token, stoppingToken);
        try
        {
            await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The poll interval passed, or the console is stopping (the loop checks).
        }
    }

    private async Task DispatchDueAsync(List<Task> deliveries, CancellationToken stoppingToken)
    {
        var pass = Interlocked.Increment(ref _pass);
        var due = await outbox.DueAsync(time.GetUtcNow(), 200, stoppingToken).ConfigureAwait(false);
        foreach (var row in due)
        {
            var lane = $"{row.Receiver}/{row.Channel}/{row.ChannelIndex}";
            if (_inFlight.ContainsKey(row.Id) || _finished.ContainsKey(row.Id) || _lanes.GetValueOrDefault(lane) >= _options.ConcurrencyPerChannel)
            {
                continue;
            }

            _inFlight[row.Id] = 0;
            _lanes.AddOrUpdate(lane, 1, (_, n) => n + 1);
            deliveries.Add(DeliverAsync(row, lane, stoppingToken));
        }

        // Outcomes recorded before this pass's query began are in what it read: no later query can return them stale.
        foreach (var (id, at) in _finished)
        {
            if (at < pass)
            {
                _finished.TryRemove(id, out _);
            }
        }
    }

    private async Task DeliverAsync(NotificationEntity row, string lane, CancellationToken stoppingToken)
    {
        // Off the dispatch loop: a slow channel must not hold the loop.
        await Task.Yield();
        try
        {
            var error = await AttemptAsync(row, stoppingToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            row.Attempts++;
            row.LastAttemptAtMs = now.ToUnixTimeMilliseconds();
            if (error is null)
            {
                row.State = NotificationOutbox.Sent;
                row.SentAtMs = row.LastAttemptAtMs;
                row.LastError = null;
            }
            else
            {
                row.LastError = error.Value.Message.Length > 2000 ? error.Value.Message[..2000] : error.Value.Message;
                var tooOld = now - DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAtMs) >= _options.MaxAge;
                if (error.Value.Permanent || row.Attempts >= _options.MaxAttempts || tooOld)
                {
                    row.State = NotificationOutbox.Dead;
                    logger.LogWarning("Notification {NotificationId} to {Receiver} ({Channel}) is dead after {Attempts} attempts: {Error}",
                        row.Id, row.Receiver, row.Channel, row.Attempts, row.LastError);
                }
                else
                {
                    row.NextAttemptAtMs = (now + Backoff(row.Attempts)).ToUnixTimeMilliseconds();
                    logger.LogInformation("Notification {NotificationId} to {Receiver} ({Channel}) failed (attempt {Attempts}), retrying: {Error}",
                        row.Id, row.Receiver, row.Channel, row.Attempts, row.LastError);
                }
            }

            await outbox.UpdateAsync(row, CancellationToken.None).ConfigureAwait(false);
            _finished[row.Id] = Interlocked.Read(ref _pass);
        }
        catch (Exception ex)
        {
            // The row stays pending as it was and is picked up again.
            logger.LogError(ex, "Recording the outcome of notification {NotificationId} failed", row.Id);
        }
        finally
        {
            _lanes.AddOrUpdate(lane, 0, (_, n) => n - 1);
            _inFlight.TryRemove(row.Id, out _);
            Wake();
        }
    }

    /// <summary>One attempt; the failure (if any) with a message safe to store.</summary>
    private async Task<(string Message, bool Permanent)?> AttemptAsync(NotificationEntity row, CancellationToken stoppingToken)
    {
        var receiver = config.GetReceiver(row.Receiver);
        var channelConfig = receiver?.Find(row.Channel, row.ChannelIndex);
        if (channelConfig is null || !_channels.TryGetValue(row.Channel, out var channel))
        {
            return ($"receiver '{row.Receiver}' has no {row.Channel} channel #{row.ChannelIndex} any more.", true);
        }

        var message = JsonSerializer.Deserialize<NotificationMessage>(row.PayloadJson, NotificationMessage.Json)!;
        using var timeout = new CancellationTokenSource(_options.DeliveryTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            await channel.SendAsync(message, channelConfig, linked.Token).ConfigureAwait(false);
            return null;
        }
        catch (NotificationDeliveryException ex)
        {
            return (ex.Message, ex.Permanent);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return ($"timed out after {Configuration.Duration.Format(_options.DeliveryTimeout)}.", false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return ("the console stopped during delivery.", false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or MailKit.ProtocolException or MailKit.CommandException)
        {
            return ($"{ex.GetType().Name}: {ex.Message}", false);
        }
    }

    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.InitialBackoff.Ticks * factor, _options.MaxBackoff.Ticks));
        return delay;
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _lastPrune < TimeSpan.FromHours(1))
        {
            return;
        }

        _lastPrune = now;
        var removed = await outbox.PruneAsync(now - _options.SentRetention, now - _options.DeadRetention, cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            logger.LogInformation("Pruned {Count} old notifications", removed);
        }
    }
}

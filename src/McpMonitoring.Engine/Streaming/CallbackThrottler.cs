namespace McpMonitoring.Engine.Streaming;

/// <summary>
/// Runs a callback at most once per <c>minInterval</c>; signals that arrive meanwhile coalesce into one call.
/// A signal that arrives while the callback runs schedules exactly one more call, so the last change is never lost.
/// </summary>
public sealed class CallbackThrottler : IDisposable
{
    private readonly Func<Task> _callback;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private long _lastRunTimestamp;
    private bool _scheduled;
    private bool _running;
    private bool _pendingWhileRunning;
    private bool _disposed;

    public CallbackThrottler(Func<Task> callback, TimeSpan minInterval, TimeProvider time)
    {
        _callback = callback;
        _minInterval = minInterval;
        _time = time;
        _timer = time.CreateTimer(_ => _ = RunAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _lastRunTimestamp = time.GetTimestamp() - (long)(minInterval.TotalSeconds * time.TimestampFrequency);
    }

    public void Signal()
    {
        lock (_lock)
        {
            if (_disposed || _scheduled)
            {
                return;
            }

            if (_running)
            {
                _pendingWhileRunning = true;
                return;
            }

            _scheduled = true;
            var wait = _minInterval - _time.GetElapsedTime(_lastRunTimestamp);
            _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task RunAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _scheduled = false;
            _running = true;
            _lastRunTimestamp = _time.GetTimestamp();
        }

        try
        {
            await _callback().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A failing subscriber (a page that went away) must not stop later signals.
        }
        finally
        {
            bool again;
            lock (_lock)
            {
                _running = false;
                again = _pendingWhileRunning;
                _pendingWhileRunning = false;
            }

            if (again)
            {
                Signal();
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        _timer.Dispose();
    }
}

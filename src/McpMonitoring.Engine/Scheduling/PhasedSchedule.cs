namespace McpMonitoring.Engine.Scheduling;

/// <summary>
/// The due-time queue of the probe and scrape schedulers: each named item keeps a stable phase inside its interval
/// (<see cref="StablePhase"/>), and its next slot is computed from the scheduled time, not from when the work ran,
/// so schedules never drift. Not thread-safe: one scheduler loop owns it.
/// </summary>
public sealed class PhasedSchedule<T>(Func<T, string> nameOf, Func<T, TimeSpan> intervalOf)
    where T : class
{
    private readonly PriorityQueue<T, long> _queue = new();
    private readonly Dictionary<string, T> _scheduled = new(StringComparer.Ordinal);

    /// <summary>
    /// Schedules <paramref name="item"/> under <paramref name="name"/> from its phase after <paramref name="nowTicks"/>,
    /// replacing what was there; null removes the name. The same instance announced twice keeps its slot.
    /// </summary>
    public void Set(string name, T? item, long nowTicks)
    {
        if (item is null)
        {
            _scheduled.Remove(name);
            return;
        }

        if (_scheduled.TryGetValue(name, out var already) && ReferenceEquals(already, item))
        {
            return;
        }

        _scheduled[name] = item;
        _queue.Enqueue(item, nowTicks + StablePhase.Of(name, intervalOf(item)));
    }

    /// <summary>
    /// The next item due at or before <paramref name="nowTicks"/>, already queued again at its next slot; items
    /// replaced or removed since they were queued are dropped on the way.
    /// </summary>
    public bool TryTakeDue(long nowTicks, out T item, out long dueTicks)
    {
        while (_queue.TryPeek(out var candidate, out var due) && due <= nowTicks)
        {
            _queue.Dequeue();
            if (!_scheduled.TryGetValue(nameOf(candidate), out var current) || !ReferenceEquals(current, candidate))
            {
                continue;
            }

            var interval = intervalOf(candidate).Ticks;
            var next = due + interval;
            if (next <= nowTicks)
            {
                // Fell behind by more than an interval (a paused process): keep the phase, skip missed slots.
                next += ((nowTicks - next) / interval + 1) * interval;
            }

            _queue.Enqueue(candidate, next);
            item = candidate;
            dueTicks = due;
            return true;
        }

        item = null!;
        dueTicks = 0;
        return false;
    }
}

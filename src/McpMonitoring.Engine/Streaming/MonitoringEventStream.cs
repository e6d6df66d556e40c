using System.Collections.Immutable;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Streaming;

/// <summary>
/// The engine's one in-process event stream. Producers call <see cref="Publish"/> (a fact) or
/// <see cref="Touch"/> (a hot-path "something changed" without allocating an event) and never block.
/// Consumers take one of three shapes:
/// <list type="bullet">
/// <item>pages: <see cref="Subscribe"/>, a throttled callback after which the page re-queries;</item>
/// <item>external watchers (/ws, the hub): <see cref="Watch"/>, a bounded channel that drops the oldest
/// event and counts drops rather than slow the engine down;</item>
/// <item>snapshot-then-changes: feature services register a watcher, then take their snapshot (see
/// <c>HealthMonitor.SubscribeAsync</c>).</item>
/// </list>
/// </summary>
public sealed class MonitoringEventStream
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _pageInterval;
    private readonly int _watcherCapacity;
    private ImmutableArray<Subscription> _subscriptions = [];
    private ImmutableArray<EventWatcher> _watchers = [];
    private long _published;

    public MonitoringEventStream(TimeProvider time, IOptions<MonitoringOptions> options)
    {
        _time = time;
        _pageInterval = options.Value.UiUpdateInterval;
        _watcherCapacity = options.Value.WatcherBufferSize;
    }

    public long PublishedCount => Interlocked.Read(ref _published);

    public int WatcherCount => _watchers.Length;

    public void Publish(MonitoringEvent monitoringEvent)
    {
        Interlocked.Increment(ref _published);
        foreach (var watcher in _watchers)
        {
            watcher.Offer(monitoringEvent);
        }

        Touch(monitoringEvent.Topic);
    }

    /// <summary>Wakes page subscriptions for <paramref name="topics"/> without an event object.</summary>
    public void Touch(EventTopics topics)
    {
        foreach (var subscription in _subscriptions)
        {
            if ((subscription.Topics & topics) != 0)
            {
                subscription.Throttler.Signal();
            }
        }
    }

    /// <summary>Calls <paramref name="callback"/> after changes on <paramref name="topics"/>, at most once per interval.</summary>
    /// <remarks>Dispose the result when the page goes away. The callback runs on a timer thread.</remarks>
    public IDisposable Subscribe(EventTopics topics, Func<Task> callback, TimeSpan? minInterval = null)
    {
        var subscription = new Subscription(this, topics, new CallbackThrottler(callback, minInterval ?? _pageInterval, _time));
        ImmutableInterlocked.Update(ref _subscriptions, static (list, s) => list.Add(s), subscription);
        return subscription;
    }

    /// <summary>A bounded watcher for external clients. Register it before taking any snapshot so nothing falls between.</summary>
    public EventWatcher Watch(EventTopics topics, int? capacity = null)
    {
        var watcher = new EventWatcher(this, topics, capacity ?? _watcherCapacity);
        ImmutableInterlocked.Update(ref _watchers, static (list, w) => list.Add(w), watcher);
        return watcher;
    }

    private sealed class Subscription(MonitoringEventStream owner, EventTopics topics, CallbackThrottler throttler) : IDisposable
    {
        public EventTopics Topics { get; } = topics;

        public CallbackThrottler Throttler { get; } = throttler;

        public void Dispose()
        {
            ImmutableInterlocked.Update(ref owner._subscriptions, static (list, s) => list.Remove(s), this);
            Throttler.Dispose();
        }
    }

    /// <summary>Events for one external client; read with <see cref="ReadBatchesAsync"/>, dispose to unregister.</summary>
    public sealed class EventWatcher : IDisposable
    {
        private readonly MonitoringEventStream _owner;
        private readonly EventTopics _topics;
        private readonly Channel<MonitoringEvent> _channel;
        private long _dropped;

        internal EventWatcher(MonitoringEventStream owner, EventTopics topics, int capacity)
        {
            _owner = owner;
            _topics = topics;
            _channel = Channel.CreateBounded<MonitoringEvent>(
                new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
                _ => Interlocked.Increment(ref _dropped));
        }

        /// <summary>Events dropped because this client read too slowly.</summary>
        public long Dropped => Interlocked.Read(ref _dropped);

        internal void Offer(MonitoringEvent monitoringEvent)
        {
            if ((monitoringEvent.Topic & _topics) != 0)
            {
                _channel.Writer.TryWrite(monitoringEvent);
            }
        }

        /// <summary>Waits for at least one event, then yields everything already queued as one batch.</summary>
        public async IAsyncEnumerable<IReadOnlyList<MonitoringEvent>> ReadBatchesAsync(
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var reader = _channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var batch = new List<MonitoringEvent>();
                while (batch.Count < 1000 && reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (batch.Count > 0)
                {
                    yield return batch;
                }
            }
        }

        public void Dispose()
        {
            ImmutableInterlocked.Update(ref _owner._watchers, static (list, w) => list.Remove(w), this);
            _channel.Writer.TryComplete();
        }
    }
}

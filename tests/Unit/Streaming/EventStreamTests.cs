using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Streaming;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpMonitoring.Tests.Unit.Streaming;

public sealed class EventStreamTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly MonitoringEventStream _stream;

    public EventStreamTests() => _stream = new MonitoringEventStream(_time, Options.Create(new MonitoringOptions
    {
        UiUpdateInterval = TimeSpan.FromMilliseconds(100),
        WatcherBufferSize = 10,
    }));

    [Fact]
    public void Subscribe_ManySignals_CoalescedToOneCallPerInterval()
    {
        var calls = 0;
        using var subscription = _stream.Subscribe(EventTopics.ProbeResults, () => { Interlocked.Increment(ref calls); return Task.CompletedTask; });

        // The first signal runs at once (nothing ran within the interval); the next 999 wait for the interval.
        for (var i = 0; i < 1000; i++)
        {
            _stream.Touch(EventTopics.ProbeResults);
        }

        Assert.Equal(1, calls);
        _time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(1, calls);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, calls);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Subscribe_OtherTopic_NotCalled()
    {
        var calls = 0;
        using var subscription = _stream.Subscribe(EventTopics.Health, () => { calls++; return Task.CompletedTask; });
        _stream.Touch(EventTopics.ProbeResults);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, calls);
    }

    [Fact]
    public void Subscribe_Disposed_NoMoreCalls()
    {
        var calls = 0;
        var subscription = _stream.Subscribe(EventTopics.All, () => { calls++; return Task.CompletedTask; });
        _stream.Touch(EventTopics.Health);
        subscription.Dispose();
        _stream.Touch(EventTopics.Health);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Watch_SlowReader_DropsOldestAndCounts()
    {
        using var watcher = _stream.Watch(EventTopics.Health);
        for (var i = 0; i < 25; i++)
        {
            _stream.Publish(new TargetConfigurationChanged($"t{i}", ConfigurationChange.Added, _time.GetUtcNow()));
        }

        Assert.Equal(15, watcher.Dropped);
        await using var batches = watcher.ReadBatchesAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await batches.MoveNextAsync());
        var names = batches.Current.Cast<TargetConfigurationChanged>().Select(e => e.Target).ToList();
        Assert.Equal(Enumerable.Range(15, 10).Select(i => $"t{i}"), names);
    }

    [Fact]
    public void Publish_NoWatchers_NeverBlocks()
    {
        for (var i = 0; i < 100_000; i++)
        {
            _stream.Publish(new TargetStatusChanged("t", HealthStatus.Healthy, HealthStatus.Unhealthy, null, null, _time.GetUtcNow()));
        }

        Assert.Equal(100_000, _stream.PublishedCount);
    }
}

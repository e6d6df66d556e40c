using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Streaming;
using Microsoft.Extensions.Time.Testing;

namespace McpMonitoring.Tests.Unit.Streaming;

public sealed class MonitoringEventStreamTests
{
    [Fact]
    public void Subscribe_TenThousandTouchesPerSecond_CallsBackAboutTenTimesPerSecond()
    {
        // Arrange: a 100k fleet at 10 s means 10,000 results/s, each one a Touch; a page must not render per probe.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var events = new MonitoringEventStream(time, Microsoft.Extensions.Options.Options.Create(new MonitoringOptions()));
        var calls = 0;
        using var subscription = events.Subscribe(EventTopics.All, () =>
        {
            Interlocked.Increment(ref calls);
            return Task.CompletedTask;
        });

        // Act: one second of fake time, ten touches every millisecond.
        for (var ms = 0; ms < 1000; ms++)
        {
            for (var i = 0; i < 10; i++)
            {
                events.Touch(EventTopics.ProbeResults);
            }

            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        time.Advance(TimeSpan.FromMilliseconds(200));

        // Assert: at most one call per UiUpdateInterval (100 ms), and the last touch is not lost.
        Assert.InRange(calls, 10, 11);
    }
}

using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static McpMonitoring.Tests.Unit.Infrastructure.SuppressionFixture;

namespace McpMonitoring.Tests.Unit.Alerting;

public sealed class SuppressionClockTests : IAsyncDisposable
{
    private readonly SuppressionFixture _f = new();
    private readonly SuppressionClock _clock;

    public SuppressionClockTests() =>
        _clock = new SuppressionClock(_f.Silences, _f.Windows, _f.Engine.Events, _f.Time, NullLogger<SuppressionClock>.Instance);

    public async ValueTask DisposeAsync()
    {
        await _clock.StopAsync(CancellationToken.None);
        _clock.Dispose();
    }

    [Fact]
    public async Task SilenceStartsAndEnds_AnnouncedWhenTheClockPassesThem()
    {
        var ct = TestContext.Current.CancellationToken;
        using var watcher = _f.Engine.Events.Watch(EventTopics.AlertConfiguration);
        await _clock.StartAsync(ct);
        var id = (await _f.Silences.CreateAsync(new SilenceInput
        {
            Matchers = Matchers("{a=\"b\"}"),
            StartsAt = _f.Time.GetUtcNow() + TimeSpan.FromMinutes(10),
            EndsAt = _f.Time.GetUtcNow() + TimeSpan.FromMinutes(40),
            Comment = "later",
        }, "alice", ct)).Value!.Id;
        Assert.Equal([_f.Time.GetUtcNow() + TimeSpan.FromMinutes(10), _f.Time.GetUtcNow() + TimeSpan.FromMinutes(40)],
            _clock.Boundaries(_f.Time.GetUtcNow()).Select(b => b.At));

        _f.Time.Advance(TimeSpan.FromMinutes(10));
        var started = await NextSystemEventAsync(watcher, ct);
        Assert.Equal(("silence", id), (started.Kind, started.Id));
        Assert.Equal(_f.Time.GetUtcNow(), started.At);

        _f.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(id, (await NextSystemEventAsync(watcher, ct)).Id);
    }

    [Fact]
    public async Task Boundaries_RecurringWindow_NextStartThenEndOfOpenOccurrence()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = _f.Time.GetUtcNow();
        await _f.Windows.CreateAsync(new MaintenanceWindowInput { Name = "hourly", Targets = ["a"], Cron = "0 * * * *", Duration = TimeSpan.FromMinutes(15) }, "alice", ct);

        // 12:00 itself is an occurrence: it is open until 12:15, the next one starts at 13:00.
        Assert.Equal([now + TimeSpan.FromMinutes(15), now + TimeSpan.FromHours(1)], _clock.Boundaries(now).Select(b => b.At).Order());
        Assert.Equal([now + TimeSpan.FromHours(1)], _clock.Boundaries(now + TimeSpan.FromMinutes(20)).Select(b => b.At));
        Assert.Equal([now + TimeSpan.FromMinutes(75), now + TimeSpan.FromHours(2)],
            _clock.Boundaries(now + TimeSpan.FromMinutes(65)).Select(b => b.At).Order());
    }

    private static async Task<AlertConfigurationChanged> NextSystemEventAsync(MonitoringEventStream.EventWatcher watcher, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        await foreach (var batch in watcher.ReadBatchesAsync(timeout.Token))
        {
            if (batch.OfType<AlertConfigurationChanged>().FirstOrDefault(e => e.Actor == "system") is { } found)
            {
                return found;
            }
        }

        throw new TimeoutException("no system event");
    }
}

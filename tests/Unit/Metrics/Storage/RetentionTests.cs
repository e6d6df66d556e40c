using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static McpMonitoring.Tests.Unit.Metrics.MetricsTestData;

namespace McpMonitoring.Tests.Unit.Metrics.Storage;

public sealed class RetentionTests
{
    private static readonly MetricsOptions Options = new() { Retention = TimeSpan.FromHours(1), SamplesPerChunk = 20 };

    [Fact]
    public void ApplyRetention_OldChunks_DroppedWholeAndNewerKept()
    {
        var time = Clock();
        var store = Store(time, Options);
        var id = store.GetOrCreateSeries(Labels("g"));
        // 2 h at 15 s: 480 samples in chunks of 20.
        for (var i = 0; i < 480; i++)
        {
            store.Append(id, T0Ms + (i * 15_000L), i);
        }

        time.SetUtcNow(T0 + TimeSpan.FromHours(2) + TimeSpan.FromMinutes(2));
        var result = store.ApplyRetention();

        // Cutoff T0 + 1h02m: every chunk whose last sample is older goes, whole; the chunk straddling the cutoff
        // stays whole, so the oldest sample left is at or before the cutoff, less than one chunk (20 samples) before.
        var cutoff = T0Ms + (long)TimeSpan.FromMinutes(62).TotalMilliseconds;
        var left = ReadAll(store, id);
        Assert.InRange(left[0].TimestampMs, cutoff - (20 * 15_000), cutoff);
        Assert.Equal(Enumerable.Range((int)left[0].Value, left.Count).Select(i => (double)i), left.Select(s => s.Value));
        Assert.Equal(479, left[^1].Value);
        Assert.Equal(480 - left.Count, result.SamplesDropped);
        Assert.True(result.ChunksDropped >= 12, $"{result.ChunksDropped} chunks dropped");
        Assert.Equal(left.Count, store.GetStats().Samples);
        Assert.Equal(0, result.SeriesDropped);
    }

    [Fact]
    public void ApplyRetention_SeriesWithoutRecentSamples_DroppedAndIdNeverAddressesAnother()
    {
        var time = Clock();
        var store = Store(time, Options);
        store.SetMetadata("old", MetricType.Gauge, "gone soon");
        var old = store.GetOrCreateSeries(Labels("old", "instance", "x"));
        var kept = store.GetOrCreateSeries(Labels("kept"));
        store.Append(old, T0Ms, 1);
        store.Append(kept, T0Ms, 1);
        time.SetUtcNow(T0 + TimeSpan.FromMinutes(90));
        store.Append(kept, time.GetUtcNow().ToUnixTimeMilliseconds(), 2);

        var result = store.ApplyRetention();

        Assert.Equal(1, result.SeriesDropped);
        Assert.Equal(1, store.GetStats().Series);
        Assert.Equal(1, store.GetStats().SeriesDropped);
        Assert.Equal(["kept"], store.MetricNames());
        Assert.Empty(store.LabelValues("old", "instance"));
        Assert.Null(store.GetMetadata("old"));

        // The slot is reused by the next new series, under a new generation: the old id addresses nothing.
        var next = store.GetOrCreateSeries(Labels("new"));
        Assert.NotEqual(old, next);
        Assert.Equal(old & 0xffffff, next & 0xffffff);
        Assert.Equal(AppendStatus.UnknownSeries, store.TryAppend(old, time.GetUtcNow().ToUnixTimeMilliseconds(), 99));
        Assert.Empty(ReadAll(store, next));
        Assert.Null(store.Latest(old));
        Assert.Equal(1, store.GetStats().UnknownSeriesAppends);

        // The same labels again make a new series (a target that came back), not the dropped one.
        var again = store.GetOrCreateSeries(Labels("old", "instance", "x"));
        Assert.NotEqual(old, again);
        Assert.Empty(ReadAll(store, again));
    }

    [Fact]
    public void ApplyRetention_SeriesNeverAppended_DroppedOnlyAtSecondPass()
    {
        var time = Clock();
        var store = Store(time, Options);
        var id = store.GetOrCreateSeries(Labels("g"));
        // A scraper creates the series, then appends: a pass in between must not drop it.
        Assert.Equal(0, store.ApplyRetention().SeriesDropped);
        Assert.Equal(AppendStatus.Appended, store.TryAppend(id, T0Ms, 1));
        Assert.Equal(0, store.ApplyRetention().SeriesDropped);

        var idle = store.GetOrCreateSeries(Labels("idle"));
        Assert.Equal(0, store.ApplyRetention().SeriesDropped);
        Assert.Equal(1, store.ApplyRetention().SeriesDropped);
        Assert.Equal(AppendStatus.UnknownSeries, store.TryAppend(idle, T0Ms, 1));
    }

    [Fact]
    public void GetOrCreateSeries_BeyondMaxSeries_RejectedAndCountedUntilRetentionFreesRoom()
    {
        var time = Clock();
        var store = Store(time, new MetricsOptions { MaxSeries = 3, Retention = TimeSpan.FromHours(1) });
        var ids = Enumerable.Range(0, 3).Select(i => store.GetOrCreateSeries(Labels("g", "i", $"{i}"))).ToList();
        Assert.All(ids, id => Assert.True(id >= 0));
        Assert.Equal(-1, store.GetOrCreateSeries(Labels("g", "i", "3")));
        Assert.Equal(-1, store.GetOrCreateSeries(Labels("g", "i", "4")));
        // An existing series is still found at the limit.
        Assert.Equal(ids[1], store.GetOrCreateSeries(Labels("g", "i", "1")));
        Assert.Equal(2, store.GetStats().SeriesRejected);
        Assert.Equal(3, store.GetStats().Series);

        store.Append(ids[0], T0Ms, 1);
        store.Append(ids[1], T0Ms, 1);
        store.Append(ids[2], T0Ms, 1);
        time.SetUtcNow(T0 + TimeSpan.FromHours(2));
        Assert.Equal(3, store.ApplyRetention().SeriesDropped);
        Assert.Equal((0, 0L, 0L), (store.GetStats().Series, store.GetStats().Samples, store.GetStats().ChunkBytes));
        Assert.True(store.GetOrCreateSeries(Labels("g", "i", "3")) >= 0);
    }

    [Fact]
    public async Task RetentionService_ClockPassesInterval_AppliesRetention()
    {
        var time = Clock();
        var store = Store(time, Options);
        var id = store.GetOrCreateSeries(Labels("g"));
        store.Append(id, T0Ms, 1);
        using var service = new MetricsRetentionService(store, time, NullLogger<MetricsRetentionService>.Instance);
        await service.StartAsync(TestContext.Current.CancellationToken);

        // The service arms its timer on a pool thread (ExecuteAsync runs in the background since .NET 10): keep
        // moving the clock by one interval until a pass has run, rather than guessing when the timer exists.
        time.Advance(TimeSpan.FromMinutes(61));
        Wait.Until(
            () =>
            {
                time.Advance(service.Interval);
                return store.GetStats().Series == 0;
            },
            "a retention pass dropped the idle series");
        await service.StopAsync(TestContext.Current.CancellationToken);
    }
}

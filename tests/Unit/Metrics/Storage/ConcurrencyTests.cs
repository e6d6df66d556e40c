using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Storage;
using static McpMonitoring.Tests.Unit.Metrics.MetricsTestData;

namespace McpMonitoring.Tests.Unit.Metrics.Storage;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task ParallelAppendsAndReads_EverySampleStoredAndReadsConsistent()
    {
        const int writers = 8;
        const int seriesPerWriter = 40;
        const int samples = 1_000;
        var store = Store(Clock(), new MetricsOptions { SamplesPerChunk = 32 });
        var ct = TestContext.Current.CancellationToken;
        var done = 0;
        var readerErrors = new List<string>();

        // Each writer creates and appends its own series (one scraper per series), all at once.
        var writing = Enumerable.Range(0, writers).Select(w => Task.Run(
            () =>
            {
                var ids = Enumerable.Range(0, seriesPerWriter).Select(s => store.GetOrCreateSeries(Labels("m", "w", $"{w}", "s", $"{s}"))).ToArray();
                for (var i = 0; i < samples; i++)
                {
                    foreach (var id in ids)
                    {
                        store.Append(id, T0Ms + (i * 15_000L), i);
                    }
                }

                Interlocked.Increment(ref done);
            },
            ct)).ToArray();

        // Readers check what they see: strictly increasing timestamps, each value matching its timestamp.
        var reading = Enumerable.Range(0, 2).Select(r => Task.Run(
            () =>
            {
                var buffer = new List<Sample>();
                while (Volatile.Read(ref done) < writers)
                {
                    foreach (var series in store.Select("m", []))
                    {
                        buffer.Clear();
                        store.Read(series.Id, long.MinValue, long.MaxValue, buffer);
                        for (var i = 0; i < buffer.Count; i++)
                        {
                            if (buffer[i].Value != (buffer[i].TimestampMs - T0Ms) / 15_000 || (i > 0 && buffer[i].TimestampMs <= buffer[i - 1].TimestampMs))
                            {
                                lock (readerErrors)
                                {
                                    readerErrors.Add($"{series.Labels}: sample {i} is {buffer[i]}");
                                }

                                return;
                            }
                        }

                        _ = store.Latest(series.Id);
                    }
                }
            },
            ct)).ToArray();

        await Task.WhenAll(writing);
        await Task.WhenAll(reading);

        Assert.Empty(readerErrors);
        var stats = store.GetStats();
        Assert.Equal(writers * seriesPerWriter, stats.Series);
        Assert.Equal(writers * seriesPerWriter * samples, stats.Samples);
        foreach (var series in store.Select("m", []))
        {
            var all = ReadAll(store, series.Id);
            Assert.Equal(samples, all.Count);
            Assert.Equal(samples - 1, all[^1].Value);
        }
    }
}

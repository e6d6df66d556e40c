using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Storage;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Bench;

/// <summary>
/// The store's hot path as a scraper drives it: one operation appends one sample to one series, a "scrape" being
/// one sample for each of <see cref="Series"/> series (counters, noisy gauges and constants, a third each). Each
/// iteration starts from a fresh store and scrapes 2 h at 15 s (480 scrapes), so chunks are cut and sealed as in
/// production.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class TimeSeriesStoreBenchmarks
{
    internal const int Scrapes = 480;
    internal const long T0 = 1_796_000_000_000;
    internal TimeSeriesStore Store => _store;

    private TimeSeriesStore _store = null!;
    private int[] _ids = [];
    private SyntheticSeries[] _values = [];

    [Params(10_000)]
    public int Series { get; set; }

    [IterationSetup(Targets = [nameof(AppendTwoHoursOfScrapes), nameof(AppendTwoHoursOfScrapesOnTwoThreads)])]
    public void FreshStore()
    {
        _store = new TimeSeriesStore(Options.Create(new MetricsOptions()), new FixedClock(T0));
        _ids = [.. Enumerable.Range(0, Series).Select(i => _store.GetOrCreateSeries(SyntheticSeries.Labels(i / 1000, i % 1000)))];
        _values = [.. Enumerable.Range(0, Series).Select(i => new SyntheticSeries(i))];
    }

    /// <summary>Per sample: divide the mean by Series x 480.</summary>
    [Benchmark(OperationsPerInvoke = 10_000 * Scrapes)]
    public void AppendTwoHoursOfScrapes() => Scrape(0, _ids.Length);

    /// <summary>Two scrapers at once on disjoint series (each series is appended by one scraper at a time).</summary>
    [Benchmark(OperationsPerInvoke = 10_000 * Scrapes)]
    public void AppendTwoHoursOfScrapesOnTwoThreads() =>
        Parallel.Invoke(() => Scrape(0, _ids.Length / 2), () => Scrape(_ids.Length / 2, _ids.Length));

    internal void Scrape(int from, int to)
    {
        for (var s = 0; s < Scrapes; s++)
        {
            var t = T0 + (s * 15_000L);
            for (var i = from; i < to; i++)
            {
                _store.Append(_ids[i], t + _values[i].Offset + _values[i].Jitter, _values[i].Next());
            }
        }
    }

    private sealed class FixedClock(long ms) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }
}

using BenchmarkDotNet.Attributes;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Query;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Bench;

/// <summary>
/// Range queries over 2 h of 15 s scrapes of 10,000 series (see <see cref="TimeSeriesStoreBenchmarks"/>): one counter
/// metric (200 series), the last hour at 1-minute steps, as a chart asks for it.
/// </summary>
[MemoryDiagnoser]
public class TimeSeriesQueryBenchmarks
{
    private const long T0 = TimeSeriesStoreBenchmarks.T0;
    private MetricsQueryEngine _engine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var store = new TimeSeriesStoreBenchmarks { Series = 10_000 };
        store.FreshStore();
        store.Scrape(0, store.Series);
        _engine = new MetricsQueryEngine(store.Store, Options.Create(new MetricsOptions()));
    }

    /// <summary><c>sum(rate(metric[5m]))</c>.</summary>
    [Benchmark]
    public Task<QueryResult> RateSummed() => Run(TimeSpan.FromMinutes(5), Aggregation.Sum);

    /// <summary>Each series' instant values (200 series of 61 points in the answer).</summary>
    [Benchmark]
    public Task<QueryResult> InstantPerSeries() => Run(null, Aggregation.None);

    private Task<QueryResult> Run(TimeSpan? rate, Aggregation aggregation) => _engine.ExecuteAsync(
        new MetricsQuery(
            SyntheticSeries.Names[0],
            [],
            DateTimeOffset.FromUnixTimeMilliseconds(T0 + (60 * 60_000)),
            DateTimeOffset.FromUnixTimeMilliseconds(T0 + (TimeSeriesStoreBenchmarks.Scrapes * 15_000L)),
            TimeSpan.FromMinutes(1),
            rate,
            aggregation),
        CancellationToken.None);
}

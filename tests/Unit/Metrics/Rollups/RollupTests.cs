using Microsoft.Extensions.Time.Testing;
using static McpMonitoring.Tests.Unit.Metrics.MetricsTestData;

namespace McpMonitoring.Tests.Unit.Metrics.Rollups;

public sealed class RollupTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("mcpmon-rollups-");

    private string ConnectionString => $"Data Source={Path.Combine(_folder.FullName, "monitoring.db")}";

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public Task Rollups_WrittenThenReadAfterRestart_LongRangeChartFromSqlite() => RollupScenario.RunAsync(ConnectionString);

    [Fact]
    public async Task Rollups_OpenBucketAtShutdown_CompletedByNextProcessAndMerged()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(T0 - TimeSpan.FromMinutes(1));
        var first = await RollupProcess.StartAsync(ConnectionString, time, RollupScenario.Options);
        var id = first.Store.GetOrCreateSeries(Labels("queue_depth"));
        for (var i = 0; i < 10; i++)
        {
            first.Store.Append(id, (T0 + TimeSpan.FromSeconds(i * 15)).ToUnixTimeMilliseconds(), i);
        }

        time.SetUtcNow(T0 + TimeSpan.FromSeconds(150));
        await first.Service.RunOnceAsync(ct, final: true);
        Assert.Equal(["queue_depth{} 0: 0 9 45 10 9"], await first.RowsAsync());
        await first.DisposeAsync();

        await using var second = await RollupProcess.StartAsync(ConnectionString, time, RollupScenario.Options);
        id = second.Store.GetOrCreateSeries(Labels("queue_depth"));
        for (var i = 10; i < 20; i++)
        {
            second.Store.Append(id, (T0 + TimeSpan.FromSeconds(i * 15)).ToUnixTimeMilliseconds(), i);
        }

        time.SetUtcNow(T0 + TimeSpan.FromMinutes(5) + second.Service.Grace);
        await second.Service.RunOnceAsync(ct);
        Assert.Equal(["queue_depth{} 0: 0 19 190 20 19"], await second.RowsAsync());
    }

    [Fact]
    public async Task Rollups_BeyondMaxRollupSeries_SkippedAndCountedUntilAPlaceIsGivenUp()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(T0 - TimeSpan.FromMinutes(1));
        await using var process = await RollupProcess.StartAsync(ConnectionString, time, RollupScenario.OptionsWith(maxRollupSeries: 2));
        var x = process.Store.GetOrCreateSeries(Labels("g", "s", "x"));
        var y = process.Store.GetOrCreateSeries(Labels("g", "s", "y"));
        var z = process.Store.GetOrCreateSeries(Labels("g", "s", "z"));
        for (var bucket = 0; bucket < 3; bucket++)
        {
            var t = (T0 + TimeSpan.FromMinutes((bucket * 5) + 1)).ToUnixTimeMilliseconds();
            if (bucket == 0)
            {
                // x only has samples in the first bucket.
                process.Store.Append(x, t, bucket);
            }

            process.Store.Append(y, t, bucket);
            process.Store.Append(z, t, bucket);
            time.SetUtcNow(T0 + TimeSpan.FromMinutes((bucket + 1) * 5) + process.Service.Grace);
            await process.Service.RunOnceAsync(ct);
            if (bucket < 2)
            {
                Assert.Equal(1, process.Service.SkippedSeries);
            }
        }

        // z had no place while x held one; x gave it up after a whole bucket without samples.
        Assert.Equal(
            ["g{\"s\":\"x\"} 0: 0 0 0 1 0", "g{\"s\":\"y\"} 0: 0 0 0 1 0", "g{\"s\":\"y\"} 10: 2 2 2 1 2", "g{\"s\":\"y\"} 5: 1 1 1 1 1", "g{\"s\":\"z\"} 10: 2 2 2 1 2"],
            await process.RowsAsync());
        Assert.Equal(0, process.Service.SkippedSeries);
    }

    [Fact]
    public async Task Rollups_OlderThanRollupRetention_PrunedWithTheirSeries()
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(T0 - TimeSpan.FromMinutes(1));
        await using var process = await RollupProcess.StartAsync(ConnectionString, time, RollupScenario.OptionsWith(rollupRetention: TimeSpan.FromHours(1)));
        var gone = process.Store.GetOrCreateSeries(Labels("g", "s", "gone"));
        var kept = process.Store.GetOrCreateSeries(Labels("g", "s", "kept"));
        process.Store.Append(gone, T0Ms, 1);
        process.Store.Append(kept, T0Ms, 1);
        time.SetUtcNow(T0 + TimeSpan.FromMinutes(5) + process.Service.Grace);
        await process.Service.RunOnceAsync(ct);
        Assert.Equal(2, await process.SeriesRowsAsync());

        // Two hours later only "kept" is still scraped; the hourly prune removes what is older than an hour.
        time.SetUtcNow(T0 + TimeSpan.FromHours(2));
        process.Store.Append(kept, time.GetUtcNow().ToUnixTimeMilliseconds(), 2);
        time.Advance(TimeSpan.FromMinutes(5) + process.Service.Grace);
        await process.Service.RunOnceAsync(ct);

        Assert.Equal(["g{\"s\":\"kept\"} 120: 2 2 2 1 2"], await process.RowsAsync());
        Assert.Equal(1, await process.SeriesRowsAsync());
    }
}

using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Query;
using Microsoft.Extensions.Time.Testing;
using static McpMonitoring.Tests.Unit.Metrics.MetricsTestData;

namespace McpMonitoring.Tests.Unit.Metrics.Rollups;

/// <summary>
/// The long-range chart across a restart, shared by the SQLite and PostgreSQL tests: an hour of 15 s samples of two
/// series (room a = 0, 1, 2, ...; room b = 100 + the same), rolled up into 5-minute buckets, then a new process three
/// hours later (memory empty, the hour long gone from any retention) charting from T0.
/// </summary>
internal static class RollupScenario
{
    public static MetricsOptions Options => OptionsWith();

    public static MetricsOptions OptionsWith(int maxRollupSeries = 10, TimeSpan? rollupRetention = null) => new()
    {
        Retention = TimeSpan.FromMinutes(30),
        RollupInterval = TimeSpan.FromMinutes(5),
        RollupRetention = rollupRetention ?? TimeSpan.FromDays(30),
        MaxRollupSeries = maxRollupSeries,
    };

    public static async Task RunAsync(string connectionString)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(T0 - TimeSpan.FromMinutes(1));
        var first = await RollupProcess.StartAsync(connectionString, time, Options);
        var a = first.Store.GetOrCreateSeries(Labels("room_temperature_celsius", "room", "a"));
        var b = first.Store.GetOrCreateSeries(Labels("room_temperature_celsius", "room", "b"));
        for (var i = 0; i < 240; i++)
        {
            time.SetUtcNow(T0 + TimeSpan.FromSeconds(i * 15));
            first.Store.Append(a, time.GetUtcNow().ToUnixTimeMilliseconds(), i);
            first.Store.Append(b, time.GetUtcNow().ToUnixTimeMilliseconds(), 100 + i);
            if (i % 4 == 3)
            {
                await first.Service.RunOnceAsync(ct);
            }
        }

        // Bucket 11 (55-60 min) is written once its grace has passed.
        time.SetUtcNow(T0 + TimeSpan.FromMinutes(60) + first.Service.Grace);
        await first.Service.RunOnceAsync(ct);
        var rows = await first.RowsAsync();
        Assert.Equal(24, rows.Count);
        // Bucket 15-20 min of room a: samples 60..79.
        Assert.Contains("room_temperature_celsius{\"room\":\"a\"} 15: 60 79 1390 20 79", rows);
        Assert.Contains("room_temperature_celsius{\"room\":\"b\"} 55: 320 339 6590 20 339", rows);
        Assert.Equal(2, first.Service.TrackedSeries);
        Assert.Equal(0, first.Service.SkippedSeries);

        // Shutdown: nothing of the open bucket to add (no samples after 60 min).
        await first.Service.RunOnceAsync(ct, final: true);
        await first.DisposeAsync();

        // Three hours later a new process, with fresh samples of room a only.
        time.SetUtcNow(T0 + TimeSpan.FromHours(3));
        await using var second = await RollupProcess.StartAsync(connectionString, time, Options);
        var again = second.Store.GetOrCreateSeries(Labels("room_temperature_celsius", "room", "a"));
        for (var k = 0; k <= 40; k++)
        {
            second.Store.Append(again, (T0 + TimeSpan.FromHours(3) + TimeSpan.FromSeconds(k * 15)).ToUnixTimeMilliseconds(), 1000);
        }

        time.SetUtcNow(T0 + TimeSpan.FromMinutes(190));
        var chart = await second.Engine.ExecuteAsync(
            new MetricsQuery("room_temperature_celsius", [], T0, T0 + TimeSpan.FromMinutes(190), TimeSpan.FromMinutes(5)), ct);

        Assert.Equal("rollup", chart.Resolution);
        Assert.Equal(2, chart.Series.Count);
        var roomA = chart.Series.Single(s => s.Labels["room"] == "a");
        var roomB = chart.Series.Single(s => s.Labels["room"] == "b");
        // Each bucket's last value at the bucket's end: 19 at 5 min ... 239 at 60 min; nothing at 65 min (the last
        // bucket is 5 minutes old then); raw samples again from 180 min.
        Assert.Equal(
            [.. Enumerable.Range(1, 12).Select(k => (k * 5, (k * 20) - 1.0)), (180, 1000), (185, 1000), (190, 1000)],
            roomA.Points.Select(p => ((int)((p.T - T0Ms) / 60_000), p.V)));
        Assert.Equal(
            [.. Enumerable.Range(1, 12).Select(k => (k * 5, 100 + (k * 20) - 1.0))],
            roomB.Points.Select(p => ((int)((p.T - T0Ms) / 60_000), p.V)));

        // Aggregations and rate work on rollups too: the window widens to two buckets.
        var sum = await second.Engine.ExecuteAsync(
            new MetricsQuery("room_temperature_celsius", [], T0 + TimeSpan.FromMinutes(30), T0 + TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(5), Aggregation: Aggregation.Sum),
            ct);
        Assert.Equal(119 + 219, Assert.Single(Assert.Single(sum.Series).Points).V);
        var rate = await second.Engine.ExecuteAsync(
            new MetricsQuery("room_temperature_celsius", Matcher("room", "a"), T0 + TimeSpan.FromMinutes(30), T0 + TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(5), RateWindow: TimeSpan.FromMinutes(1)),
            ct);
        // Buckets ending at 25 and 30 min: 99 -> 119 over 300 s, extrapolated to the 600 s window: 40 / 600.
        Assert.Equal(40.0 / 600, Assert.Single(Assert.Single(rate.Series).Points).V, 1e-12);

        // A range inside memory never touches the rollups.
        var recent = await second.Engine.ExecuteAsync(
            new MetricsQuery("room_temperature_celsius", [], T0 + TimeSpan.FromMinutes(185), T0 + TimeSpan.FromMinutes(190), TimeSpan.FromMinutes(5)), ct);
        Assert.Equal("raw", recent.Resolution);
        Assert.Equal(2, Assert.Single(recent.Series).Points.Count);
    }

    private static List<McpMonitoring.Engine.Alerting.Matcher> Matcher(string name, string value)
        => [new(name, McpMonitoring.Engine.Alerting.MatchType.Equal, value)];
}

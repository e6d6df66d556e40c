using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Storage;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/McpMonitoring.Bench -- tsdb-footprint [targets] [seriesPerTarget] [scrapes]</c>:
/// the store's memory at Prometheus-benchmark scale (default 1,000 targets x 1,000 series, 720 scrapes = 3 h at 15 s
/// with the default 2 h retention applied every 5 minutes of scrape time, so the last hour is the steady state),
/// measured as managed heap after a full collection (<see cref="GC.GetTotalMemory(bool)"/>) before and after creating
/// the series, at 2 h and at the end, plus the process RSS; and bytes per sample for each kind of series on its own.
/// </summary>
internal static class TsdbFootprint
{
    private const long T0 = 1_796_000_000_000;

    public static void Run(string[] args)
    {
        var targets = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000;
        var perTarget = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
        var scrapes = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 720;
        var count = targets * perTarget;
        Console.WriteLine($"GC: server={GCSettings.IsServerGC} concurrent={GCSettings.LatencyMode} processors={Environment.ProcessorCount}");
        Console.WriteLine($"{targets} targets x {perTarget} series = {count:N0} series, {scrapes} scrapes at 15 s");

        // What the scraper holds (ids) and the value generators are allocated first: not the store's memory.
        var ids = new int[count];
        var values = new SyntheticSeries[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = new SyntheticSeries(i);
        }

        var clock = new FixedClock(T0);
        var store = new TimeSeriesStore(Options.Create(new MetricsOptions { MaxSeries = Math.Max(count, 1) }), clock);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        for (var t = 0; t < targets; t++)
        {
            for (var s = 0; s < perTarget; s++)
            {
                ids[(t * perTarget) + s] = store.GetOrCreateSeries(SyntheticSeries.Labels(t, s));
            }
        }

        var created = watch.Elapsed;
        var afterSeries = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"series created in {created.TotalSeconds:F1} s ({count / created.TotalSeconds:N0}/s)");
        Console.WriteLine($"heap for series, labels and index: {(afterSeries - before) / 1048576.0:F1} MiB = {(double)(afterSeries - before) / count:F0} bytes/series");
        Console.WriteLine($"RSS {Rss()} MiB");

        watch.Restart();
        for (var scrape = 0; scrape < scrapes; scrape++)
        {
            var time = T0 + (scrape * 15_000L);
            for (var i = 0; i < count; i++)
            {
                store.Append(ids[i], time + values[i].Offset + values[i].Jitter, values[i].Next());
            }

            clock.Ms = time;
            if ((scrape + 1) % 20 == 0)
            {
                // What MetricsRetentionService does every 5 minutes.
                store.ApplyRetention();
            }

            if ((scrape + 1) % 120 == 0)
            {
                Console.WriteLine($"  {scrape + 1} scrapes, {watch.Elapsed.TotalSeconds:F0} s, RSS {Rss()} MiB, {store.GetStats().Samples / (double)count:F0} samples/series");
            }

            if (scrape + 1 == 480 && scrapes > 480)
            {
                var atTwoHours = GC.GetTotalMemory(forceFullCollection: true);
                Console.WriteLine($"  at 2 h: heap {(atTwoHours - before) / 1048576.0:F1} MiB = {(double)(atTwoHours - before) / count:F0} bytes/series, RSS {Rss()} MiB");
            }
        }

        var appended = watch.Elapsed;
        var afterSamples = GC.GetTotalMemory(forceFullCollection: true);
        var stats = store.GetStats();
        Console.WriteLine($"appended {(long)count * scrapes:N0} samples in {appended.TotalSeconds:F1} s = {count * (double)scrapes / appended.TotalSeconds:N0} samples/s (one thread, retention passes included); {stats.Samples:N0} in memory");
        Console.WriteLine($"chunk bytes {stats.ChunkBytes / 1048576.0:F1} MiB = {stats.BytesPerSample:F2} bytes/sample");
        Console.WriteLine($"heap total for the store: {(afterSamples - before) / 1048576.0:F1} MiB = {(double)(afterSamples - before) / count:F0} bytes/series with {stats.Samples / (double)count:F0} samples each");
        Console.WriteLine($"RSS {Rss()} MiB (whole process, including the bench's own {(ids.Length * 4L + values.Length * 24L) / 1048576} MiB of ids and generators)");
        GC.KeepAlive(store);
        GC.KeepAlive(ids);

        foreach (var (kind, name) in new[] { (0, "counters (+0..39 per scrape)"), (1, "gauges with noise (+-2 units per scrape)"), (2, "constants") })
        {
            var single = new TimeSeriesStore(Options.Create(new MetricsOptions()), new FixedClock(T0));
            var indexes = Enumerable.Range(0, 50).Where(n => n % 3 == kind).SelectMany(n => Enumerable.Range(0, 20).Select(k => n + (k * 50))).ToArray();
            var generators = indexes.Select(i => new SyntheticSeries(i)).ToArray();
            var seriesIds = indexes.Select(i => single.GetOrCreateSeries(SyntheticSeries.Labels(0, i))).ToArray();
            for (var scrape = 0; scrape < 480; scrape++)
            {
                for (var i = 0; i < seriesIds.Length; i++)
                {
                    single.Append(seriesIds[i], T0 + (scrape * 15_000L) + generators[i].Offset + generators[i].Jitter, generators[i].Next());
                }
            }

            Console.WriteLine($"{name}: {single.GetStats().BytesPerSample:F2} bytes/sample");
        }

        // The worst case for any XOR encoding: a fractional value with fresh noise in every sample.
        var noisy = new TimeSeriesStore(Options.Create(new MetricsOptions()), new FixedClock(T0));
        var random = new Random(1);
        for (var s = 0; s < 1_000; s++)
        {
            var id = noisy.GetOrCreateSeries(SyntheticSeries.Labels(1, s));
            for (var scrape = 0; scrape < 480; scrape++)
            {
                noisy.Append(id, T0 + (scrape * 15_000L), Math.Round(20 + random.NextDouble(), 2));
            }
        }

        Console.WriteLine($"fractional gauges with fresh noise every scrape (worst case): {noisy.GetStats().BytesPerSample:F2} bytes/sample");
    }

    private static long Rss()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return -1;
    }

    private sealed class FixedClock(long ms) : TimeProvider
    {
        public long Ms { get; set; } = ms;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeMilliseconds(Ms);
    }
}

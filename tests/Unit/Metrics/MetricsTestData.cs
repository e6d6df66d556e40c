using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpMonitoring.Tests.Unit.Metrics;

/// <summary>A store on a fake clock, and label sets written the way a test reads them.</summary>
internal static class MetricsTestData
{
    /// <summary>2026-11-29 12:00:00 UTC: a multiple of every step and rollup interval the tests use.</summary>
    public static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static long T0Ms => T0.ToUnixTimeMilliseconds();

    public static FakeTimeProvider Clock(DateTimeOffset? at = null) => new(at ?? T0);

    public static TimeSeriesStore Store(FakeTimeProvider time, MetricsOptions? options = null)
        => new(Options.Create(options ?? new MetricsOptions()), time);

    /// <summary><c>Labels("up", "job", "api", "instance", "a:1")</c>.</summary>
    public static LabelSet Labels(string metric, params string[] pairs)
    {
        var labels = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            labels.Add(new KeyValuePair<string, string>(pairs[i], pairs[i + 1]));
        }

        return LabelSet.From(metric, labels);
    }

    public static List<Sample> ReadAll(TimeSeriesStore store, int id)
    {
        var samples = new List<Sample>();
        store.Read(id, long.MinValue, long.MaxValue, samples);
        return samples;
    }
}

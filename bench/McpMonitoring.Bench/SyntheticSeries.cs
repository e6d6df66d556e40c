using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Bench;

/// <summary>
/// Realistic scraped series for the store benchmarks: what a node-exporter-like target exposes, with 50 metric
/// names, 20 series per name per target told apart by one or two extra labels, and values of three kinds in equal
/// parts: counters growing by small integers, gauges moving by a few units up or down, and constants (info metrics, limits, flags).
/// </summary>
internal struct SyntheticSeries(int index)
{
    public static readonly string[] Names = [.. Enumerable.Range(0, 50).Select(i => $"node_synthetic_metric_{i:00}_{Suffix(i)}")];

    private static readonly string[] Modes = ["user", "system", "idle", "iowait"];
    private ulong _state = ((ulong)index * 0x9E3779B97F4A7C15UL) + 1;
    private double _value = KindOf(index) == 2 ? 1 : 1000 + (index % 97);

    /// <summary>Each target is scraped at its own fixed offset in the interval, plus a millisecond or two of jitter.</summary>
    public readonly int Offset => (index / 1000 * 7919) % 15_000;

    /// <summary>0 counter, 1 gauge with noise, 2 constant: follows the metric name (series index modulo 50).</summary>
    public readonly int Kind => KindOf(index);

    /// <summary>A millisecond or two of scrape jitter, different per scrape and series.</summary>
    public readonly int Jitter => (int)(_state % 3);

    /// <summary>Labels of series <paramref name="series"/> (0..999) of target <paramref name="target"/>: __name__, instance, job, cpu, and mode for half the names.</summary>
    public static LabelSet Labels(int target, int series)
    {
        var name = Names[series % 50];
        var labels = new List<Label>
        {
            new(LabelSet.MetricNameLabel, name),
            new("instance", $"10.{target / 250}.{target % 250}.{(target * 7) % 200}:9100"),
            new("job", $"node-{target % 10}"),
            new("cpu", $"{series / 50 % 20}"),
        };
        if (series % 50 < 25)
        {
            labels.Add(new Label("mode", Modes[series / 50 % 4]));
        }

        return LabelSet.From(labels);
    }

    public double Next()
    {
        // xorshift: cheap enough not to show in the append cost.
        _state ^= _state << 13;
        _state ^= _state >> 7;
        _state ^= _state << 17;
        switch (Kind)
        {
            case 0:
                _value += (double)(_state % 40);
                return _value;
            case 1:
                // A gauge wandering around its level in whole units (connections, queue depth, memory pages).
                _value += (double)(_state % 5) - 2;
                return _value;
            default:
                return _value;
        }
    }

    private static int KindOf(int index) => index % 1000 % 50 % 3;

    private static string Suffix(int nameIndex) => (nameIndex % 3) switch { 0 => "total", 1 => "connections", _ => "info" };
}

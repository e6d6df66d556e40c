using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Query;

/// <summary>
/// The samples of one series for a query: raw samples from memory (with staleness markers) and, before the first
/// of them, one sample per persisted bucket (the bucket's last value, at the bucket's end).
/// </summary>
internal sealed class InputSeries(LabelSet labels)
{
    public LabelSet Labels { get; } = labels;

    public List<Sample> Samples { get; } = [];

    /// <summary>Memory holds this series from here on (Unix ms); earlier instants are answered from rollups.</summary>
    public long RawFromMs { get; set; } = long.MaxValue;

    public bool HasRollups { get; set; }
}

/// <summary>Evaluates one series at every instant of the plan: an instant value, or rate() over the window.</summary>
internal static class SeriesEvaluator
{
    /// <summary>Prometheus' lookback delta: an instant value is the newest sample within the last 5 minutes.</summary>
    public const long LookbackMs = 5 * 60_000;

    /// <summary>Fills <paramref name="values"/>/<paramref name="present"/>; returns how many instants were answered from rollups.</summary>
    public static int Evaluate(QueryPlan plan, InputSeries input, long rollupIntervalMs, double[] values, bool[] present)
    {
        var samples = input.Samples;
        var fromRollups = 0;
        var hi = -1;
        var lo = 0;
        for (var k = 0; k < plan.Points; k++)
        {
            var t = plan.Time(k);
            while (hi + 1 < samples.Count && samples[hi + 1].TimestampMs <= t)
            {
                hi++;
            }

            present[k] = false;
            if (hi < 0)
            {
                continue;
            }

            // Rollup samples are one bucket apart: windows widen so that each instant still finds one (two for rate).
            var rollup = input.HasRollups && t < input.RawFromMs;
            if (plan.RateWindowMs is { } rateWindow)
            {
                var window = rollup ? Math.Max(rateWindow, 2 * rollupIntervalMs) : rateWindow;
                // Left-open window (t - window, t], as in Prometheus 3.
                while (lo < samples.Count && samples[lo].TimestampMs <= t - window)
                {
                    lo++;
                }

                if (lo <= hi && ExtrapolatedRate.Compute(samples, lo, hi, t - window, t) is { } rate)
                {
                    values[k] = rate;
                    present[k] = true;
                }
            }
            else
            {
                var lookback = rollup ? Math.Max(LookbackMs, rollupIntervalMs) : LookbackMs;
                var sample = samples[hi];
                // Not past a staleness marker: a series that vanished shows a gap at once, not 5 minutes of its last value.
                if (sample.TimestampMs > t - lookback && !StaleMarker.IsStale(sample.Value))
                {
                    values[k] = sample.Value;
                    present[k] = true;
                }
            }

            if (present[k] && rollup)
            {
                fromRollups++;
            }
        }

        return fromRollups;
    }
}

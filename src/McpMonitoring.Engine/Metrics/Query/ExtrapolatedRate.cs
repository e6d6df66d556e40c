using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Query;

/// <summary>
/// Prometheus' <c>rate()</c> (promql/functions.go, extrapolatedRate with isCounter and isRate): the increase between
/// the first and last sample of the window, plus the value before each counter reset, extrapolated toward the window
/// edges - all the way when the first or last sample is within 1.1 average intervals of its edge, else by half an
/// average interval - but never to before the counter would have been zero; divided by the window in seconds.
/// </summary>
internal static class ExtrapolatedRate
{
    /// <summary>The rate over the samples in [<paramref name="from"/>, <paramref name="to"/>] of <paramref name="samples"/>, skipping staleness markers; null with fewer than two.</summary>
    public static double? Compute(List<Sample> samples, int from, int to, long rangeStartMs, long rangeEndMs)
    {
        Sample? first = null;
        Sample last = default;
        var count = 0;
        double increase = 0;
        for (var i = from; i <= to; i++)
        {
            var sample = samples[i];
            if (StaleMarker.IsStale(sample.Value))
            {
                continue;
            }

            if (first is null)
            {
                first = sample;
            }
            else if (sample.Value < last.Value)
            {
                // A counter reset: the counter restarted from zero, so everything up to the old value was an increase too.
                increase += last.Value;
            }

            last = sample;
            count++;
        }

        if (count < 2 || first is not { } start)
        {
            return null;
        }

        increase += last.Value - start.Value;
        var sampledInterval = (last.TimestampMs - start.TimestampMs) / 1000.0;
        var averageInterval = sampledInterval / (count - 1);
        var threshold = averageInterval * 1.1;
        var durationToStart = (start.TimestampMs - rangeStartMs) / 1000.0;
        var durationToEnd = (rangeEndMs - last.TimestampMs) / 1000.0;
        if (durationToStart >= threshold)
        {
            durationToStart = averageInterval / 2;
        }

        if (increase > 0 && start.Value >= 0)
        {
            // Counters start at zero: extrapolating further back than that would invent increase.
            var durationToZero = sampledInterval * (start.Value / increase);
            durationToStart = Math.Min(durationToStart, durationToZero);
        }

        if (durationToEnd >= threshold)
        {
            durationToEnd = averageInterval / 2;
        }

        var factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        return increase * factor / ((rangeEndMs - rangeStartMs) / 1000.0);
    }
}

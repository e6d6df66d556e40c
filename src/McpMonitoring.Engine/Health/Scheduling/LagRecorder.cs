namespace McpMonitoring.Engine.Health.Scheduling;

/// <summary>
/// A lock-free histogram of scheduling lag (when a probe started minus when it was due) at 1 ms resolution
/// up to 60 s, so p99 can be read exactly without keeping samples.
/// </summary>
public sealed class LagRecorder
{
    private const int Buckets = 60_001;
    private long[] _counts = new long[Buckets];
    private long _total;
    private long _maxMicros;

    public long Count => Interlocked.Read(ref _total);

    public void Record(TimeSpan lag)
    {
        var ms = (int)Math.Clamp(lag.TotalMilliseconds, 0, Buckets - 1);
        Interlocked.Increment(ref _counts[ms]);
        Interlocked.Increment(ref _total);
        var micros = (long)(lag.TotalMicroseconds);
        long seen;
        while (micros > (seen = Interlocked.Read(ref _maxMicros)) && Interlocked.CompareExchange(ref _maxMicros, micros, seen) != seen)
        {
        }
    }

    /// <summary>The lag below which <paramref name="quantile"/> of probes started, rounded up to the millisecond.</summary>
    public TimeSpan Quantile(double quantile)
    {
        var counts = Volatile.Read(ref _counts);
        var total = Interlocked.Read(ref _total);
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += Interlocked.Read(ref counts[i]);
            if (seen >= rank)
            {
                return TimeSpan.FromMilliseconds(i + 1);
            }
        }

        return TimeSpan.FromMilliseconds(Buckets);
    }

    public TimeSpan Max => TimeSpan.FromMicroseconds(Interlocked.Read(ref _maxMicros));

    /// <summary>Starts a new measurement window (benchmarks reset after warm-up).</summary>
    public void Reset()
    {
        Volatile.Write(ref _counts, new long[Buckets]);
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _maxMicros, 0);
    }
}

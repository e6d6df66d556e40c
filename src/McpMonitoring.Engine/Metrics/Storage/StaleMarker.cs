namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>
/// Prometheus' staleness marker: a NaN with a payload no computation produces (0x7ff0000000000002), written when
/// a series vanishes from its scrape so queries stop showing its last value at once instead of for 5 minutes.
/// Compared by bits: every NaN is unequal to itself, and an ordinary NaN is a real sample value.
/// </summary>
public static class StaleMarker
{
    public const ulong Bits = 0x7ff0000000000002UL;

    public static double Value { get; } = BitConverter.UInt64BitsToDouble(Bits);

    public static bool IsStale(double value) => BitConverter.DoubleToUInt64Bits(value) == Bits;

    internal static bool IsStale(ulong bits) => bits == Bits;
}

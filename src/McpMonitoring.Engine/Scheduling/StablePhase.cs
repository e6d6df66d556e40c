namespace McpMonitoring.Engine.Scheduling;

/// <summary>Spreads periodic work: each name gets a fixed offset inside its interval.</summary>
public static class StablePhase
{
    /// <summary>FNV-1a of the name modulo the interval, in ticks: stable across restarts (string.GetHashCode is not).</summary>
    public static long Of(string name, TimeSpan interval)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (long)(hash % (ulong)Math.Max(1, interval.Ticks));
    }
}

using System.Runtime.CompilerServices;

namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>
/// A counter that many threads bump at once without fighting over one cache line: each thread adds to a stripe
/// picked by its id (each stripe on its own 64-byte line); reading sums the stripes. For totals read now and then
/// (stats) and written on every sample.
/// </summary>
internal sealed class StripedCounter
{
    private const int Stripes = 16;
    private const int Spacing = 8;
    private readonly long[] _cells = new long[Stripes * Spacing];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long delta) =>
        Interlocked.Add(ref _cells[(Environment.CurrentManagedThreadId & (Stripes - 1)) * Spacing], delta);

    public long Value
    {
        get
        {
            long sum = 0;
            for (var i = 0; i < _cells.Length; i += Spacing)
            {
                sum += Interlocked.Read(ref _cells[i]);
            }

            return sum;
        }
    }
}

using System.IO.Hashing;
using System.Security.Cryptography;

namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>What the parser has seen of one metric name, for the duplicate HELP/TYPE checks.</summary>
[Flags]
internal enum FamilySeen : byte
{
    None = 0,
    Help = 1,
    Type = 2,
    Samples = 4,
    Unit = 8,
}

/// <summary>
/// Metric names seen in one parse, keyed by their bytes (looked up with a span, no string per look-up). One table is
/// kept per thread and reused, so a steady stream of scrapes allocates nothing here once it has grown to fit.
/// </summary>
internal sealed class FamilyTable
{
    // Randomised per process so a target cannot pick names that collide on purpose.
    private static readonly long Seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));

    // Tables grown past this by an unusual scrape are dropped after it instead of being kept for the thread.
    private const int MaxRetainedEntries = 1 << 16;

    [ThreadStatic]
    private static FamilyTable? t_cached;

    private struct Entry
    {
        public int Start;
        public int Length;
        public uint Hash;
        public FamilySeen Seen;
        public MetricType Type;
    }

    private byte[] _names = new byte[4096];
    private int _namesLength;
    private Entry[] _entries = new Entry[64];
    private int _count;
    private int[] _buckets = new int[128]; // entry index + 1; 0 = empty

    /// <summary>The thread's table, emptied (a nested parse on the same thread gets a new one).</summary>
    public static FamilyTable Rent()
    {
        var table = t_cached ?? new FamilyTable();
        t_cached = null;
        return table;
    }

    public static void Return(FamilyTable table)
    {
        if (table._count > MaxRetainedEntries)
        {
            return;
        }

        Array.Clear(table._buckets);
        table._count = 0;
        table._namesLength = 0;
        t_cached = table;
    }

    public int Count => _count;

    public ref FamilySeen Seen(int index) => ref _entries[index].Seen;

    public ref MetricType Type(int index) => ref _entries[index].Type;

    /// <summary>The index of <paramref name="name"/>, added (seen nothing, untyped) when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> name)
    {
        var hash = (uint)XxHash3.HashToUInt64(name, Seed);
        var mask = _buckets.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            var index = _buckets[slot] - 1;
            if (index < 0)
            {
                return Add(name, hash, slot);
            }

            ref var entry = ref _entries[index];
            if (entry.Hash == hash && name.SequenceEqual(_names.AsSpan(entry.Start, entry.Length)))
            {
                return index;
            }
        }
    }

    private int Add(ReadOnlySpan<byte> name, uint hash, int slot)
    {
        if (_namesLength + name.Length > _names.Length)
        {
            Array.Resize(ref _names, Math.Max(_names.Length * 2, _namesLength + name.Length));
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        name.CopyTo(_names.AsSpan(_namesLength));
        var index = _count++;
        _entries[index] = new Entry { Start = _namesLength, Length = name.Length, Hash = hash };
        _namesLength += name.Length;
        _buckets[slot] = index + 1;

        // Keep the load at most one half so probe sequences stay short.
        if (_count * 2 > _buckets.Length)
        {
            Rehash();
        }

        return index;
    }

    private void Rehash()
    {
        _buckets = new int[_buckets.Length * 2];
        var mask = _buckets.Length - 1;
        for (var index = 0; index < _count; index++)
        {
            var slot = (int)_entries[index].Hash & mask;
            while (_buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _buckets[slot] = index + 1;
        }
    }
}

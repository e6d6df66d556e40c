using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>
/// Per-target map from a series' text as scraped (<c>name{labels}</c>) to its store id, as Prometheus' scrape
/// cache: a known series costs one hash of its bytes, no parsing of labels and no allocation.
/// </summary>
internal sealed class SeriesCache
{
    private readonly Dictionary<byte[], Entry> _entries = new(ByteKeyComparer.Instance);
    private readonly Dictionary<byte[], Entry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public SeriesCache() => _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();

    public int Count => _entries.Count;

    /// <summary>The series id for <paramref name="series"/> marked as seen in <paramref name="scrape"/>, or false when unknown.</summary>
    public bool TryMarkSeen(ReadOnlySpan<byte> series, int scrape, out int seriesId)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_lookup, series);
        if (Unsafe.IsNullRef(ref entry))
        {
            seriesId = -1;
            return false;
        }

        entry.LastSeen = scrape;
        seriesId = entry.SeriesId;
        return true;
    }

    public void Add(ReadOnlySpan<byte> series, int seriesId, int scrape) => _lookup[series] = new Entry(seriesId, scrape);

    /// <summary>Removes the series not seen in <paramref name="scrape"/> and hands their ids to <paramref name="onGone"/> (staleness).</summary>
    public void RemoveUnseen(int scrape, Action<int> onGone)
    {
        List<byte[]>? gone = null;
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastSeen != scrape)
            {
                (gone ??= []).Add(key);
                onGone(entry.SeriesId);
            }
        }

        if (gone is not null)
        {
            foreach (var key in gone)
            {
                _entries.Remove(key);
            }
        }
    }

    /// <summary>Forgets everything and hands every id to <paramref name="onGone"/> (the target failed or went away).</summary>
    public void Clear(Action<int> onGone)
    {
        foreach (var entry in _entries.Values)
        {
            onGone(entry.SeriesId);
        }

        _entries.Clear();
    }

    private struct Entry(int seriesId, int lastSeen)
    {
        public readonly int SeriesId = seriesId;
        public int LastSeen = lastSeen;
    }
}

/// <summary>Compares byte-array keys by content, and looks them up by span without allocating.</summary>
internal sealed class ByteKeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly ByteKeyComparer Instance = new();

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        var hash = new HashCode();
        hash.AddBytes(alternate);
        return hash.ToHashCode();
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>
/// Interns label names and values with reference counts, so a million series share about as many strings as there
/// are distinct values, and a value no series uses any more is forgotten. Not thread-safe: the store's index lock
/// guards it.
/// </summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public string Acquire(string value)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, value, out var exists);
        if (!exists)
        {
            entry.Value = value;
        }

        entry.References++;
        return entry.Value;
    }

    public void Release(string value)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(_entries, value);
        if (!Unsafe.IsNullRef(ref entry) && --entry.References == 0)
        {
            _entries.Remove(value);
        }
    }

    private struct Entry
    {
        public string Value;
        public int References;
    }
}

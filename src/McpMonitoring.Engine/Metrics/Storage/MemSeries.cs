using McpMonitoring.Engine.Metrics.Storage.Chunks;

namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>
/// One series in memory: its labels, sealed chunks (oldest first) and the head chunk being appended.
/// The object itself is the lock for its chunks (a monitor on the object costs no memory until contended, unlike
/// a lock object per series); the store's index lock is taken before it when both are needed.
/// Both buffers are reused in place once a series runs steadily (sealing copies the head into the sealed buffer and
/// restarts the head in its own buffer; retention moves the kept chunks to the front): a million series then
/// allocate nothing per chunk, where fresh arrays per chunk left gigabytes of old ones for the GC every half hour.
/// </summary>
internal sealed class MemSeries(int id, LabelSet labels)
{
    public readonly int Id = id;
    public readonly LabelSet Labels = labels;

    /// <summary>Sealed chunks, oldest first, in the layout of <see cref="SealedChunks"/>: the first <see cref="SealedLength"/> bytes.</summary>
    public byte[] Sealed = [];

    public int SealedLength;

    public XorAppender Head;

    /// <summary>Removed from the index: appends are refused, its slot may already belong to another series.</summary>
    public bool Dead;

    /// <summary>Retention passes that found the series without any sample (it is dropped at the second).</summary>
    public byte EmptyPasses;

    public bool IsEmpty => Head.Count == 0 && SealedLength == 0;

    public ReadOnlySpan<byte> SealedChunks => Sealed.AsSpan(0, SealedLength);

    /// <summary>The oldest timestamp held in memory (caller holds the lock).</summary>
    public long? FirstTimestamp => Chunks.SealedChunks.FirstTimestamp(SealedChunks) ?? (Head.Count > 0 ? Head.MinT : null);
}

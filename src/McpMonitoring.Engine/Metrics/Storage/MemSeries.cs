using McpMonitoring.Engine.Metrics.Storage.Chunks;

namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>
/// One series in memory: its labels, sealed chunks (oldest first) and the head chunk being appended.
/// The object itself is the lock for its chunks (a monitor on the object costs no memory until contended, unlike
/// a lock object per series); the store's index lock is taken before it when both are needed.
/// </summary>
internal sealed class MemSeries(int id, LabelSet labels)
{
    public readonly int Id = id;
    public readonly LabelSet Labels = labels;

    /// <summary>The series' chunks: sealed ones (oldest first) and the head being appended, in one buffer.</summary>
    public XorAppender Head;

    /// <summary>Removed from the index: appends are refused, its slot may already belong to another series.</summary>
    public bool Dead;

    /// <summary>Retention passes that found the series without any sample (it is dropped at the second).</summary>
    public byte EmptyPasses;

    public bool IsEmpty => Head.Count == 0 && Head.HeadStart == 0;

    public bool HasSealedChunks => Head.HeadStart > 0;

    /// <summary>The oldest timestamp held in memory (caller holds the lock).</summary>
    public long? FirstTimestamp => SealedChunks.FirstTimestamp(Head.Sealed) ?? (Head.Count > 0 ? Head.MinT : null);
}

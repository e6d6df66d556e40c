using System.Buffers.Binary;

namespace McpMonitoring.Engine.Metrics.Storage.Chunks;

/// <summary>
/// Layout of a series' sealed chunks: back to back, each behind a 2-byte length, at the start of the series' one
/// buffer (see <see cref="XorAppender"/>): one array per series instead of one per chunk plus an array of them.
/// </summary>
internal static class SealedChunks
{
    /// <summary>Largest chunk a 2-byte length can describe; the head is cut before it grows past this.</summary>
    public const int MaxChunkBytes = ushort.MaxValue;

    public static long? FirstTimestamp(ReadOnlySpan<byte> sealedChunks)
    {
        foreach (var chunk in Enumerate(sealedChunks))
        {
            return ChunkFormat.MinT(chunk);
        }

        return null;
    }

    public static Enumerator Enumerate(ReadOnlySpan<byte> sealedChunks) => new(sealedChunks);

    internal ref struct Enumerator(ReadOnlySpan<byte> sealedChunks)
    {
        private ReadOnlySpan<byte> _rest = sealedChunks;

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_rest.Length < 2)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16LittleEndian(_rest);
            Current = _rest.Slice(2, length);
            _rest = _rest[(2 + length)..];
            return true;
        }
    }
}

using System.Buffers.Binary;

namespace McpMonitoring.Engine.Metrics.Storage.Chunks;

/// <summary>
/// A series' sealed chunks back to back in one buffer, each behind a 2-byte length: one array per series instead
/// of one per chunk plus an array of them (about 130 bytes per series at 2 h retention). The buffer keeps spare
/// room and is edited in place under the series' lock: sealing appends, retention moves the kept chunks forward.
/// </summary>
internal static class SealedChunks
{
    /// <summary>Largest chunk a 2-byte length can describe; the head is cut before it grows past this.</summary>
    public const int MaxChunkBytes = ushort.MaxValue;

    public static void Append(ref byte[] buffer, ref int length, ReadOnlySpan<byte> chunk)
    {
        var needed = length + 2 + chunk.Length;
        if (needed > buffer.Length)
        {
            // A quarter spare: once retention runs, a series' sealed bytes go up and down by about one chunk.
            var grown = new byte[needed + (needed / 4)];
            buffer.AsSpan(0, length).CopyTo(grown);
            buffer = grown;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(length), (ushort)chunk.Length);
        chunk.CopyTo(buffer.AsSpan(length + 2));
        length = needed;
    }

    /// <summary>Drops the leading chunks whose newest sample is before <paramref name="cutoff"/>, in place.</summary>
    public static void DropOlderThan(ref byte[] buffer, ref int length, long cutoff, out int chunks, out long samples, out long bytes)
    {
        chunks = 0;
        samples = 0;
        bytes = 0;
        var offset = 0;
        foreach (var chunk in Enumerate(buffer.AsSpan(0, length)))
        {
            if (ChunkFormat.MaxT(chunk) >= cutoff)
            {
                break;
            }

            chunks++;
            samples += ChunkFormat.Count(chunk);
            bytes += chunk.Length;
            offset += 2 + chunk.Length;
        }

        if (offset == 0)
        {
            return;
        }

        length -= offset;
        if (length == 0)
        {
            buffer = [];
        }
        else if (buffer.Length > (2 * length) + 256)
        {
            // Mostly empty now (the series slowed down or stopped): give the room back.
            buffer = buffer.AsSpan(offset, length).ToArray();
        }
        else
        {
            buffer.AsSpan(offset, length).CopyTo(buffer);
            buffer.AsSpan(length, offset).Clear();
        }
    }

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

using System.Buffers.Binary;
using System.Numerics;

namespace McpMonitoring.Engine.Metrics.Storage.Chunks;

/// <summary>
/// A series' chunks in one buffer: the sealed chunks back to back (see <see cref="SealedChunks"/>), then the head
/// chunk being appended, encoded Gorilla-style as in Prometheus' XOR chunks: the first timestamp sits in the header
/// and the first value as 64 raw bits; the second timestamp as a varint delta; later ones as delta-of-delta in
/// buckets of 0, 14, 17, 20 or 64 bits (millisecond timestamps need wider buckets than Gorilla's seconds); values
/// as the XOR with the previous value, reusing the previous window of meaningful bits when it fits.
/// </summary>
/// <remarks>
/// <para>
/// Sealing a chunk writes its length in front of it and starts the next one right after: no copy. Retention moves
/// the kept bytes to the front, making room for the head to grow into. Once a series runs steadily (as many bytes
/// dropped as appended) its buffer no longer changes size: a million series allocate nothing per chunk. With a
/// separate head buffer, a head sized for a whole chunk was half empty on average (about 200 MB at 1M series), and
/// fresh arrays per chunk left gigabytes of garbage for the GC every half hour.
/// </para>
/// <para>
/// A mutable struct kept inline in its series (no object of its own). Not thread-safe: the series' lock guards it.
/// Deltas fit an int because a series cuts chunks long before a day.
/// </para>
/// </remarks>
internal struct XorAppender
{
    private const byte NoWindow = 0xff;

    public byte[]? Buffer;
    public long LastT;
    public ulong LastBits;

    /// <summary>Where the head chunk's length slot is: the sealed chunks are the bytes before it.</summary>
    public int HeadStart;

    /// <summary>Next bit to write, from the start of <see cref="Buffer"/>.</summary>
    public int BitPos;
    public int TDelta;
    public ushort Count;
    public byte Leading;
    public byte Trailing;

    /// <summary>Bytes of the head chunk (header included), 0 when there is no head.</summary>
    public readonly int UsedBytes => Count == 0 ? 0 : ((BitPos + 7) >> 3) - ChunkOffset;

    /// <summary>The head chunk as written so far (header current).</summary>
    public readonly ReadOnlySpan<byte> Written => Buffer.AsSpan(ChunkOffset, UsedBytes);

    /// <summary>The sealed chunks, in the layout of <see cref="SealedChunks"/>.</summary>
    public readonly ReadOnlySpan<byte> Sealed => Buffer.AsSpan(0, HeadStart);

    public readonly long MinT => ChunkFormat.MinT(Written);

    private readonly int ChunkOffset => HeadStart + 2;

    /// <summary>Starts a head chunk with its first sample after the sealed ones (a new series' buffer starts small and grows by an eighth).</summary>
    public void Start(long t, ulong bits)
    {
        Buffer ??= new byte[64];
        BitPos = (ChunkOffset + ChunkFormat.HeaderBytes) * 8;
        EnsureRoom(8);
        ChunkFormat.WriteHeader(Buffer.AsSpan(ChunkOffset), 1, t, t);
        WriteBits(bits, 64);
        LastT = t;
        LastBits = bits;
        TDelta = 0;
        Count = 1;
        Leading = NoWindow;
        Trailing = 0;
    }

    /// <summary>Seals the head chunk in place: its length goes in front, the next head starts after it.</summary>
    /// <remarks>
    /// <paramref name="expectedBytes"/>: what the series will hold once retention runs, when the caller can tell; the
    /// buffer is grown to it at once. Growing step by step over the first retention period copied each series' bytes
    /// some twenty times, gigabytes of garbage for a million series.
    /// </remarks>
    public void Seal(int expectedBytes = 0)
    {
        var used = UsedBytes;
        BinaryPrimitives.WriteUInt16LittleEndian(Buffer.AsSpan(HeadStart), (ushort)used);
        HeadStart += 2 + used;
        BitPos = HeadStart * 8;
        Count = 0;
        if (expectedBytes > Buffer!.Length)
        {
            Resize(expectedBytes);
        }
    }

    /// <summary>Drops the sealed chunks whose newest sample is before <paramref name="cutoff"/>, moving the rest to the front.</summary>
    public void DropSealedOlderThan(long cutoff, out int chunks, out long samples, out long bytes)
    {
        chunks = 0;
        samples = 0;
        bytes = 0;
        var offset = 0;
        foreach (var chunk in SealedChunks.Enumerate(Sealed))
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

        var end = Count == 0 ? HeadStart : (BitPos + 7) >> 3;
        var kept = end - offset;
        // Room for what was just dropped to come back (the next chunk) plus an eighth; more than twice that is
        // given back (a series that slowed down or stopped, or a first guess that was too large).
        var target = kept + offset + (kept / 8) + 32;
        if (Buffer!.Length > target + offset + 64)
        {
            var smaller = new byte[target];
            Buffer.AsSpan(offset, kept).CopyTo(smaller);
            Buffer = smaller;
        }
        else
        {
            Buffer.AsSpan(offset, kept).CopyTo(Buffer);
            Buffer.AsSpan(kept, offset).Clear();
        }

        HeadStart -= offset;
        BitPos -= offset * 8;
    }

    /// <summary>The chunk written so far, copied (tests).</summary>
    internal readonly byte[] ToChunk() => Written.ToArray();

    /// <summary>Appends a sample after the first; <paramref name="t"/> is after <see cref="LastT"/> (the store checks).</summary>
    public void Append(long t, ulong bits)
    {
        EnsureRoom(ChunkFormat.MaxSampleBytes);
        var delta = t - LastT;
        if (Count == 1)
        {
            // Varint bytes inside the bit stream, as Prometheus does for the first delta.
            var d = (ulong)delta;
            while (d >= 0x80)
            {
                WriteBits((d & 0x7f) | 0x80, 8);
                d >>= 7;
            }

            WriteBits(d, 8);
        }
        else
        {
            var dod = delta - TDelta;
            if (dod == 0)
            {
                WriteBits(0, 1);
            }
            else if (FitsIn(dod, 14))
            {
                WriteBits((0b10UL << 14) | ((ulong)dod & ((1UL << 14) - 1)), 16);
            }
            else if (FitsIn(dod, 17))
            {
                WriteBits((0b110UL << 17) | ((ulong)dod & ((1UL << 17) - 1)), 20);
            }
            else if (FitsIn(dod, 20))
            {
                WriteBits((0b1110UL << 20) | ((ulong)dod & ((1UL << 20) - 1)), 24);
            }
            else
            {
                WriteBits(0b1111, 4);
                WriteBits((ulong)dod, 64);
            }
        }

        WriteValue(bits);
        TDelta = (int)delta;
        LastT = t;
        LastBits = bits;
        Count++;
        ChunkFormat.WriteCountAndMaxT(Buffer.AsSpan(ChunkOffset), Count, t);
    }

    /// <summary>Whether <paramref name="x"/> is in the range an n-bit bucket holds: -(2^(n-1) - 1) .. 2^(n-1), Prometheus' convention.</summary>
    internal static bool FitsIn(long x, int bits) => x >= -((1L << (bits - 1)) - 1) && x <= 1L << (bits - 1);

    private void WriteValue(ulong bits)
    {
        var xor = bits ^ LastBits;
        if (xor == 0)
        {
            WriteBits(0, 1);
            return;
        }

        var leading = (byte)Math.Min(BitOperations.LeadingZeroCount(xor), 31);
        var trailing = (byte)BitOperations.TrailingZeroCount(xor);
        if (Leading != NoWindow && leading >= Leading && trailing >= Trailing)
        {
            WriteBits(0b10, 2);
            WriteBits(xor >> Trailing, 64 - Leading - Trailing);
            return;
        }

        Leading = leading;
        Trailing = trailing;
        var significant = 64 - leading - trailing;
        // 64 significant bits do not fit 6 bits: written as 0, which never occurs otherwise (xor != 0).
        WriteBits((0b11UL << 11) | ((ulong)(uint)leading << 6) | (uint)(significant & 63), 13);
        WriteBits(xor >> trailing, significant);
    }

    private void EnsureRoom(int bytes)
    {
        var end = (BitPos + 7) >> 3;
        var needed = end + bytes;
        if (needed <= Buffer!.Length)
        {
            return;
        }

        // An eighth more: growth is a copy of the whole series, but a buffer that stops growing once retention runs
        // should not carry much spare room for the rest of its life.
        Resize(needed + (needed / 8) + 32);
    }

    private void Resize(int length)
    {
        var grown = new byte[length];
        // A head just started may begin past the end of the old buffer: copy what exists.
        Buffer.AsSpan(0, Math.Min((BitPos + 7) >> 3, Buffer!.Length)).CopyTo(grown);
        Buffer = grown;
    }

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/>, most significant first, into zeroed space.</summary>
    private void WriteBits(ulong value, int count)
    {
        var buffer = Buffer!;
        var pos = BitPos;
        while (count > 0)
        {
            var free = 8 - (pos & 7);
            var take = count < free ? count : free;
            var piece = (uint)(value >> (count - take)) & ((1u << take) - 1);
            buffer[pos >> 3] |= (byte)(piece << (free - take));
            count -= take;
            pos += take;
        }

        BitPos = pos;
    }
}

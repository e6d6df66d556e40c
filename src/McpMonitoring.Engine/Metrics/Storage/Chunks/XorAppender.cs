using System.Numerics;

namespace McpMonitoring.Engine.Metrics.Storage.Chunks;

/// <summary>
/// The encoder of a head chunk, Gorilla-style as in Prometheus' XOR chunks: the first timestamp sits in the header
/// and the first value as 64 raw bits; the second timestamp as a varint delta; later ones as delta-of-delta in
/// buckets of 0, 14, 17, 20 or 64 bits (millisecond timestamps need wider buckets than Gorilla's seconds); values
/// as the XOR with the previous value, reusing the previous window of meaningful bits when it fits.
/// </summary>
/// <remarks>
/// A mutable struct kept inline in its series (no object of its own: a million series, a million objects saved).
/// Not thread-safe: the series' lock guards it. Deltas fit an int because a series cuts chunks long before a day.
/// </remarks>
internal struct XorAppender
{
    private const byte NoWindow = 0xff;

    public byte[]? Buffer;
    public long LastT;
    public ulong LastBits;
    public int BitPos;
    public int TDelta;
    public ushort Count;
    public byte Leading;
    public byte Trailing;

    public readonly int UsedBytes => (BitPos + 7) >> 3;

    /// <summary>The chunk as written so far (header current).</summary>
    public readonly ReadOnlySpan<byte> Written => Buffer.AsSpan(0, UsedBytes);

    public readonly long MinT => ChunkFormat.MinT(Buffer!);

    /// <summary>
    /// Starts a chunk with its first sample: in the buffer of the previous chunk when there is one (see
    /// <see cref="Restart"/>), else in a new one of <paramref name="capacity"/> bytes (grown as needed).
    /// </summary>
    public void Start(long t, ulong bits, int capacity)
    {
        if (Buffer is null || Buffer.Length < ChunkFormat.HeaderBytes + 8 + ChunkFormat.MaxSampleBytes)
        {
            Buffer = new byte[Math.Max(capacity, ChunkFormat.HeaderBytes + 8 + ChunkFormat.MaxSampleBytes)];
        }

        ChunkFormat.WriteHeader(Buffer, 1, t, t);
        BitPos = ChunkFormat.HeaderBytes * 8;
        WriteBits(bits, 64);
        LastT = t;
        LastBits = bits;
        TDelta = 0;
        Count = 1;
        Leading = NoWindow;
        Trailing = 0;
    }

    /// <summary>Appends a sample after the first; <paramref name="t"/> is after <see cref="LastT"/> (the store checks).</summary>
    public void Append(long t, ulong bits)
    {
        EnsureRoom();
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
        ChunkFormat.WriteCountAndMaxT(Buffer, Count, t);
    }

    /// <summary>Empties the appender but keeps its buffer (zeroed) for the next chunk of the series.</summary>
    public void Restart()
    {
        var used = UsedBytes;
        var buffer = Buffer!;
        if (buffer.Length > (2 * used) + 64)
        {
            // Grown for an unusual chunk (noisy values for a while): size for the usual ones again.
            buffer = new byte[used + (used / 4) + ChunkFormat.MaxSampleBytes];
        }
        else
        {
            buffer.AsSpan(0, used).Clear();
        }

        this = default;
        Buffer = buffer;
    }

    /// <summary>The finished chunk trimmed to its length; the appender is empty afterwards.</summary>
    public byte[] Seal()
    {
        var sealedChunk = Buffer.AsSpan(0, UsedBytes).ToArray();
        this = default;
        return sealedChunk;
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

    private void EnsureRoom()
    {
        var needed = UsedBytes + ChunkFormat.MaxSampleBytes;
        if (needed <= Buffer!.Length)
        {
            return;
        }

        // Half again: a regular 120-sample chunk settles in two or three growths from a good first guess.
        var grown = new byte[Math.Max(needed, Buffer.Length + (Buffer.Length >> 1))];
        Buffer.AsSpan(0, UsedBytes).CopyTo(grown);
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

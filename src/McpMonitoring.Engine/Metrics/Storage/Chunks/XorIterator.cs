using System.Buffers.Binary;

namespace McpMonitoring.Engine.Metrics.Storage.Chunks;

/// <summary>Decodes a chunk written by <see cref="XorAppender"/>, sample by sample, without allocating.</summary>
internal ref struct XorIterator
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _count;
    private int _pos;
    private int _read;
    private long _tDelta;
    private int _leading;
    private int _trailing;

    public XorIterator(ReadOnlySpan<byte> chunk)
    {
        _data = chunk;
        _count = ChunkFormat.Count(chunk);
        _pos = ChunkFormat.HeaderBytes * 8;
        T = ChunkFormat.MinT(chunk);
    }

    public long T { get; private set; }

    public ulong Bits { get; private set; }

    public readonly double Value => BitConverter.UInt64BitsToDouble(Bits);

    public bool Next()
    {
        if (_read == _count)
        {
            return false;
        }

        if (_read == 0)
        {
            Bits = ReadBits(64);
            _read++;
            return true;
        }

        if (_read == 1)
        {
            ulong delta = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = ReadBits(8);
                delta |= (b & 0x7f) << shift;
                if (b < 0x80)
                {
                    break;
                }
            }

            _tDelta = (long)delta;
        }
        else
        {
            _tDelta += ReadDeltaOfDelta();
        }

        T += _tDelta;
        ReadValue();
        _read++;
        return true;
    }

    private long ReadDeltaOfDelta()
    {
        var prefix = 0;
        while (prefix < 4 && ReadBits(1) == 1)
        {
            prefix++;
        }

        var size = prefix switch { 0 => 0, 1 => 14, 2 => 17, 3 => 20, _ => 64 };
        if (size == 0)
        {
            return 0;
        }

        var bits = ReadBits(size);
        if (size == 64)
        {
            return (long)bits;
        }

        // Negative values come back as large unsigned ones (see XorAppender.FitsIn for the range).
        return bits > 1UL << (size - 1) ? (long)bits - (1L << size) : (long)bits;
    }

    private void ReadValue()
    {
        if (ReadBits(1) == 0)
        {
            return;
        }

        if (ReadBits(1) == 1)
        {
            _leading = (int)ReadBits(5);
            var significant = (int)ReadBits(6);
            if (significant == 0)
            {
                significant = 64;
            }

            _trailing = 64 - _leading - significant;
        }

        var meaningful = 64 - _leading - _trailing;
        Bits ^= ReadBits(meaningful) << _trailing;
    }

    private ulong ReadBits(int count)
    {
        var index = _pos >> 3;
        var offset = _pos & 7;
        if (count + offset <= 64 && index + 8 <= _data.Length)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(_data[index..]);
            _pos += count;
            return (word << offset) >> (64 - count);
        }

        ulong result = 0;
        while (count > 0)
        {
            var free = 8 - (_pos & 7);
            var take = count < free ? count : free;
            var piece = (uint)(_data[_pos >> 3] >> (free - take)) & ((1u << take) - 1);
            result = (result << take) | piece;
            count -= take;
            _pos += take;
        }

        return result;
    }
}

using System.Buffers.Binary;

namespace McpMonitoring.Engine.Metrics.Storage.Chunks;

/// <summary>
/// Layout of a chunk: a 14-byte header (sample count u16, first timestamp i64, last minus first timestamp u32,
/// little-endian) followed by the Gorilla bit stream. The header lets retention and range reads skip a chunk
/// without decoding it; the head chunk keeps its header current on every append so one decoder reads both.
/// </summary>
internal static class ChunkFormat
{
    public const int HeaderBytes = 14;

    /// <summary>Bits one sample may take at most: 4 control + 64 dod, 2 control + 5 + 6 + 64 value bits.</summary>
    public const int MaxSampleBytes = 19;

    public static int Count(ReadOnlySpan<byte> chunk) => BinaryPrimitives.ReadUInt16LittleEndian(chunk);

    public static long MinT(ReadOnlySpan<byte> chunk) => BinaryPrimitives.ReadInt64LittleEndian(chunk[2..]);

    public static long MaxT(ReadOnlySpan<byte> chunk) => MinT(chunk) + BinaryPrimitives.ReadUInt32LittleEndian(chunk[10..]);

    public static void WriteHeader(Span<byte> chunk, int count, long minT, long maxT)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(chunk, (ushort)count);
        BinaryPrimitives.WriteInt64LittleEndian(chunk[2..], minT);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[10..], (uint)(maxT - minT));
    }

    public static void WriteCountAndMaxT(Span<byte> chunk, int count, long maxT)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(chunk, (ushort)count);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[10..], (uint)(maxT - MinT(chunk)));
    }
}

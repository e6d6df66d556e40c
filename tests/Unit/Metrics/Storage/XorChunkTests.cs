using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Engine.Metrics.Storage.Chunks;

namespace McpMonitoring.Tests.Unit.Metrics.Storage;

public sealed class XorChunkTests
{
    private const long T0 = 1_796_000_000_000;

    private static byte[] Encode(IReadOnlyList<(long T, double V)> samples)
    {
        var appender = default(XorAppender);
        appender.Start(samples[0].T, BitConverter.DoubleToUInt64Bits(samples[0].V));
        foreach (var (t, v) in samples.Skip(1))
        {
            appender.Append(t, BitConverter.DoubleToUInt64Bits(v));
        }

        return appender.ToChunk();
    }

    private static List<(long T, ulong Bits)> Decode(byte[] chunk)
    {
        var result = new List<(long, ulong)>();
        var it = new XorIterator(chunk);
        while (it.Next())
        {
            result.Add((it.T, it.Bits));
        }

        return result;
    }

    private static void AssertRoundTrip(IReadOnlyList<(long T, double V)> samples)
    {
        var chunk = Encode(samples);
        var decoded = Decode(chunk);
        Assert.Equal(samples.Count, decoded.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            Assert.Equal(samples[i].T, decoded[i].T);
            // Bit patterns, not values: NaN payloads, -0.0 and the staleness marker must survive exactly.
            Assert.Equal(BitConverter.DoubleToUInt64Bits(samples[i].V), decoded[i].Bits);
        }

        Assert.Equal(samples.Count, ChunkFormat.Count(chunk));
        Assert.Equal(samples[0].T, ChunkFormat.MinT(chunk));
        Assert.Equal(samples[^1].T, ChunkFormat.MaxT(chunk));
    }

    [Fact]
    public void RoundTrip_RegularScrapeOfCounter_Exact()
    {
        AssertRoundTrip([.. Enumerable.Range(0, 120).Select(i => (T0 + (i * 15_000L), 1000.0 + (i * 7)))]);
    }

    [Fact]
    public void RoundTrip_SingleSample_Exact()
    {
        AssertRoundTrip([(T0, 42.5)]);
    }

    [Fact]
    public void RoundTrip_IrregularTimestampsWithJitter_Exact()
    {
        var random = new Random(7);
        var t = T0;
        var samples = new List<(long, double)>();
        for (var i = 0; i < 200; i++)
        {
            t += 15_000 + random.Next(-400, 400);
            samples.Add((t, random.NextDouble()));
        }

        AssertRoundTrip(samples);
    }

    [Fact]
    public void RoundTrip_EveryDeltaOfDeltaBucketAndItsEdges_Exact()
    {
        // Bucket edges of 14, 17 and 20 bits (-(2^(n-1)-1) .. 2^(n-1)), one past each, and the 64-bit escape.
        // (Within the codec's contract: positive deltas under 2^31 ms, a chunk spanning under 2^32 ms.)
        long[] dods = [0, 1, -1, 8192, -8191, 8193, -8192, 65536, -65535, 65537, -65536, 524288, -524287, 524289, -524288, 3_000_000, -5_000_000];
        var samples = new List<(long, double)> { (T0, 1), (T0 + 10_000_000, 2) };
        var delta = 10_000_000L;
        var t = T0 + delta;
        foreach (var dod in dods)
        {
            delta += dod;
            t += delta;
            samples.Add((t, samples.Count));
        }

        AssertRoundTrip(samples);
        Assert.True(XorAppender.FitsIn(8192, 14));
        Assert.False(XorAppender.FitsIn(8193, 14));
        Assert.True(XorAppender.FitsIn(-8191, 14));
        Assert.False(XorAppender.FitsIn(-8192, 14));
    }

    [Fact]
    public void RoundTrip_SpecialValues_BitExact()
    {
        double[] values =
        [
            0.0, -0.0, double.NaN, StaleMarker.Value, double.PositiveInfinity, double.NegativeInfinity,
            double.Epsilon, double.MaxValue, double.MinValue, 1e-300, -1e300, 0.1, 0.1, 1, -1, 0,
            BitConverter.UInt64BitsToDouble(0x7ff8dead_beef0001), // a NaN with a payload of its own
        ];
        AssertRoundTrip([.. values.Select((v, i) => (T0 + (i * 1000L), v))]);
    }

    [Fact]
    public void RoundTrip_LargeJumpsInTimeAndValue_Exact()
    {
        AssertRoundTrip(
        [
            (T0, 1),
            (T0 + 1, 1e300),
            (T0 + 86_400_000, -1e-300),
            (T0 + 86_400_001, 5),
            (T0 + 86_400_002, double.NaN),
            (T0 + (2 * 86_400_000L), 0),
            (T0 + (2 * 86_400_000L) + 1, double.MaxValue),
        ]);
    }

    [Fact]
    public void RoundTrip_RandomValuesAndGaps_Exact()
    {
        var random = new Random(12345);
        for (var run = 0; run < 50; run++)
        {
            var t = T0 + random.Next(0, 1_000_000);
            var samples = new List<(long, double)>();
            var count = random.Next(1, 300);
            for (var i = 0; i < count; i++)
            {
                samples.Add((t, random.Next(4) switch
                {
                    0 => BitConverter.Int64BitsToDouble(random.NextInt64()),
                    1 => random.NextDouble() * random.Next(-1000, 1000),
                    2 => Math.Round(random.NextDouble() * 100),
                    // One flipped bit: the XOR window is reused or moved.
                    _ => samples.Count > 0 ? BitConverter.UInt64BitsToDouble(BitConverter.DoubleToUInt64Bits(samples[^1].Item2) ^ (1UL << random.Next(64))) : 1,
                }));
                t += random.Next(5) == 0 ? random.Next(1, 10_000_000) : random.Next(1, 60_000);
            }

            AssertRoundTrip(samples);
        }
    }

    [Fact]
    public void SealAndDrop_SteadySeries_ChunksReadBackAndBufferNoLongerReallocated()
    {
        var appender = default(XorAppender);
        var t = T0;
        var n = 0;
        var chunks = new List<List<(long, ulong)>>();
        byte[]? steadyBuffer = null;
        for (var chunk = 0; chunk < 30; chunk++)
        {
            for (var i = 0; i < 120; i++)
            {
                // A gauge going round the same values: every chunk encodes to the same size.
                var bits = BitConverter.DoubleToUInt64Bits(1000 + (n++ % 7));
                if (i == 0)
                {
                    appender.Start(t, bits);
                }
                else
                {
                    appender.Append(t, bits);
                }

                t += 15_000;
            }

            appender.Seal();
            // Keep the last 4 chunks, as retention does.
            appender.DropSealedOlderThan(t - (4 * 120 * 15_000L), out _, out _, out _);
            if (chunk == 10)
            {
                steadyBuffer = appender.Buffer;
            }
        }

        Assert.Same(steadyBuffer, appender.Buffer);
        foreach (var chunk in SealedChunks.Enumerate(appender.Sealed))
        {
            chunks.Add(Decode(chunk.ToArray()));
        }

        Assert.Equal(4, chunks.Count);
        var all = chunks.SelectMany(c => c).ToList();
        Assert.Equal(480, all.Count);
        Assert.Equal(T0 + (26 * 120 * 15_000L), all[0].Item1);
        Assert.Equal(Enumerable.Range(26 * 120, 480).Select(i => 1000.0 + (i % 7)), all.Select(s => BitConverter.UInt64BitsToDouble(s.Item2)));
    }

    [Fact]
    public void SealAndDrop_RandomChunkLengthsAndValues_EveryKeptSampleReadBack()
    {
        // Chunks of 1 to 12 samples with random values: seals and starts land on every offset of the buffer's end.
        var random = new Random(11);
        var appender = default(XorAppender);
        var written = new List<(long T, ulong Bits)>();
        var t = T0;
        for (var chunk = 0; chunk < 2_000; chunk++)
        {
            var count = random.Next(1, 13);
            for (var i = 0; i < count; i++)
            {
                var bits = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
                if (i == 0)
                {
                    appender.Start(t, bits);
                }
                else
                {
                    appender.Append(t, bits);
                }

                written.Add((t, bits));
                t += random.Next(1, 100_000);
            }

            appender.Seal();
            if (chunk % 50 == 49)
            {
                appender.DropSealedOlderThan(t - 20_000_000, out _, out _, out _);
            }
        }

        var read = new List<(long, ulong)>();
        foreach (var chunk in SealedChunks.Enumerate(appender.Sealed))
        {
            read.AddRange(Decode(chunk.ToArray()));
        }

        Assert.NotEmpty(read);
        Assert.Equal(written.Skip(written.Count - read.Count), read);
    }

    [Fact]
    public void Size_RegularScrapeOfSlowGauge_AboutOneAndAHalfBytesPerSample()
    {
        // A gauge that moves in small steps (memory in MiB-rounded bytes, changing every few scrapes), 15 s apart.
        var random = new Random(3);
        var value = 512.0 * 1024 * 1024;
        var samples = new List<(long, double)>();
        for (var i = 0; i < 120; i++)
        {
            if (random.Next(4) == 0)
            {
                value += random.Next(-3, 4) * 1024 * 1024;
            }

            samples.Add((T0 + (i * 15_000L), value));
        }

        var bytesPerSample = (double)Encode(samples).Length / samples.Count;
        Assert.InRange(bytesPerSample, 0.3, 1.5);
    }

    [Fact]
    public void Size_RegularScrapeOfCounter_FewBytesPerSample()
    {
        // A request counter: +0..40 per scrape, 15 s apart with millisecond jitter like a real scrape loop.
        var random = new Random(5);
        var value = 123_456.0;
        var samples = new List<(long, double)>();
        for (var i = 0; i < 120; i++)
        {
            value += random.Next(0, 40);
            samples.Add((T0 + (i * 15_000L) + random.Next(0, 3), value));
        }

        var bytesPerSample = (double)Encode(samples).Length / samples.Count;
        Assert.InRange(bytesPerSample, 1.0, 3.5);
    }

    [Fact]
    public void Size_ConstantValueRegularInterval_UnderHalfABytePerSample()
    {
        var bytesPerSample = (double)Encode([.. Enumerable.Range(0, 120).Select(i => (T0 + (i * 15_000L), 1.0))]).Length / 120;
        Assert.True(bytesPerSample < 0.5, $"{bytesPerSample:F3} bytes per sample");
    }
}

using System.Buffers;
using System.Text;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>
/// Receives one scrape from the parser. Known series resolve through the target's cache without allocating;
/// samples are held back and appended only when the whole exposition parsed, so a malformed scrape stores nothing
/// (as Prometheus' scrape transaction).
/// </summary>
internal sealed class ScrapeAppender : IExpositionSink, IDisposable
{
    private readonly ScrapeTargetRuntime _runtime;
    private readonly TimeSeriesStore _store;
    private readonly long _scrapeTimestampMs;
    private readonly int _scrapeNumber;
    private readonly int _sampleLimit;
    private int[] _ids;
    private long[] _timestamps;
    private double[] _values;
    private byte[]? _family;
    private MetricType _familyType;
    private string? _familyHelp;

    public ScrapeAppender(ScrapeTargetRuntime runtime, TimeSeriesStore store, long scrapeTimestampMs, int scrapeNumber)
    {
        _runtime = runtime;
        _store = store;
        _scrapeTimestampMs = scrapeTimestampMs;
        _scrapeNumber = scrapeNumber;
        _sampleLimit = runtime.Definition.SampleLimit;
        var capacity = Math.Max(256, runtime.Cache.Count + 16);
        _ids = ArrayPool<int>.Shared.Rent(capacity);
        _timestamps = ArrayPool<long>.Shared.Rent(capacity);
        _values = ArrayPool<double>.Shared.Rent(capacity);
    }

    /// <summary>Samples in the exposition (whether or not the store could take them).</summary>
    public int Samples { get; private set; }

    /// <summary>Series this target had not exposed in its previous scrape.</summary>
    public int SeriesAdded { get; private set; }

    /// <summary>Samples dropped because the store's series limit was reached.</summary>
    public int Rejected { get; private set; }

    private int Pending { get; set; }

    public void OnType(ReadOnlySpan<byte> family, MetricType type)
    {
        if (BeginFamily(family))
        {
            _familyType = type;
        }
    }

    public void OnHelp(ReadOnlySpan<byte> family, ReadOnlySpan<byte> escapedHelp)
    {
        if (BeginFamily(family))
        {
            _familyHelp = ExpositionText.UnescapeHelp(escapedHelp);
        }
    }

    public void OnSample(in ParsedSample sample)
    {
        Samples++;
        if (_sampleLimit > 0 && Samples > _sampleLimit)
        {
            throw new ScrapeLimitException($"sample_limit exceeded (more than {_sampleLimit} samples).");
        }

        if (!_runtime.Cache.TryMarkSeen(sample.Series, _scrapeNumber, out var id))
        {
            id = _store.GetOrCreateSeries(ScrapeLabels.Build(sample, _runtime.Definition, _runtime.TargetLabels));
            if (id < 0)
            {
                Rejected++;
                return; // not cached: retried when the store has room again
            }

            _runtime.Cache.Add(sample.Series, id, _scrapeNumber);
            SeriesAdded++;
        }

        if (Pending == _ids.Length)
        {
            Grow();
        }

        _ids[Pending] = id;
        _timestamps[Pending] = sample.HasTimestamp && _runtime.Definition.HonorTimestamps ? sample.TimestampMs : _scrapeTimestampMs;
        _values[Pending] = sample.Value;
        Pending++;
    }

    /// <summary>Appends everything parsed: call only after the parser returned without error.</summary>
    public void Commit()
    {
        FlushFamily();
        var unknown = false;
        for (var i = 0; i < Pending; i++)
        {
            unknown |= _store.TryAppend(_ids[i], _timestamps[i], _values[i]) == AppendStatus.UnknownSeries;
        }

        if (unknown)
        {
            // Retention dropped a series this target still had cached (no sample for longer than the retention):
            // forget the cache so the next scrape resolves every series again.
            _runtime.Cache.Clear(static _ => { });
        }
    }

    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_ids);
        ArrayPool<long>.Shared.Return(_timestamps);
        ArrayPool<double>.Shared.Return(_values);
    }

    /// <summary>True when <paramref name="family"/> is being described for the first time (metadata goes to the store once).</summary>
    private bool BeginFamily(ReadOnlySpan<byte> family)
    {
        if (_family is not null && family.SequenceEqual(_family))
        {
            return true;
        }

        FlushFamily();
        if (_runtime.KnownFamilies.Contains(family))
        {
            return false;
        }

        _family = family.ToArray();
        _familyType = MetricType.Untyped;
        _familyHelp = null;
        return true;
    }

    private void FlushFamily()
    {
        if (_family is null)
        {
            return;
        }

        _runtime.KnownFamilies.Add(_family);
        _store.SetMetadata(Encoding.UTF8.GetString(_family), _familyType, _familyHelp);
        _family = null;
    }

    private void Grow()
    {
        var size = _ids.Length * 2;
        Replace(ref _ids, size);
        Replace(ref _timestamps, size);
        Replace(ref _values, size);
    }

    private static void Replace<T>(ref T[] array, int size)
    {
        var bigger = ArrayPool<T>.Shared.Rent(size);
        array.AsSpan().CopyTo(bigger);
        ArrayPool<T>.Shared.Return(array);
        array = bigger;
    }
}

/// <summary>A scrape broke one of its target's limits; the scrape fails as a whole.</summary>
internal sealed class ScrapeLimitException(string message) : Exception(message);

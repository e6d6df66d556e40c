namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>
/// The live state of one scrape target: its definition, its series cache and the outcome of its last scrape.
/// One scrape at a time per target (<see cref="TryBegin"/>); a slot that comes while one is still running is skipped.
/// </summary>
public sealed class ScrapeTargetRuntime(ScrapeTargetDefinition definition)
{
    private int _busy;
    private Action<int>? _retire;
    private int _scrapeNumber;

    public ScrapeTargetDefinition Definition { get; } = definition;

    internal SeriesCache Cache { get; } = new();

    /// <summary><c>job</c>, <c>instance</c> and the static labels, computed once.</summary>
    internal IReadOnlyList<Storage.Label> TargetLabels { get; } = ScrapeLabels.TargetLabels(definition);

    internal FamilySet KnownFamilies { get; } = new();

    /// <summary>Store ids of up, scrape_duration_seconds, scrape_samples_scraped, scrape_samples_post_metric_relabeling, scrape_series_added (-1 until created).</summary>
    internal int[] ReportSeries { get; } = [-1, -1, -1, -1, -1];

    public ScrapeHealth Health { get; private set; }

    public DateTimeOffset? LastScrape { get; private set; }

    public double? LastDurationSeconds { get; private set; }

    public int SamplesScraped { get; private set; }

    public string? LastError { get; private set; }

    public long Scrapes { get; private set; }

    public long Failures { get; private set; }

    /// <summary>True once the target was replaced or removed: it is not scraped again.</summary>
    public bool Retired => _retire is not null;

    internal bool TryBegin() => !Retired && Interlocked.Exchange(ref _busy, 1) == 0;

    internal void End()
    {
        Volatile.Write(ref _busy, 0);
        if (Retired)
        {
            EndSeries();
        }
    }

    /// <summary>Ends this target's series now, or when its scrape in flight finishes.</summary>
    internal void Retire(Action<int> markStale)
    {
        Volatile.Write(ref _retire, markStale);
        EndSeries();
    }

    private void EndSeries()
    {
        // Whoever wins the busy flag ends the series; a scrape still running leaves it to End().
        if (_retire is { } markStale && Interlocked.Exchange(ref _busy, 1) == 0)
        {
            Cache.Clear(markStale);
            foreach (var id in ReportSeries.Where(id => id >= 0))
            {
                markStale(id);
            }

            Array.Fill(ReportSeries, -1);
        }
    }

    internal int NextScrapeNumber() => ++_scrapeNumber;

    /// <summary>Records the outcome; returns true when the health changed.</summary>
    internal bool Record(DateTimeOffset at, double durationSeconds, int samples, string? error)
    {
        var previous = Health;
        Health = error is null ? ScrapeHealth.Up : ScrapeHealth.Down;
        LastScrape = at;
        LastDurationSeconds = durationSeconds;
        SamplesScraped = samples;
        LastError = error;
        Scrapes++;
        if (error is not null)
        {
            Failures++;
        }

        return previous != Health;
    }

    public ScrapeTargetStatus Snapshot() =>
        new(Definition, Health, LastScrape, LastDurationSeconds, SamplesScraped, Cache.Count, LastError, Scrapes, Failures);
}

/// <summary>Metric family names already described to the store, looked up by span.</summary>
internal sealed class FamilySet
{
    private readonly HashSet<byte[]> _names = new(ByteKeyComparer.Instance);
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public FamilySet() => _lookup = _names.GetAlternateLookup<ReadOnlySpan<byte>>();

    public bool Contains(ReadOnlySpan<byte> name) => _lookup.Contains(name);

    public void Add(ReadOnlySpan<byte> name) => _lookup.Add(name);
}

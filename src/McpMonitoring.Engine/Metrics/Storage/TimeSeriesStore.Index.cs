using McpMonitoring.Engine.Alerting;

namespace McpMonitoring.Engine.Metrics.Storage;

/// <summary>The label index: label set to series, metric name to series ids (postings), and per metric the label values in use.</summary>
public sealed partial class TimeSeriesStore
{
    private readonly Lock _indexLock = new();
    private readonly Dictionary<LabelSet, MemSeries> _byLabels = [];
    private readonly Dictionary<string, MetricPostings> _metrics = new(StringComparer.Ordinal);
    private readonly StringPool _strings = new();
    private readonly Queue<int> _freedIds = new();
    private readonly int _maxSeries;
    private MemSeries?[] _slots = new MemSeries?[1024];
    private int _nextSlot;
    private int _liveSeries;
    private long _rejected;

    /// <summary>Id of the series with these labels, created if new; -1 when the series limit is reached (counted).</summary>
    public int GetOrCreateSeries(LabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        lock (_indexLock)
        {
            if (_byLabels.TryGetValue(labels, out var existing))
            {
                return existing.Id;
            }

            if (_liveSeries >= _maxSeries)
            {
                Interlocked.Increment(ref _rejected);
                return -1;
            }

            var interned = labels.Intern(_strings.Acquire);
            var id = AllocateId();
            var series = new MemSeries(id, interned);
            Volatile.Write(ref _slots[SeriesId.Slot(id)], series);
            _byLabels.Add(interned, series);
            var metric = interned.MetricName;
            if (!_metrics.TryGetValue(metric, out var postings))
            {
                _metrics[metric] = postings = new MetricPostings();
            }

            postings.Add(series);
            _liveSeries++;
            return id;
        }
    }

    /// <summary>The series of a metric that satisfy every matcher (an absent label matches as empty, as in Prometheus).</summary>
    public IReadOnlyList<SeriesInfo> Select(string metricName, IReadOnlyList<Matcher> matchers)
        => SelectSeries(metricName, matchers).ConvertAll(s => new SeriesInfo(s.Id, s.Labels));

    public IReadOnlyList<string> MetricNames()
    {
        lock (_indexLock)
        {
            var names = _metrics.Keys.ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    /// <summary>Label names used by the metric's series, sorted, without <c>__name__</c>.</summary>
    public IReadOnlyList<string> LabelNames(string metricName)
    {
        lock (_indexLock)
        {
            if (!_metrics.TryGetValue(metricName, out var postings))
            {
                return [];
            }

            var names = postings.LabelValues.Keys.ToList();
            names.Sort(StringComparer.Ordinal);
            return names;
        }
    }

    public IReadOnlyList<string> LabelValues(string metricName, string labelName)
    {
        lock (_indexLock)
        {
            if (!_metrics.TryGetValue(metricName, out var postings))
            {
                return [];
            }

            if (labelName == LabelSet.MetricNameLabel)
            {
                return [metricName];
            }

            if (!postings.LabelValues.TryGetValue(labelName, out var values))
            {
                return [];
            }

            var list = values.Keys.ToList();
            list.Sort(StringComparer.Ordinal);
            return list;
        }
    }

    /// <summary>The metrics with the most series, for the summary.</summary>
    public IReadOnlyList<(string Metric, int Series)> TopMetrics(int count)
    {
        lock (_indexLock)
        {
            return _metrics
                .Select(m => (Metric: m.Key, Series: m.Value.Count))
                .OrderByDescending(m => m.Series)
                .ThenBy(m => m.Metric, StringComparer.Ordinal)
                .Take(Math.Max(0, count))
                .ToList();
        }
    }

    /// <summary>The live series of a metric that satisfy every matcher.</summary>
    internal List<MemSeries> SelectSeries(string metricName, IReadOnlyList<Matcher> matchers)
    {
        int[] ids;
        lock (_indexLock)
        {
            if (!_metrics.TryGetValue(metricName, out var postings))
            {
                return [];
            }

            // Copied so matching (regexes included) runs outside the lock that creating series needs.
            ids = postings.Ids.AsSpan(0, postings.Count).ToArray();
        }

        var filter = new LabelFilter(matchers);
        var result = new List<MemSeries>();
        foreach (var id in ids)
        {
            if (Find(id) is { } series && filter.Matches(series.Labels))
            {
                result.Add(series);
            }
        }

        return result;
    }

    /// <summary>Every series in memory now (a snapshot walk: series created meanwhile may or may not appear).</summary>
    internal IEnumerable<MemSeries> AllSeries()
    {
        var slots = Volatile.Read(ref _slots);
        for (var i = 0; i < slots.Length; i++)
        {
            if (Volatile.Read(ref slots[i]) is { Dead: false } series)
            {
                yield return series;
            }
        }
    }

    internal MemSeries? Find(int seriesId)
    {
        if (seriesId < 0)
        {
            return null;
        }

        var slots = Volatile.Read(ref _slots);
        var slot = SeriesId.Slot(seriesId);
        return slot < slots.Length && Volatile.Read(ref slots[slot]) is { } series && series.Id == seriesId ? series : null;
    }

    /// <summary>Caller holds the index lock.</summary>
    private int AllocateId()
    {
        // Oldest freed slot first, so a slot comes back as late as possible (see SeriesId).
        if (_freedIds.TryDequeue(out var freed))
        {
            return SeriesId.Make(SeriesId.Slot(freed), SeriesId.NextGeneration(freed));
        }

        var slot = _nextSlot++;
        if (slot >= _slots.Length)
        {
            var grown = new MemSeries?[Math.Min(Math.Max(_slots.Length * 2, slot + 1), SeriesId.MaxSlots + 1)];
            Array.Copy(_slots, grown, _slots.Length);
            Volatile.Write(ref _slots, grown);
        }

        return SeriesId.Make(slot, 0);
    }

    /// <summary>Removes dead series from every index structure and frees their slots. Caller holds the index lock.</summary>
    private void RemoveFromIndex(List<MemSeries> dead)
    {
        foreach (var group in dead.GroupBy(s => s.Labels.MetricName, StringComparer.Ordinal))
        {
            if (_metrics.TryGetValue(group.Key, out var postings))
            {
                postings.Remove(group);
                if (postings.Count == 0)
                {
                    _metrics.Remove(group.Key);
                }
            }
        }

        foreach (var series in dead)
        {
            _byLabels.Remove(series.Labels);
            _slots[SeriesId.Slot(series.Id)] = null;
            _freedIds.Enqueue(series.Id);
            foreach (var label in series.Labels.Labels)
            {
                _strings.Release(label.Name);
                _strings.Release(label.Value);
            }
        }

        _liveSeries -= dead.Count;
    }

    /// <summary>One metric's series ids and the label values they use (reference-counted, for the explorer).</summary>
    private sealed class MetricPostings
    {
        public int[] Ids = new int[8];
        public int Count;
        public readonly Dictionary<string, Dictionary<string, int>> LabelValues = new(StringComparer.Ordinal);

        public void Add(MemSeries series)
        {
            if (Count == Ids.Length)
            {
                Array.Resize(ref Ids, Ids.Length * 2);
            }

            Ids[Count++] = series.Id;
            foreach (var label in series.Labels.Labels)
            {
                if (label.Name == LabelSet.MetricNameLabel)
                {
                    continue;
                }

                if (!LabelValues.TryGetValue(label.Name, out var values))
                {
                    LabelValues[label.Name] = values = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                values[label.Value] = values.GetValueOrDefault(label.Value) + 1;
            }
        }

        public void Remove(IEnumerable<MemSeries> removed)
        {
            var ids = new HashSet<int>();
            foreach (var series in removed)
            {
                ids.Add(series.Id);
                foreach (var label in series.Labels.Labels)
                {
                    if (label.Name == LabelSet.MetricNameLabel || !LabelValues.TryGetValue(label.Name, out var values))
                    {
                        continue;
                    }

                    if (values.TryGetValue(label.Value, out var uses) && uses > 1)
                    {
                        values[label.Value] = uses - 1;
                    }
                    else
                    {
                        values.Remove(label.Value);
                        if (values.Count == 0)
                        {
                            LabelValues.Remove(label.Name);
                        }
                    }
                }
            }

            // One compaction pass per batch: removing ids one by one would be quadratic for a metric losing many series.
            var kept = 0;
            for (var i = 0; i < Count; i++)
            {
                if (!ids.Contains(Ids[i]))
                {
                    Ids[kept++] = Ids[i];
                }
            }

            Count = kept;
            if (Ids.Length > 64 && Count < Ids.Length / 4)
            {
                Array.Resize(ref Ids, Math.Max(8, Count * 2));
            }
        }
    }
}

using Prometheus;

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>
/// A defined custom metric and its values. Each metric has a prometheus-net registry of its own: registries cannot
/// unregister a family, so deleting a metric drops its registry, and redefining the name later starts clean.
/// </summary>
/// <remarks>
/// Samples are applied under a lock on the metric so that a batch's cardinality check and its writes are one step
/// (a batch is all or nothing); scrapes read prometheus-net's own thread-safe values without it.
/// </remarks>
internal sealed class CustomMetric
{
    // prometheus-net would attach the recording HTTP request's trace id as an exemplar: meaningless to the workflow's series.
    private static readonly ExemplarBehavior NoExemplars = new() { DefaultExemplarProvider = (_, _) => Exemplar.None };

    private readonly Dictionary<LabelValues, object> _series = [];
    private readonly Func<string[], object> _withLabels;
    // The collector itself is the unlabelled series (ICounter, IGauge, IHistogram); prometheus-net keeps its child internal.
    private readonly object? _unlabelled;

    public CustomMetric(CustomMetricDefinition definition)
    {
        Definition = definition;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        string[] labels = [.. definition.LabelNames];
        var help = EscapeHelp(definition.Help);
        switch (definition.Type)
        {
            case CustomMetricType.Counter:
                var counter = factory.CreateCounter(definition.Name, help, new CounterConfiguration { LabelNames = labels, ExemplarBehavior = NoExemplars });
                _withLabels = counter.WithLabels;
                _unlabelled = labels.Length == 0 ? counter : null;
                break;
            case CustomMetricType.Gauge:
                var gauge = factory.CreateGauge(definition.Name, help, new GaugeConfiguration { LabelNames = labels });
                _withLabels = gauge.WithLabels;
                _unlabelled = labels.Length == 0 ? gauge : null;
                break;
            default:
                var histogram = factory.CreateHistogram(definition.Name, help,
                    new HistogramConfiguration { LabelNames = labels, Buckets = [.. definition.Buckets ?? CustomMetricDefinition.DefaultBuckets], ExemplarBehavior = NoExemplars });
                _withLabels = histogram.WithLabels;
                _unlabelled = labels.Length == 0 ? histogram : null;
                break;
        }

        if (_unlabelled is not null)
        {
            _series[LabelValues.None] = _unlabelled;
        }

        Claims = new HashSet<string>(CustomMetricNames.Claims(definition.Name, definition.Type.Name()), StringComparer.Ordinal);
    }

    public CustomMetricDefinition Definition { get; }

    /// <summary>This metric's family alone; the console appends it to /metrics.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The names this metric's samples use in either exposition format (see <see cref="CustomMetricNames.Claims"/>).</summary>
    public IReadOnlySet<string> Claims { get; }

    /// <summary>Set once the exposition had to leave this metric out because the console itself exports a family of its name.</summary>
    public bool ShadowReported { get; set; }

    public int SeriesCount
    {
        get
        {
            lock (_series)
            {
                return _series.Count;
            }
        }
    }

    /// <summary>
    /// Applies every sample, or none when they would take the metric past <paramref name="maxSeries"/> label-value
    /// combinations. Returns false in that case; <paramref name="seriesCount"/> is the count afterwards (or unchanged).
    /// </summary>
    public bool TryApply(IReadOnlyList<CustomSample> samples, int maxSeries, out int seriesCount)
    {
        lock (_series)
        {
            if (_unlabelled is null)
            {
                var fresh = samples.Select(s => s.Labels).Where(l => !_series.ContainsKey(l)).Distinct().Count();
                if (_series.Count + fresh > maxSeries)
                {
                    seriesCount = _series.Count;
                    return false;
                }
            }

            foreach (var sample in samples)
            {
                if (!_series.TryGetValue(sample.Labels, out var child))
                {
                    child = _withLabels(sample.Labels.Values);
                    _series[sample.Labels] = child;
                }

                Apply(child, sample);
            }

            seriesCount = _series.Count;
            return true;
        }
    }

    /// <summary>Current values, ordered by label values, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<CustomSeriesView> Snapshot(int limit)
    {
        KeyValuePair<LabelValues, object>[] series;
        lock (_series)
        {
            series = [.. _series];
        }

        return [.. series
            .OrderBy(s => string.Join('\u0000', s.Key.Values), StringComparer.Ordinal)
            .Take(limit)
            .Select(s => ToView(s.Key, s.Value))];
    }

    private CustomSeriesView ToView(LabelValues key, object child)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < key.Values.Length; i++)
        {
            labels[Definition.LabelNames[i]] = key.Values[i];
        }

        return child switch
        {
            ICounter c => new CustomSeriesView(labels, c.Value, null, null),
            IGauge g => new CustomSeriesView(labels, g.Value, null, null),
            IHistogram h => new CustomSeriesView(labels, null, h.Count, h.Sum),
            _ => new CustomSeriesView(labels, null, null, null),
        };
    }

    /// <summary>
    /// prometheus-net writes HELP verbatim, but both text formats need <c>\\</c> and <c>\n</c> escaped there (a raw newline
    /// would end the line and inject whatever follows; <c>C:\temp</c> would be an invalid escape).
    /// </summary>
    internal static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Apply(object child, CustomSample sample)
    {
        switch (child, sample.Op)
        {
            case (ICounter counter, CustomSampleOp.Inc):
                counter.Inc(sample.Value);
                break;
            case (IGauge gauge, CustomSampleOp.Inc):
                gauge.Inc(sample.Value);
                break;
            case (IGauge gauge, CustomSampleOp.Dec):
                gauge.Dec(sample.Value);
                break;
            case (IGauge gauge, CustomSampleOp.Set):
                gauge.Set(sample.Value);
                break;
            case (IHistogram histogram, CustomSampleOp.Observe):
                histogram.Observe(sample.Value);
                break;
            default:
                throw new InvalidOperationException($"{sample.Op} does not apply to {child.GetType().Name} (the validator lets it through).");
        }
    }
}

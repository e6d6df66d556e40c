using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Query;

/// <summary>
/// Combines evaluated series per instant. <see cref="Aggregation.None"/> keeps each series with its labels minus
/// <c>__name__</c> (the metric is the result's <see cref="QueryResult.Metric"/>; as in Prometheus after a function).
/// Otherwise one output series per distinct value combination of the <c>By</c> labels (an absent label groups as
/// empty and is left out of the output labels; no By: one series without labels), where sum/avg/min/max/count take
/// the series that have a value at that instant; min and max ignore NaN unless every value is NaN (Prometheus' rule).
/// </summary>
internal sealed class Aggregator(QueryPlan plan)
{
    private readonly Dictionary<string, Group> _groups = new(StringComparer.Ordinal);
    private readonly List<QuerySeries> _plain = [];

    public void Add(LabelSet labels, double[] values, bool[] present)
    {
        if (plan.Aggregation == Aggregation.None)
        {
            var points = new List<QueryPoint>();
            for (var k = 0; k < plan.Points; k++)
            {
                if (present[k])
                {
                    points.Add(new QueryPoint(plan.Time(k), values[k]));
                }
            }

            if (points.Count > 0)
            {
                var output = labels.ToDictionary();
                output.Remove(LabelSet.MetricNameLabel);
                _plain.Add(new QuerySeries(output, points));
            }

            return;
        }

        var key = string.Join('\xff', plan.By.Select(name => labels.Get(name) ?? ""));
        if (!_groups.TryGetValue(key, out var group))
        {
            var groupLabels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in plan.By)
            {
                if (labels.Get(name) is { Length: > 0 } value)
                {
                    groupLabels[name] = value;
                }
            }

            _groups[key] = group = new Group(groupLabels, plan.Points);
        }

        for (var k = 0; k < plan.Points; k++)
        {
            if (present[k])
            {
                group.Add(k, values[k], plan.Aggregation);
            }
        }
    }

    /// <summary>The output series, ordered by their labels for a stable legend.</summary>
    public List<QuerySeries> Result()
    {
        var result = _plain;
        foreach (var group in _groups.Values)
        {
            var points = new List<QueryPoint>();
            for (var k = 0; k < plan.Points; k++)
            {
                if (group.Counts[k] > 0)
                {
                    points.Add(new QueryPoint(plan.Time(k), group.Value(k, plan.Aggregation)));
                }
            }

            if (points.Count > 0)
            {
                result.Add(new QuerySeries(group.Labels, points));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(Key(a.Labels), Key(b.Labels)));
        return result;

        static string Key(IReadOnlyDictionary<string, string> labels)
            => string.Join('\xff', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "\xfe" + l.Value));
    }

    private sealed class Group(Dictionary<string, string> labels, int points)
    {
        public Dictionary<string, string> Labels { get; } = labels;

        public int[] Counts { get; } = new int[points];

        private readonly double[] _values = new double[points];

        public void Add(int k, double value, Aggregation aggregation)
        {
            ref var current = ref _values[k];
            var first = Counts[k]++ == 0;
            switch (aggregation)
            {
                case Aggregation.Sum or Aggregation.Avg:
                    current = first ? value : current + value;
                    break;
                case Aggregation.Min:
                    current = first || double.IsNaN(current) || value < current ? value : current;
                    break;
                case Aggregation.Max:
                    current = first || double.IsNaN(current) || value > current ? value : current;
                    break;
            }
        }

        public double Value(int k, Aggregation aggregation) => aggregation switch
        {
            Aggregation.Avg => _values[k] / Counts[k],
            Aggregation.Count => Counts[k],
            _ => _values[k],
        };
    }
}

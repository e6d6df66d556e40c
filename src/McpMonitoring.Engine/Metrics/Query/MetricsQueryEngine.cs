using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Metrics.Rollups;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Query;

/// <summary>Evaluates <see cref="MetricsQuery"/> over the in-memory store, falling back to persisted rollups for older ranges.</summary>
/// <remarks>
/// Semantics (Prometheus' range query, simplified): instants are the multiples of the step within [start, end]
/// (start aligned down); a series' instant value is its newest sample within (t - 5m, t], none if that sample is a
/// staleness marker; with a rate window, Prometheus' extrapolated <c>rate()</c> over (t - window, t]; then the
/// aggregation (see <see cref="Aggregator"/>). An unknown metric is an empty result. Instants before a series'
/// first sample in memory (older than the retention, or before a restart) are answered from the persisted
/// rollups: each bucket contributes its last value at the bucket's end, the lookback widens to one bucket and a rate
/// window to two, and <see cref="QueryResult.Resolution"/> is <c>rollup</c>. Thread-safe; cancellation stops the
/// database reads.
/// </remarks>
public sealed class MetricsQueryEngine
{
    private readonly TimeSeriesStore _store;
    private readonly MetricRollupRepository? _rollups;
    private readonly long _rollupIntervalMs;

    /// <param name="rollups">Null: memory only (tests, tools).</param>
    public MetricsQueryEngine(TimeSeriesStore store, IOptions<MetricsOptions> options, MetricRollupRepository? rollups = null)
    {
        _store = store;
        _rollups = options.Value.MaxRollupSeries > 0 ? rollups : null;
        _rollupIntervalMs = (long)options.Value.RollupInterval.TotalMilliseconds;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem for an invalid query (end before start, too many points, ...).</summary>
    public async Task<QueryResult> ExecuteAsync(MetricsQuery query, CancellationToken cancellationToken)
    {
        var plan = QueryPlan.Create(query);
        var windowMs = Math.Max(plan.RateWindowMs ?? SeriesEvaluator.LookbackMs, SeriesEvaluator.LookbackMs);
        var readFrom = plan.FirstMs - windowMs;
        var inputs = new Dictionary<LabelSet, InputSeries>();
        foreach (var series in _store.SelectSeries(plan.Metric, plan.Matchers))
        {
            var input = new InputSeries(series.Labels) { RawFromMs = TimeSeriesStore.FirstTimestamp(series) ?? long.MaxValue };
            TimeSeriesStore.ReadSamples(series, readFrom, plan.LastMs, input.Samples, includeStaleMarkers: true);
            inputs[series.Labels] = input;
        }

        if (_rollups is not null && readFrom < _store.CompleteFromMs)
        {
            var rollupWindow = Math.Max(windowMs, 2 * _rollupIntervalMs);
            var persisted = await _rollups.ReadAsync(
                plan.Metric, plan.Matchers, plan.FirstMs - rollupWindow - _rollupIntervalMs, plan.LastMs, cancellationToken).ConfigureAwait(false);
            foreach (var series in persisted)
            {
                if (!inputs.TryGetValue(series.Labels, out var input))
                {
                    inputs[series.Labels] = input = new InputSeries(series.Labels);
                }

                // Only buckets that end before memory begins: after that, raw samples are exact.
                var older = series.Points
                    .Where(p => p.BucketMs + _rollupIntervalMs < input.RawFromMs)
                    .Select(p => new Sample(p.BucketMs + _rollupIntervalMs, p.Last))
                    .ToList();
                if (older.Count > 0)
                {
                    input.Samples.InsertRange(0, older);
                    input.HasRollups = true;
                }
            }
        }

        var aggregator = new Aggregator(plan);
        var values = new double[plan.Points];
        var present = new bool[plan.Points];
        var fromRollups = 0;
        foreach (var input in inputs.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            fromRollups += SeriesEvaluator.Evaluate(plan, input, _rollupIntervalMs, values, present);
            aggregator.Add(input.Labels, values, present);
        }

        return new QueryResult(
            plan.Metric,
            TypeOf(plan.Metric),
            MetricUnits.Infer(plan.Metric, plan.RateWindowMs is not null, plan.Aggregation),
            TimeSpan.FromMilliseconds(plan.StepMs),
            fromRollups > 0 ? "rollup" : "raw",
            aggregator.Result());
    }

    /// <summary>The TYPE of the metric's family, lower case as in the exposition (<c>counter</c>, <c>gauge</c>, ...), or null when unknown.</summary>
    private string? TypeOf(string metric)
    {
        foreach (var name in MetricUnits.FamilyCandidates(metric))
        {
            if (_store.GetMetadata(name) is { } metadata)
            {
                return metadata.Type.ToString().ToLowerInvariant();
            }
        }

        return null;
    }
}

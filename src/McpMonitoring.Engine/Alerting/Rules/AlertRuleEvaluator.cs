using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace McpMonitoring.Engine.Alerting.Rules;

/// <summary>
/// Evaluates rules against every <see cref="ISeriesSource"/>: one alert per result series (raised through
/// <see cref="AlertService.IngestAsync"/>, which holds it pending for the rule's <c>for</c>), and resolves the
/// rule's open alerts whose series no longer satisfy the condition. Keeps each rule's last outcome for the API.
/// </summary>
public sealed class AlertRuleEvaluator(
    AlertService alerts,
    IEnumerable<ISeriesSource> sources,
    TimeProvider time,
    ILogger<AlertRuleEvaluator> logger)
{
    private readonly ISeriesSource[] _sources = [.. sources];
    private readonly ConcurrentDictionary<AlertRule, AlertRuleOutcome> _outcomes = new(ReferenceEqualityComparer.Instance);

    /// <summary>Evaluates a group's rules in order; a rule that fails is logged and recorded, and the next one still runs.</summary>
    public async Task EvaluateGroupAsync(AlertRuleGroup group, CancellationToken cancellationToken)
    {
        foreach (var rule in group.Rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = time.GetTimestamp();
            var at = time.GetUtcNow();
            try
            {
                var count = await EvaluateRuleAsync(rule).ConfigureAwait(false);
                _outcomes[rule] = new AlertRuleOutcome(at, time.GetElapsedTime(started), null, count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Alert rule {Rule} in group {Group} failed", rule.Name, group.Name);
                _outcomes[rule] = new AlertRuleOutcome(at, time.GetElapsedTime(started), ex.Message, null);
            }
        }
    }

    public AlertRuleOutcome? GetOutcome(AlertRule rule) => _outcomes.GetValueOrDefault(rule);

    /// <summary>Raises the rule's current alerts and resolves the ones that cleared; returns how many series hold.</summary>
    internal async Task<int> EvaluateRuleAsync(AlertRule rule)
    {
        var samples = rule.Expression.Evaluate(new CombinedSource(_sources));
        var inputs = new List<AlertInput>(samples.Count);
        var fingerprints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            var input = ToInput(rule, sample);
            if (!fingerprints.Add(Fingerprint.Of(input.Labels)))
            {
                // Prometheus refuses this too: two series would become one alert, and its value would flip between them.
                throw new InvalidOperationException($"two result series have the same labels {Describe(input.Labels)} once __name__ is dropped and the rule labels are added.");
            }

            inputs.Add(input);
        }

        var errors = AlertInputValidator.Validate(inputs, "series");
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("the alerts are not valid: " + string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        }

        if (inputs.Count > 0)
        {
            await alerts.IngestAsync(inputs, AlertSources.Rule, AlertService.SystemActor).ConfigureAwait(false);
        }

        await alerts.ResolveWhereAsync(a => rule.Owns(a) && !fingerprints.Contains(a.Fingerprint), $"{rule.Name}: the condition no longer holds").ConfigureAwait(false);
        return inputs.Count;
    }

    internal static AlertInput ToInput(AlertRule rule, SeriesSample sample)
    {
        var seriesLabels = new Dictionary<string, string>(sample.Labels, StringComparer.Ordinal);
        seriesLabels.Remove(SeriesLabels.MetricName);
        var labels = new Dictionary<string, string>(seriesLabels, StringComparer.Ordinal);
        foreach (var (key, value) in rule.Labels)
        {
            labels[key] = value;
        }

        labels[AlertLabels.AlertName] = rule.Name;
        // As in Prometheus, $labels are the series' labels (before the rule's own are added).
        var annotations = rule.Annotations.ToDictionary(a => a.Key, a => a.Value.Render(seriesLabels, sample.Value), StringComparer.Ordinal);
        return new AlertInput { Labels = labels, Annotations = annotations, For = rule.For };
    }

    private static string Describe(IReadOnlyDictionary<string, string> labels) =>
        "{" + string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";

    private sealed class CombinedSource(ISeriesSource[] sources) : ISeriesSource
    {
        public IEnumerable<SeriesSample> Select(string metricName) => sources.SelectMany(s => s.Select(metricName));
    }
}

/// <summary>A rule's last evaluation: when, how long, the error if it failed, else how many series held.</summary>
public sealed record AlertRuleOutcome(DateTimeOffset At, TimeSpan Duration, string? Error, int? Series);

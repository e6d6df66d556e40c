namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>
/// Every registered <see cref="ISuppressionEvaluator"/> in registration order (silence, maintenance window,
/// inhibition, dependency); the first that answers names the suppression.
/// </summary>
/// <remarks>Not itself registered as an evaluator, so consumers that enumerate the evaluators do not count it twice.</remarks>
public sealed class SuppressionPipeline(IEnumerable<ISuppressionEvaluator> evaluators)
{
    private readonly ISuppressionEvaluator[] _evaluators = [.. evaluators];

    /// <summary>Why a firing alert with <paramref name="labels"/> is not notified at <paramref name="now"/>, or null.</summary>
    public SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
    {
        foreach (var evaluator in _evaluators)
        {
            if (evaluator.Evaluate(labels, now) is { } suppression)
            {
                return suppression;
            }
        }

        return null;
    }
}

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>Suppresses alerts matched by an active silence.</summary>
/// <remarks>Answers for firing alerts; resolutions are never suppressed (the notifier decides that). Reads memory only.</remarks>
public sealed class SilenceSuppression(SilenceService silences) : ISuppressionEvaluator
{
    public SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
    {
        foreach (var silence in silences.Live)
        {
            if (silence.StateAt(now) == SilenceState.Active && silence.Matches(labels))
            {
                return new SuppressionInfo(SuppressionKind.Silence, silence.Id, $"silenced by {silence.CreatedBy} until {silence.EndsAt:u}: {silence.Comment}");
            }
        }

        return null;
    }
}

using System.Collections.Immutable;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>Suppresses alerts matched by an active silence.</summary>
/// <remarks>
/// Answers for firing alerts; resolutions are never suppressed (the notifier decides that). Reads memory only.
/// Silences are indexed by one of their equality matchers with a non-empty value (an alert can only match such a
/// silence if it carries that label with that value), rebuilt when the live set changes; an alert checks the
/// silences indexed under its own labels plus those without such a matcher, the first live one (in
/// <see cref="SilenceService.Live"/> order) that matches answers, as a scan of the whole list would.
/// </remarks>
public sealed class SilenceSuppression(SilenceService silences) : ISuppressionEvaluator
{
    private volatile SilenceIndex? _index;

    public SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
    {
        var live = silences.Live;
        if (live.IsEmpty)
        {
            return null;
        }

        var index = _index is { } current && current.Live == live ? current : (_index = SilenceIndex.Build(live));
        var best = -1;
        Consider(index.Unindexed);
        foreach (var (name, value) in labels)
        {
            if (index.ByLabel.TryGetValue(name, out var byValue) && byValue.TryGetValue(value, out var candidates))
            {
                Consider(candidates);
            }
        }

        if (best < 0)
        {
            return null;
        }

        var silence = live[best];
        return new SuppressionInfo(SuppressionKind.Silence, silence.Id, $"silenced by {silence.CreatedBy} until {silence.EndsAt:u}: {silence.Comment}");

        void Consider(List<int> positions)
        {
            foreach (var i in positions)
            {
                if (best >= 0 && i >= best)
                {
                    // Positions are ascending: nothing later in this list can come first.
                    return;
                }

                var silence = live[i];
                if (silence.StateAt(now) == SilenceState.Active && silence.Matches(labels))
                {
                    best = i;
                    return;
                }
            }
        }
    }

    private sealed record SilenceIndex(ImmutableArray<Silence> Live, Dictionary<string, Dictionary<string, List<int>>> ByLabel, List<int> Unindexed)
    {
        public static SilenceIndex Build(ImmutableArray<Silence> live)
        {
            var byLabel = new Dictionary<string, Dictionary<string, List<int>>>(StringComparer.Ordinal);
            var unindexed = new List<int>();
            for (var i = 0; i < live.Length; i++)
            {
                var key = live[i].Matchers.FirstOrDefault(m => m.Type == MatchType.Equal && m.Value.Length > 0);
                if (key is null)
                {
                    unindexed.Add(i);
                    continue;
                }

                if (!byLabel.TryGetValue(key.Name, out var byValue))
                {
                    byLabel[key.Name] = byValue = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                }

                if (!byValue.TryGetValue(key.Value, out var positions))
                {
                    byValue[key.Value] = positions = [];
                }

                positions.Add(i);
            }

            return new SilenceIndex(live, byLabel, unindexed);
        }
    }
}

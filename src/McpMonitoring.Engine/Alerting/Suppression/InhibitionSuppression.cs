using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>Suppresses alerts inhibited by another firing alert through an <see cref="InhibitionRule"/>.</summary>
/// <remarks>
/// Answers for firing alerts; resolutions are never suppressed (the notifier decides that). The firing alerts come
/// from <see cref="IFiringAlerts"/>, resolved on first use rather than injected, because its implementation (the
/// alert service) depends on the evaluators; without one registered nothing is inhibited.
/// <para>
/// Cost: the firing alerts that match each rule's source matchers are indexed by their <c>equal</c> label values,
/// and the index is kept while the rules and <see cref="IFiringAlerts.FiringVersion"/> stay the same, so a target
/// checks its rules' target matchers and looks up candidate sources instead of scanning every firing alert per rule
/// (10,000 alerts x 100 rules was 10^10 checks per evaluation pass). Which rules an alert's labels are a source for
/// is remembered per label set, so rebuilding after an alert fires is one dictionary look-up per firing alert.
/// </para>
/// </remarks>
public sealed class InhibitionSuppression(InhibitionRuleService rules, IServiceProvider services) : ISuppressionEvaluator
{
    private readonly ConditionalWeakTable<IReadOnlyDictionary<string, string>, SourceOf> _sourceOf = [];
    private IFiringAlerts? _firing;
    private volatile SourceIndex? _index;

    public SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
    {
        var active = rules.Rules;
        if (active.IsEmpty || (_firing ??= services.GetService<IFiringAlerts>()) is not { } firing)
        {
            return null;
        }

        var index = IndexFor(active, firing);
        string? self = null;
        for (var i = 0; i < active.Length; i++)
        {
            var rule = active[i];
            if (index.Sources[i] is not { } byEqual || !Matcher.All(rule.TargetMatchers, labels)
                || !byEqual.TryGetValue(EqualKey(rule, labels), out var sources))
            {
                continue;
            }

            foreach (var source in sources)
            {
                self ??= Fingerprint.Of(labels);
                if (Fingerprint.Of(source) == self)
                {
                    continue;
                }

                var name = source.TryGetValue(AlertLabels.AlertName, out var n) ? n : Fingerprint.Of(source);
                var where = source.TryGetValue(AlertLabels.Target, out var t) ? $" on {t}" : "";
                return new SuppressionInfo(SuppressionKind.Inhibition, rule.Id, $"inhibited by {name}{where} (rule {rule.Name ?? rule.Id})");
            }
        }

        return null;
    }

    private SourceIndex IndexFor(ImmutableArray<InhibitionRule> active, IFiringAlerts firing)
    {
        // Read the version before the firing set: a change during the build bumps it, so the next call rebuilds.
        var version = firing.FiringVersion;
        if (_index is { } current && version >= 0 && current.Version == version && current.Rules == active)
        {
            return current;
        }

        var sources = new Dictionary<string, List<IReadOnlyDictionary<string, string>>>?[active.Length];
        foreach (var labels in firing.FiringLabelSets())
        {
            foreach (var i in RulesSourcedBy(labels, active))
            {
                var byEqual = sources[i] ??= new Dictionary<string, List<IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
                var key = EqualKey(active[i], labels);
                if (!byEqual.TryGetValue(key, out var list))
                {
                    byEqual[key] = list = [];
                }

                list.Add(labels);
            }
        }

        var built = new SourceIndex(active, version, sources);
        _index = built;
        return built;
    }

    /// <summary>Indexes of the rules whose source matchers <paramref name="labels"/> match, remembered per label set and rule list.</summary>
    private int[] RulesSourcedBy(IReadOnlyDictionary<string, string> labels, ImmutableArray<InhibitionRule> active)
    {
        if (_sourceOf.TryGetValue(labels, out var known) && known.Rules == active)
        {
            return known.Indexes;
        }

        var indexes = new List<int>();
        for (var i = 0; i < active.Length; i++)
        {
            if (Matcher.All(active[i].SourceMatchers, labels))
            {
                indexes.Add(i);
            }
        }

        var entry = new SourceOf(active, [.. indexes]);
        _sourceOf.AddOrUpdate(labels, entry);
        return entry.Indexes;
    }

    /// <summary>The rule's <c>equal</c> label values (absent = empty), joined: sources and targets meet on it.</summary>
    private static string EqualKey(InhibitionRule rule, IReadOnlyDictionary<string, string> labels)
    {
        if (rule.Equal.Count == 0)
        {
            return "";
        }

        if (rule.Equal.Count == 1)
        {
            return labels.TryGetValue(rule.Equal[0], out var only) ? only : "";
        }

        return string.Join('\u0000', rule.Equal.Select(l => labels.TryGetValue(l, out var v) ? v : ""));
    }

    private sealed record SourceIndex(ImmutableArray<InhibitionRule> Rules, long Version, Dictionary<string, List<IReadOnlyDictionary<string, string>>>?[] Sources);

    private sealed record SourceOf(ImmutableArray<InhibitionRule> Rules, int[] Indexes);
}

using Microsoft.Extensions.DependencyInjection;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>Suppresses alerts inhibited by another firing alert through an <see cref="InhibitionRule"/>.</summary>
/// <remarks>
/// Answers for firing alerts; resolutions are never suppressed (the notifier decides that). The firing alerts come
/// from <see cref="IFiringAlerts"/>, resolved on first use rather than injected, because its implementation (the
/// alert service) depends on the evaluators; without one registered nothing is inhibited.
/// </remarks>
public sealed class InhibitionSuppression(InhibitionRuleService rules, IServiceProvider services) : ISuppressionEvaluator
{
    private IFiringAlerts? _firing;

    public SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now)
    {
        var active = rules.Rules;
        if (active.IsEmpty || (_firing ??= services.GetService<IFiringAlerts>()) is not { } firing)
        {
            return null;
        }

        string? self = null;
        foreach (var rule in active)
        {
            if (!Matcher.All(rule.TargetMatchers, labels))
            {
                continue;
            }

            foreach (var source in firing.FiringLabelSets())
            {
                if (!rule.Inhibits(source, labels))
                {
                    continue;
                }

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
}

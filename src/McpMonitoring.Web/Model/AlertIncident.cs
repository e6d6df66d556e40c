using McpMonitoring.Engine.Alerting;

namespace McpMonitoring.Web.Model;

/// <summary>
/// Active alerts that share one root cause: the target named by their <c>root_cause</c> annotation (a dependency
/// that took them down), else their own <c>target</c> label (the alert is its own root), else the alert's name.
/// An operator sees "demo-database down: 3 alerts" instead of three unrelated rows.
/// </summary>
public sealed record AlertIncident(string RootCause, bool RootIsTarget, IReadOnlyList<AlertSnapshot> Alerts)
{
    public const string RootCauseAnnotation = "root_cause";

    public AlertSeverity Severity => Alerts.Max(a => a.Severity);

    public DateTimeOffset Since => Alerts.Min(a => a.FiringSince ?? a.StartsAt);

    /// <summary>The root's own alert is among the members (so the root itself is known to be down).</summary>
    public bool RootIsDown => Alerts.Any(a => a.Labels.TryGetValue(AlertLabels.Target, out var t) && t == RootCause);

    public int Unacknowledged => Alerts.Count(a => a.State != AlertState.Acknowledged);

    public string Title => $"{RootCause}{(RootIsTarget && RootIsDown ? " down" : "")}: {Alerts.Count} alert{(Alerts.Count == 1 ? "" : "s")}";

    public static string RootOf(AlertSnapshot alert) =>
        alert.Annotations.TryGetValue(RootCauseAnnotation, out var root) && !string.IsNullOrWhiteSpace(root) ? root
        : alert.Labels.TryGetValue(AlertLabels.Target, out var target) && !string.IsNullOrWhiteSpace(target) ? target
        : alert.Name;

    /// <summary>Groups open alerts into incidents, most severe (then largest, then oldest) first.</summary>
    public static IReadOnlyList<AlertIncident> Group(IEnumerable<AlertSnapshot> alerts) =>
    [
        .. alerts.Where(a => a.State != AlertState.Resolved)
            .GroupBy(RootOf, StringComparer.Ordinal)
            .Select(g => new AlertIncident(
                g.Key,
                g.Any(a => a.Annotations.ContainsKey(RootCauseAnnotation) || a.Labels.ContainsKey(AlertLabels.Target)),
                [.. g.OrderByDescending(a => a.Labels.TryGetValue(AlertLabels.Target, out var t) && t == g.Key).ThenByDescending(a => a.Severity).ThenBy(a => a.Id)]))
            .OrderByDescending(i => i.Severity).ThenByDescending(i => i.Alerts.Count).ThenBy(i => i.Since).ThenBy(i => i.RootCause, StringComparer.Ordinal),
    ];
}

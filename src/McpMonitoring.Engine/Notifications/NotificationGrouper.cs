using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Notifications;

/// <summary>
/// Alertmanager's grouping and dedup, without threads or clocks of its own (the caller passes "now", so tests drive
/// it with a FakeTimeProvider). Not thread-safe: one caller at a time.
/// </summary>
/// <remarks>
/// Choices, where Alertmanager has no acknowledgement or where this console differs:
/// <list type="bullet">
/// <item>A group is created when an alert first fires (pending alerts wait), flushes group_wait later, then ticks every group_interval.</item>
/// <item>At a tick a notification goes out when an alert fires that the receiver was not told about, when an alert it was
/// told about resolved (sent once; channels with send_resolved=false leave resolutions out), or when repeat_interval
/// passed since the last notification.</item>
/// <item>Suppressed alerts (silence, maintenance, inhibition) are left out of firing notifications but stay in the group; when
/// the suppression ends they count as new and go out at the next tick. Resolutions are never suppressed.</item>
/// <item>Acknowledged alerts are listed in change notifications (with who acknowledged), but a repeat is only sent
/// while some alert is still unacknowledged, and it lists only those: on-call already has the rest.</item>
/// <item>Escalation: an alert still firing unacknowledged (and unsuppressed) escalate_after after it started firing is sent
/// once per firing to escalate_to, immediately rather than at a tick.</item>
/// </list>
/// </remarks>
public sealed class NotificationGrouper
{
    private readonly Dictionary<string, NotificationGroup> _groups = new(StringComparer.Ordinal);
    private readonly HashSet<string> _escalated = new(StringComparer.Ordinal);
    private RoutingTree _tree;

    public NotificationGrouper(RoutingTree tree) => _tree = tree;

    public int GroupCount => _groups.Count;

    /// <summary>The earliest tick of any group (null without groups): the caller flushes then rather than at its next poll.</summary>
    public DateTimeOffset? NextDue { get; private set; }

    /// <summary>Escalations already sent (loaded from the outbox at start) are not sent again.</summary>
    public void MarkEscalated(IEnumerable<string> dedupKeys) => _escalated.UnionWith(dedupKeys);

    /// <summary>New routes: re-route every alert, keeping the timers and memory of groups that still exist.</summary>
    public void SetTree(RoutingTree tree, IEnumerable<AlertSnapshot> active, DateTimeOffset now)
    {
        _tree = tree;
        var known = _groups.Values.SelectMany(g => g.Alerts.Values).GroupBy(a => a.Fingerprint).Select(g => g.First());
        var alerts = known.Concat(active).GroupBy(a => a.Fingerprint).Select(g => g.Last()).ToList();
        var old = new Dictionary<string, NotificationGroup>(_groups, StringComparer.Ordinal);
        _groups.Clear();
        foreach (var group in old.Values)
        {
            group.Alerts.Clear();
        }

        foreach (var alert in alerts)
        {
            foreach (var route in _tree.Match(alert.Labels))
            {
                var labels = RoutingTree.GroupLabels(route, alert.Labels);
                var key = RoutingTree.GroupKey(route, labels) + "@" + route.Path;
                if (!_groups.TryGetValue(key, out var group) && old.TryGetValue(key, out group))
                {
                    group.Route = route;
                    _groups[key] = group;
                }

                if (group is not null || alert.IsActive)
                {
                    Place(route, key, labels, alert, now, group);
                }
            }
        }

        NextDue = _groups.Count == 0 ? null : _groups.Values.Min(g => g.NextFlushAt);
    }

    /// <summary>An alert changed (its snapshot after the change).</summary>
    public void Observe(AlertSnapshot alert, DateTimeOffset now)
    {
        foreach (var route in _tree.Match(alert.Labels))
        {
            var labels = RoutingTree.GroupLabels(route, alert.Labels);
            var key = RoutingTree.GroupKey(route, labels) + "@" + route.Path;
            _groups.TryGetValue(key, out var group);
            // A resolution or pending alert opens no group: there is nothing to announce.
            if (group is not null || alert.IsActive)
            {
                Place(route, key, labels, alert, now, group);
            }
        }
    }

    private void Place(CompiledRoute route, string key, SortedDictionary<string, string> labels, AlertSnapshot alert, DateTimeOffset now, NotificationGroup? group)
    {
        if (group is null)
        {
            group = new NotificationGroup { Route = route, Key = key, Labels = labels, NextFlushAt = now + route.GroupWait };
            _groups[key] = group;
            if (NextDue is not { } due || group.NextFlushAt < due)
            {
                NextDue = group.NextFlushAt;
            }
        }

        group.Alerts[alert.Fingerprint] = alert;
    }

    /// <summary>Groups whose tick is due decide what to send; escalations are checked on every call.</summary>
    public IReadOnlyList<GroupNotification> Flush(DateTimeOffset now)
    {
        var result = new List<GroupNotification>();
        DateTimeOffset? next = null;
        foreach (var (key, group) in _groups.ToList())
        {
            Escalate(group, now, result);
            if (group.NextFlushAt <= now)
            {
                Tick(group, now, result);
                if (group.Alerts.Count == 0)
                {
                    _groups.Remove(key);
                    continue;
                }
            }

            if (next is not { } n || group.NextFlushAt < n)
            {
                next = group.NextFlushAt;
            }
        }

        NextDue = next;
        return result;
    }

    private static void Tick(NotificationGroup group, DateTimeOffset now, List<GroupNotification> result)
    {
        var route = group.Route;
        var firing = group.Alerts.Values.Where(a => a.IsActive && a.Suppression is null).OrderBy(a => a.Id).ToList();
        var resolved = group.Alerts.Values.Where(a => a.State == AlertState.Resolved && group.NotifiedFiring.Contains(a.Fingerprint)).OrderBy(a => a.Id).ToList();
        var firingKeys = firing.Select(a => a.Fingerprint).ToHashSet(StringComparer.Ordinal);

        // Forget what is no longer firing unsuppressed, so an alert coming out of a silence counts as new.
        group.NotifiedFiring.RemoveWhere(fp => !firingKeys.Contains(fp) && !resolved.Any(r => r.Fingerprint == fp));
        var hasNew = firing.Any(a => !group.NotifiedFiring.Contains(a.Fingerprint));
        var repeatDue = group.LastNotifiedAt is { } last && now - last >= route.RepeatInterval && firing.Any(a => a.State == AlertState.Firing);

        if (hasNew || resolved.Count > 0 || repeatDue)
        {
            var listed = hasNew || resolved.Count > 0 ? firing : [.. firing.Where(a => a.State == AlertState.Firing)];
            result.Add(new GroupNotification(route.Receiver, NotificationKinds.Notification, group.Key[..group.Key.LastIndexOf('@')],
                group.Labels, listed, resolved, route.RepeatInterval + route.GroupInterval));
            group.NotifiedFiring.Clear();
            group.NotifiedFiring.UnionWith(firingKeys);
            group.LastNotifiedAt = now;
        }

        foreach (var gone in group.Alerts.Values.Where(a => a.State == AlertState.Resolved).Select(a => a.Fingerprint).ToList())
        {
            group.Alerts.Remove(gone);
        }

        group.NextFlushAt = now + route.GroupInterval;
    }

    private void Escalate(NotificationGroup group, DateTimeOffset now, List<GroupNotification> result)
    {
        var route = group.Route;
        if (route.EscalateAfter is not { } after || route.EscalateTo is not { } to)
        {
            return;
        }

        foreach (var alert in group.Alerts.Values)
        {
            if (alert.State != AlertState.Firing || alert.Suppression is not null || (alert.FiringSince ?? alert.StartsAt) + after > now)
            {
                continue;
            }

            var dedup = EscalationKey(route, alert);
            if (_escalated.Add(dedup))
            {
                result.Add(new GroupNotification(to, NotificationKinds.Escalation, group.Key[..group.Key.LastIndexOf('@')], group.Labels,
                    [alert], [], route.RepeatInterval + route.GroupInterval, dedup,
                    $"unacknowledged for {Duration.Format(after)}: escalated to {to} (route {route.Path})"));
            }
        }
    }

    /// <summary>One escalation per route, alert and firing (a reopened alert may escalate again).</summary>
    public static string EscalationKey(CompiledRoute route, AlertSnapshot alert) =>
        $"{route.Path}|{alert.Fingerprint}|{alert.Occurrences}";
}

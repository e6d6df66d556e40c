namespace McpMonitoring.Engine.Alerting;

/// <summary>Filter and page over alerts in memory (open ones and the recently resolved).</summary>
public sealed record AlertQuery
{
    public IReadOnlyCollection<AlertState>? States { get; init; }

    public IReadOnlyCollection<AlertSeverity>? Severities { get; init; }

    public IReadOnlyList<Matcher>? Matchers { get; init; }

    public string? Search { get; init; }

    /// <summary>Only suppressed (true) or only notifiable (false) alerts.</summary>
    public bool? Suppressed { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 100;
}

public sealed record AlertPage(IReadOnlyList<AlertSnapshot> Items, int Total, int Offset, int Limit);

public sealed record AlertCounts(int Pending, int Firing, int Acknowledged, int Suppressed, IReadOnlyDictionary<AlertSeverity, int> OpenBySeverity);

public sealed partial class AlertService
{
    /// <summary>Newest first; severity ties the order only through the filter, so paging is stable.</summary>
    public AlertPage Query(AlertQuery query)
    {
        List<AlertSnapshot> matching;
        lock (_lock)
        {
            matching = [.. _byId.Values.Where(r => Keep(r, query)).OrderByDescending(r => r.State != AlertState.Resolved)
                .ThenByDescending(r => r.Severity).ThenByDescending(r => r.Id).Select(r => r.ToSnapshot())];
        }

        var offset = Math.Max(0, query.Offset);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        return new AlertPage([.. matching.Skip(offset).Take(limit)], matching.Count, offset, limit);
    }

    public AlertCounts GetCounts()
    {
        int pending = 0, firing = 0, acknowledged = 0, suppressed = 0;
        var bySeverity = Enum.GetValues<AlertSeverity>().ToDictionary(s => s, _ => 0);
        lock (_lock)
        {
            foreach (var runtime in _byId.Values)
            {
                switch (runtime.State)
                {
                    case AlertState.Pending:
                        pending++;
                        continue;
                    case AlertState.Firing:
                        firing++;
                        break;
                    case AlertState.Acknowledged:
                        acknowledged++;
                        break;
                    default:
                        continue;
                }

                bySeverity[runtime.Severity]++;
                if (runtime.Suppression is not null)
                {
                    suppressed++;
                }
            }
        }

        return new AlertCounts(pending, firing, acknowledged, suppressed, bySeverity);
    }

    private static bool Keep(AlertRuntime r, AlertQuery q)
    {
        if (q.States is { Count: > 0 } states && !states.Contains(r.State))
        {
            return false;
        }

        if (q.Severities is { Count: > 0 } severities && !severities.Contains(r.Severity))
        {
            return false;
        }

        if (q.Suppressed is { } suppressed && (r.Suppression is not null) != suppressed)
        {
            return false;
        }

        if (q.Matchers is { Count: > 0 } matchers && !Matcher.All(matchers, r.Labels))
        {
            return false;
        }

        return string.IsNullOrWhiteSpace(q.Search)
            || r.Name.Contains(q.Search, StringComparison.OrdinalIgnoreCase)
            || r.Labels.Values.Any(v => v.Contains(q.Search, StringComparison.OrdinalIgnoreCase))
            || r.Annotations.Values.Any(v => v.Contains(q.Search, StringComparison.OrdinalIgnoreCase));
    }
}

public sealed partial class AlertService
{
    public AlertSnapshot? FindByFingerprint(string fingerprint)
    {
        if (!_byFingerprint.TryGetValue(fingerprint, out var runtime))
        {
            return null;
        }

        lock (_lock)
        {
            return runtime.ToSnapshot();
        }
    }
}

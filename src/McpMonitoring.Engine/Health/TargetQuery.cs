namespace McpMonitoring.Engine.Health;

public enum TargetSort
{
    Name,
    Status,
    Latency,
    Kind,
    LastChecked,
}

/// <summary>Filter, sort and page over the live fleet: one implementation for the API and the Health page.</summary>
public sealed record TargetQuery
{
    public string? Search { get; init; }

    public HealthStatus? Status { get; init; }

    public TargetKind? Kind { get; init; }

    /// <summary>Label matchers, all of which must hold (label = value).</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    public TargetSort Sort { get; init; } = TargetSort.Name;

    public bool Descending { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 100;
}

public sealed record TargetPage(IReadOnlyList<TargetState> Items, int Total, int Offset, int Limit);

public static class TargetQueryExtensions
{
    /// <summary>Severity order for sorting by status: the worst first when descending.</summary>
    public static int Severity(this HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 0,
        HealthStatus.Unknown => 1,
        HealthStatus.Degraded => 2,
        HealthStatus.Impacted => 3,
        HealthStatus.Unhealthy => 4,
        _ => 0,
    };

    public static TargetPage Query(this HealthMonitor monitor, TargetQuery query)
    {
        // Filter on the live runtimes first and snapshot only the page: 100k targets must not mean 100k records per refresh.
        IEnumerable<TargetRuntime> runtimes = monitor.Runtimes;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            runtimes = runtimes.Where(r => r.Definition.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || TargetRuntime.Describe(r.Definition).Contains(search, StringComparison.OrdinalIgnoreCase));
        }

        if (query.Status is { } status)
        {
            runtimes = runtimes.Where(r => r.Status == status);
        }

        if (query.Kind is { } kind)
        {
            runtimes = runtimes.Where(r => r.Definition.Kind == kind);
        }

        if (query.Labels is { Count: > 0 } labels)
        {
            runtimes = runtimes.Where(r => labels.All(l => r.Definition.Labels.TryGetValue(l.Key, out var v) && v == l.Value));
        }

        Comparison<TargetRuntime> compare = query.Sort switch
        {
            TargetSort.Status => (a, b) => a.Status.Severity().CompareTo(b.Status.Severity()),
            TargetSort.Latency => (a, b) => Nullable.Compare(a.LastLatencyMs, b.LastLatencyMs),
            TargetSort.Kind => (a, b) => a.Definition.Kind.CompareTo(b.Definition.Kind),
            TargetSort.LastChecked => (a, b) => Nullable.Compare(a.LastCheckedAt, b.LastCheckedAt),
            _ => (_, _) => 0,
        };
        Comparison<TargetRuntime> order = (a, b) =>
        {
            var result = compare(a, b);
            if (query.Descending)
            {
                result = -result;
            }

            return result != 0 ? result : string.CompareOrdinal(a.Definition.Name, b.Definition.Name) * (query.Sort == TargetSort.Name && query.Descending ? -1 : 1);
        };
        var offset = Math.Max(0, query.Offset);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var need = offset + limit;
        List<TargetRuntime> sorted;
        int total;
        if ((long)need * 4 < monitor.Count)
        {
            // A page near the top of a large fleet (the Overview's 120 tiles of 100k, refreshed up to 10 times a
            // second): keep only the best offset+limit in a bounded heap, O(n log k), instead of sorting everything.
            (sorted, total) = Top(runtimes, need, order);
        }
        else
        {
            sorted = runtimes.ToList();
            total = sorted.Count;
            sorted.Sort(order);
        }

        return new TargetPage([.. sorted.Skip(offset).Take(limit).Select(r => r.ToState())], total, offset, limit);
    }

    /// <summary>The first <paramref name="count"/> runtimes in <paramref name="order"/>, sorted, and how many there were.</summary>
    private static (List<TargetRuntime> Top, int Total) Top(IEnumerable<TargetRuntime> runtimes, int count, Comparison<TargetRuntime> order)
    {
        // A max-heap of the best so far: its root is the worst of them, the one a better candidate replaces.
        var heap = new PriorityQueue<TargetRuntime, TargetRuntime>(count + 1, Comparer<TargetRuntime>.Create((a, b) => order(b, a)));
        var total = 0;
        foreach (var runtime in runtimes)
        {
            total++;
            if (heap.Count < count)
            {
                heap.Enqueue(runtime, runtime);
            }
            else if (order(runtime, heap.Peek()) < 0)
            {
                heap.DequeueEnqueue(runtime, runtime);
            }
        }

        var top = new List<TargetRuntime>(heap.Count);
        while (heap.TryDequeue(out var runtime, out _))
        {
            top.Add(runtime);
        }

        top.Sort(order);
        return (top, total);
    }
}

using McpMonitoring.Engine.Health;

namespace McpMonitoring.Web.Model;

/// <summary>One neighbour in the dependency view; <see cref="Status"/> is null when the named target does not exist.</summary>
public sealed record DependencyNode(string Name, HealthStatus? Status, string? RootCause, bool OnRootCauseChain);

/// <summary>
/// What a target depends on (upstream), what depends on it (downstream) and, for an Impacted target, the chain
/// from it down to its root cause: the path the cascade took, so the operator fixes the right thing.
/// </summary>
public sealed record DependencyViewModel(
    IReadOnlyList<DependencyNode> Upstream,
    IReadOnlyList<DependencyNode> Downstream,
    IReadOnlyList<string> RootCauseChain)
{
    public static DependencyViewModel Build(HealthMonitor monitor, TargetState target)
    {
        var chain = RootCauseChainOf(monitor, target);
        var onChain = chain.ToHashSet(StringComparer.Ordinal);
        var upstream = target.DependsOn.Select(name => Node(monitor, name, onChain)).ToList();

        // Direct dependents only: the transitive ones are one click further, and a 100k fleet stays a single scan.
        var downstream = monitor.Runtimes
            .Where(r => r.Definition.DependsOn.Contains(target.Name, StringComparer.Ordinal))
            .Select(r => r.Definition.Name)
            .Order(StringComparer.Ordinal)
            .Select(name => Node(monitor, name, onChain))
            .ToList();
        return new DependencyViewModel(upstream, downstream, chain);
    }

    /// <summary>target → … → root cause, following dependencies that are themselves failing; empty unless Impacted.</summary>
    internal static IReadOnlyList<string> RootCauseChainOf(HealthMonitor monitor, TargetState target)
    {
        if (target.Status != HealthStatus.Impacted || target.RootCause is null)
        {
            return [];
        }

        var chain = new List<string> { target.Name };
        var seen = new HashSet<string>(StringComparer.Ordinal) { target.Name };
        var current = target;
        while (!string.Equals(current.Name, target.RootCause, StringComparison.Ordinal))
        {
            var next = current.DependsOn
                .Select(monitor.Get)
                .FirstOrDefault(d => d is not null && d.OwnStatus == HealthStatus.Unhealthy && !seen.Contains(d.Name));
            if (next is null)
            {
                // The cascade moved on since the snapshot: show the direct link rather than a broken path.
                return [target.Name, target.RootCause];
            }

            chain.Add(next.Name);
            seen.Add(next.Name);
            current = next;
        }

        return chain;
    }

    private static DependencyNode Node(HealthMonitor monitor, string name, HashSet<string> onChain)
    {
        var state = monitor.Get(name);
        return new DependencyNode(name, state?.Status, state?.RootCause, onChain.Contains(name));
    }
}

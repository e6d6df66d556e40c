using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Health;

public sealed partial class HealthMonitor
{
    // Everything below runs under _graphLock. _dependents maps a target to the targets that depend on it.

    private void AddEdges(TargetDefinition target)
    {
        foreach (var dependency in target.DependsOn)
        {
            if (!_dependents.TryGetValue(dependency, out var list))
            {
                _dependents[dependency] = list = [];
            }

            list.Add(target.Name);
        }
    }

    private void RemoveEdges(TargetDefinition target)
    {
        foreach (var dependency in target.DependsOn)
        {
            if (_dependents.TryGetValue(dependency, out var list))
            {
                list.Remove(target.Name);
                if (list.Count == 0)
                {
                    _dependents.Remove(dependency);
                }
            }
        }
    }

    private void RecomputeFrom(string name)
    {
        Recompute(name);
        foreach (var dependent in TransitiveDependents(name))
        {
            Recompute(dependent);
        }
    }

    /// <summary>Dependents in breadth-first order, so a target is recomputed after what it depends on.</summary>
    private List<string> TransitiveDependents(string name)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { name };
        var queue = new Queue<string>();
        queue.Enqueue(name);
        while (queue.Count > 0)
        {
            if (!_dependents.TryGetValue(queue.Dequeue(), out var list))
            {
                continue;
            }

            foreach (var dependent in list)
            {
                if (seen.Add(dependent))
                {
                    result.Add(dependent);
                    queue.Enqueue(dependent);
                }
            }
        }

        return result;
    }

    private void Recompute(string name)
    {
        if (!_targets.TryGetValue(name, out var runtime))
        {
            return;
        }

        HealthStatus from;
        HealthStatus to;
        string? rootCause;
        string? error;
        lock (runtime)
        {
            rootCause = runtime.OwnStatus == HealthStatus.Unhealthy ? FindRootCause(runtime.Definition, []) : null;
            to = rootCause is null ? runtime.OwnStatus : HealthStatus.Impacted;
            from = runtime.Status;
            error = runtime.LastError;
            if (from == to && runtime.RootCause == rootCause)
            {
                return;
            }

            runtime.Status = to;
            runtime.RootCause = rootCause;
            if (from != to)
            {
                runtime.StatusSince = _time.GetUtcNow();
            }
        }

        if (from == to)
        {
            return;
        }

        _counts[(int)from]--;
        _counts[(int)to]++;
        var change = new TargetStatusChanged(name, from, to, rootCause, error, _time.GetUtcNow());
        lock (_recentChanges)
        {
            _recentChanges.AddFirst(change);
            while (_recentChanges.Count > _recentCapacity)
            {
                _recentChanges.RemoveLast();
            }
        }

        _events.Publish(change);
    }

    /// <summary>The deepest Unhealthy dependency reachable through Unhealthy dependencies, or null.</summary>
    private string? FindRootCause(TargetDefinition target, HashSet<string> visiting)
    {
        if (!visiting.Add(target.Name))
        {
            return null;
        }

        foreach (var dependencyName in target.DependsOn)
        {
            if (_targets.TryGetValue(dependencyName, out var dependency) && dependency.OwnStatus == HealthStatus.Unhealthy)
            {
                return FindRootCause(dependency.Definition, visiting) ?? dependencyName;
            }
        }

        return null;
    }
}

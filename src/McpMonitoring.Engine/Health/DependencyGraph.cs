namespace McpMonitoring.Engine.Health;

/// <summary>Graph rules over a whole fleet: every dependency exists, and there is no cycle.</summary>
public static class DependencyGraph
{
    /// <summary>Returns one error per problem (unknown dependency, cycle named in order); empty when valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyCollection<TargetDefinition> targets)
    {
        var errors = new List<string>();
        var byName = targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var target in targets)
        {
            foreach (var dependency in target.DependsOn)
            {
                if (!byName.ContainsKey(dependency))
                {
                    errors.Add($"target '{target.Name}' depends on unknown target '{dependency}'.");
                }
            }
        }

        var cycle = FindCycle(byName);
        if (cycle is not null)
        {
            errors.Add($"dependency cycle: {string.Join(" -> ", cycle)}.");
        }

        return errors;
    }

    /// <summary>Finds one cycle, returned as the path that closes it (a -> b -> a), or null.</summary>
    public static IReadOnlyList<string>? FindCycle(IReadOnlyDictionary<string, TargetDefinition> byName)
    {
        // Iterative three-colour DFS: fleets of 100k targets must not overflow the stack.
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var start in byName.Keys.Order(StringComparer.Ordinal))
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            var path = new List<string>();
            var stack = new Stack<(string Name, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (name, next) = stack.Pop();
                var dependencies = byName.TryGetValue(name, out var target) ? target.DependsOn : [];
                if (next < dependencies.Count)
                {
                    stack.Push((name, next + 1));
                    var dependency = dependencies[next];
                    if (!byName.ContainsKey(dependency))
                    {
                        continue;
                    }

                    state.TryGetValue(dependency, out var colour);
                    if (colour == 1)
                    {
                        var from = path.IndexOf(dependency);
                        return [.. path.Skip(from), dependency];
                    }

                    if (colour == 0)
                    {
                        state[dependency] = 1;
                        path.Add(dependency);
                        stack.Push((dependency, 0));
                    }
                }
                else
                {
                    state[name] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        return null;
    }
}

using System.Text;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Notifications;

/// <summary>A route with parsed matchers and durations, everything unset inherited from its parent.</summary>
public sealed class CompiledRoute
{
    public required string Path { get; init; }

    /// <summary>Alertmanager's route key (<c>{}/{team="db"}</c>), the prefix of group keys sent to receivers.</summary>
    public required string Key { get; init; }

    public required string Receiver { get; init; }

    public required IReadOnlyList<Matcher> Matchers { get; init; }

    public required IReadOnlyList<string> GroupBy { get; init; }

    public bool GroupByAll { get; init; }

    public TimeSpan GroupWait { get; init; }

    public TimeSpan GroupInterval { get; init; }

    public TimeSpan RepeatInterval { get; init; }

    public bool Continue { get; init; }

    public TimeSpan? EscalateAfter { get; init; }

    public string? EscalateTo { get; init; }

    public IReadOnlyList<CompiledRoute> Routes { get; internal set; } = [];
}

/// <summary>
/// The routing tree, matched as Alertmanager does: depth first, the first matching child wins unless it says
/// <c>continue</c>, and a node none of whose children match takes the alert itself.
/// </summary>
public sealed class RoutingTree
{
    public static readonly TimeSpan DefaultGroupWait = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultGroupInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);

    private RoutingTree(CompiledRoute root) => Root = root;

    public CompiledRoute Root { get; }

    /// <summary>Compiles a tree that passed <see cref="NotificationConfigValidator.ValidateRoute"/>.</summary>
    public static RoutingTree Compile(RouteConfig root)
    {
        var defaults = new CompiledRoute
        {
            Path = "",
            Key = "",
            Receiver = root.Receiver ?? "",
            Matchers = [],
            GroupBy = [],
            GroupWait = DefaultGroupWait,
            GroupInterval = DefaultGroupInterval,
            RepeatInterval = DefaultRepeatInterval,
        };
        return new RoutingTree(Compile(root, defaults, "route", "{}"));
    }

    private static CompiledRoute Compile(RouteConfig config, CompiledRoute parent, string path, string key)
    {
        var matchers = (config.Matchers ?? []).SelectMany(Matcher.ParseList).ToList();
        var groupBy = config.GroupBy;
        var escalates = config.EscalateAfter is not null;
        var node = new CompiledRoute
        {
            Path = path,
            Key = key,
            Receiver = config.Receiver ?? parent.Receiver,
            Matchers = matchers,
            GroupBy = groupBy is null ? parent.GroupBy : groupBy.Where(l => l != "...").ToList(),
            GroupByAll = groupBy is null ? parent.GroupByAll : groupBy.Contains("..."),
            GroupWait = Parse(config.GroupWait) ?? parent.GroupWait,
            GroupInterval = Parse(config.GroupInterval) ?? parent.GroupInterval,
            RepeatInterval = Parse(config.RepeatInterval) ?? parent.RepeatInterval,
            Continue = config.Continue,
            EscalateAfter = escalates ? Parse(config.EscalateAfter) : parent.EscalateAfter,
            EscalateTo = escalates ? config.EscalateTo : parent.EscalateTo,
        };
        var children = new List<CompiledRoute>();
        for (var i = 0; i < (config.Routes?.Count ?? 0); i++)
        {
            var child = config.Routes![i];
            var childMatchers = (child.Matchers ?? []).SelectMany(Matcher.ParseList);
            children.Add(Compile(child, node, $"{path}.routes[{i}]", $"{key}/{{{string.Join(",", childMatchers)}}}"));
        }

        node.Routes = children;
        return node;
    }

    private static TimeSpan? Parse(string? text) => text is null ? null : Duration.Parse(text);

    /// <summary>The routes that take an alert with these labels (at least the root).</summary>
    public IReadOnlyList<CompiledRoute> Match(IReadOnlyDictionary<string, string> labels)
    {
        var result = new List<CompiledRoute>();
        Match(Root, labels, result);
        return result;
    }

    private static bool Match(CompiledRoute route, IReadOnlyDictionary<string, string> labels, List<CompiledRoute> result)
    {
        if (!Matcher.All(route.Matchers, labels))
        {
            return false;
        }

        var matchedChild = false;
        foreach (var child in route.Routes)
        {
            if (Match(child, labels, result))
            {
                matchedChild = true;
                if (!child.Continue)
                {
                    break;
                }
            }
        }

        if (!matchedChild)
        {
            result.Add(route);
        }

        return true;
    }

    /// <summary>The labels an alert is grouped by on a route: the group_by labels it has, or all of them for "...".</summary>
    public static SortedDictionary<string, string> GroupLabels(CompiledRoute route, IReadOnlyDictionary<string, string> labels)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (route.GroupByAll)
        {
            foreach (var (name, value) in labels)
            {
                result[name] = value;
            }

            return result;
        }

        foreach (var name in route.GroupBy)
        {
            if (labels.TryGetValue(name, out var value))
            {
                result[name] = value;
            }
        }

        return result;
    }

    /// <summary>Alertmanager's group key: route key, then the group labels as a matcher set.</summary>
    public static string GroupKey(CompiledRoute route, SortedDictionary<string, string> groupLabels)
    {
        var builder = new StringBuilder(route.Key).Append(":{");
        var first = true;
        foreach (var (name, value) in groupLabels)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            builder.Append(new Matcher(name, Alerting.MatchType.Equal, value));
            first = false;
        }

        return builder.Append('}').ToString();
    }
}

using McpMonitoring.Engine.Notifications;

namespace McpMonitoring.Tests.Unit.Notifications;

public sealed class RoutingTreeTests
{
    private static RoutingTree Tree() => RoutingTree.Compile(new RouteConfig
    {
        Receiver = "default",
        GroupBy = ["alertname"],
        GroupWait = "10s",
        Routes =
        [
            new RouteConfig
            {
                Matchers = ["team=\"db\""],
                Receiver = "db",
                GroupWait = "1m",
                Routes =
                [
                    new RouteConfig { Matchers = ["severity=~\"CRITICAL|EMERGENCY\""], Receiver = "db-pager", Continue = true },
                    new RouteConfig { Matchers = ["env!=\"dev\""], Receiver = "db-chat" },
                    new RouteConfig { Receiver = "never-reached" },
                ],
            },
            new RouteConfig { Matchers = ["team=~\"web|api\""], Receiver = "web", Continue = true, GroupBy = ["..."] },
            new RouteConfig { Matchers = ["team=\"api\""], Receiver = "api" },
        ],
    });

    private static List<string> Receivers(params (string, string)[] labels) =>
        [.. Tree().Match(labels.ToDictionary(l => l.Item1, l => l.Item2)).Select(r => r.Receiver)];

    [Fact]
    public void Match_NoChildMatches_RootTakesIt() => Assert.Equal(["default"], Receivers(("team", "ops")));

    [Fact]
    public void Match_NestedWithContinue_BothSiblingsInOrder() =>
        Assert.Equal(["db-pager", "db-chat"], Receivers(("team", "db"), ("severity", "CRITICAL"), ("env", "prod")));

    [Fact]
    public void Match_FirstMatchWithoutContinue_StopsThere() =>
        Assert.Equal(["db-chat"], Receivers(("team", "db"), ("severity", "WARNING"), ("env", "prod")));

    [Fact]
    public void Match_NestedChildrenNoneMatchAfterContinue_CatchAllChildTakesIt() =>
        Assert.Equal(["never-reached"], Receivers(("team", "db"), ("env", "dev")));

    [Fact]
    public void Match_ContinueAtTopLevel_ReachesLaterSibling() => Assert.Equal(["web", "api"], Receivers(("team", "api")));

    [Fact]
    public void Compile_ChildInheritsUnsetValues_AndOverridesSetOnes()
    {
        var db = Tree().Root.Routes[0];
        Assert.Equal(TimeSpan.FromMinutes(1), db.GroupWait);
        Assert.Equal(RoutingTree.DefaultGroupInterval, db.GroupInterval);
        Assert.Equal(["alertname"], db.GroupBy);
        Assert.Equal(TimeSpan.FromMinutes(1), db.Routes[0].GroupWait);
        Assert.True(Tree().Root.Routes[1].GroupByAll);
    }

    [Fact]
    public void GroupKey_HasAlertmanagerShape()
    {
        var db = Tree().Root.Routes[0];
        var labels = RoutingTree.GroupLabels(db, new Dictionary<string, string> { ["alertname"] = "DiskFull", ["team"] = "db" });
        Assert.Equal("{}/{team=\"db\"}:{alertname=\"DiskFull\"}", RoutingTree.GroupKey(db, labels));
    }

    [Fact]
    public void ValidateRoute_BadValues_NameThePath()
    {
        var errors = NotificationConfigValidator.ValidateRoute(new RouteConfig
        {
            Receiver = "default",
            Routes = [new RouteConfig { Matchers = ["team=~\"(\""], Receiver = "ghost", GroupWait = "5x", EscalateAfter = "15m" }],
        }, ["default"]);
        Assert.Contains("route.routes[0].matchers[0]", errors.Keys);
        Assert.Contains("unknown receiver 'ghost'.", errors["route.routes[0].receiver"]);
        Assert.Contains("route.routes[0].group_wait", errors.Keys);
        Assert.Contains("route.routes[0].escalate_to", errors.Keys);
    }
}

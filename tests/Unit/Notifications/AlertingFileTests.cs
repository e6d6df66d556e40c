using McpMonitoring.Engine.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace McpMonitoring.Tests.Unit.Notifications;

public sealed class AlertingFileTests
{
    private static string Write(string yaml)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("alerting-").FullName, "alerting.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Load_OtherTopLevelKeys_Ignored()
    {
        var file = AlertingFile.Load(Write("""
            global: {resolve_timeout: 5m}
            inhibit_rules:
              - source_matchers: ['severity="CRITICAL"']
                target_matchers: ['severity="WARNING"']
                equal: [target]
            route:
              receiver: ops
              group_by: ['...']
              routes:
                - matchers: ['team="db"']
                  continue: true
                  escalate_after: 15m
                  escalate_to: ops
            receivers:
              - name: ops
                webhook_configs: [{url: 'http://127.0.0.1:1/hook', send_resolved: false}]
            """));
        Assert.Equal("ops", file.Route!.Receiver);
        Assert.True(file.Route.Routes![0].Continue);
        Assert.Equal("15m", file.Route.Routes[0].EscalateAfter);
        Assert.False(Assert.Single(file.Receivers!).WebhookConfigs![0].SendsResolved);
    }

    [Fact]
    public void Load_UnknownKeyInsideRoute_ErrorNamesFileAndLine()
    {
        var path = Write("route:\n  receiver: ops\n  group_wiat: 10s\n");
        var error = Assert.Throws<InvalidDataException>(() => AlertingFile.Load(path));
        Assert.StartsWith($"{path} line 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetTree_NewRoutes_AlertsMoveToTheNewReceiver()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow();
        var alert = TestAlerts.Firing(1, "DiskFull", now, ("team", "db"));
        var grouper = new NotificationGrouper(RoutingTree.Compile(new RouteConfig { Receiver = "ops", GroupWait = "0s" }));
        grouper.Observe(alert, now);
        Assert.Equal("ops", Assert.Single(grouper.Flush(now)).Receiver);

        var tree = RoutingTree.Compile(new RouteConfig { Receiver = "ops", GroupWait = "0s", Routes = [new RouteConfig { Matchers = ["team=\"db\""], Receiver = "db" }] });
        grouper.SetTree(tree, [alert], now);
        Assert.Equal("db", Assert.Single(grouper.Flush(now)).Receiver);
    }
}

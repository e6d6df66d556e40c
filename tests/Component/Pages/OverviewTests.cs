using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Pages;

namespace McpMonitoring.Tests.Component.Pages;

public sealed class OverviewTests : ComponentTestContext
{
    [Fact]
    public void Overview_StatusPushed_TileAndCountsUpdateWithoutReload()
    {
        AddTarget("db");
        AddTarget("api", "db");
        Report("db", true);
        Report("api", true);
        var page = Render<Overview>();
        Assert.Equal("2", page.Find("[data-testid=count-healthy]").TextContent);

        Report("db", false);
        Report("api", false);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Unhealthy", page.Find("[data-testid=tile-db]").GetAttribute("data-status"));
            Assert.Equal("Impacted", page.Find("[data-testid=tile-api]").GetAttribute("data-status"));
            Assert.Equal("1", page.Find("[data-testid=count-impacted]").TextContent);
        });
        Assert.Contains("root cause: db", page.Find("[data-testid=tile-api]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_AlertRaised_OpenAlertsBySeverityUpdateLive()
    {
        await StartAlertsAsync();
        var page = Render<Overview>();
        Assert.Equal("0", page.Find("[data-testid=open-alerts-CRITICAL]").GetAttribute("data-count"));

        await RaiseAlertAsync("orders-db");
        await RaiseAlertAsync("orders-api", severity: McpMonitoring.Engine.Alerting.AlertSeverity.Warning);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", page.Find("[data-testid=open-alerts-CRITICAL]").GetAttribute("data-count"));
            Assert.Equal("1", page.Find("[data-testid=open-alerts-WARNING]").GetAttribute("data-count"));
        });
        Assert.Equal("/ui/alerts?severity=CRITICAL", page.Find("[data-testid=open-alerts-CRITICAL]").GetAttribute("href"));
    }
}

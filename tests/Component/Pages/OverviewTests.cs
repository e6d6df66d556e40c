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
}

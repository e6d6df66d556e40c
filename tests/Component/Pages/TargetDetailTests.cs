using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Pages;

namespace McpMonitoring.Tests.Component.Pages;

public sealed class TargetDetailTests : ComponentTestContext
{
    [Fact]
    public void Detail_ImpactedTarget_DependencyViewShowsRootCauseChain()
    {
        AddTarget("db");
        AddTarget("cache", "db");
        AddTarget("api", "cache");
        AddTarget("web", "api");
        foreach (var name in new[] { "db", "cache", "api", "web" })
        {
            Report(name, false);
        }

        var page = Render<TargetDetail>(p => p.Add(d => d.Name, "api"));

        page.WaitForAssertion(() => Assert.Equal("Impacted", page.Find("[data-testid=detail-status]").GetAttribute("data-status")));
        Assert.Equal("db", page.Find("[data-testid=detail-root-cause]").TextContent);
        Assert.Equal("db", page.Find("[data-testid=root-cause]").TextContent);
        var chain = page.Find("[data-testid=root-cause-chain]").TextContent;
        Assert.True(chain.IndexOf("api", StringComparison.Ordinal) < chain.IndexOf("cache", StringComparison.Ordinal)
            && chain.IndexOf("cache", StringComparison.Ordinal) < chain.IndexOf("db", StringComparison.Ordinal), chain);
        var upstream = page.Find("[data-testid=upstream-cache]");
        Assert.Equal("Impacted", upstream.GetAttribute("data-status"));
        Assert.Equal("true", upstream.GetAttribute("data-root-cause-chain"));
        Assert.Equal("Impacted", page.Find("[data-testid=downstream-web]").GetAttribute("data-status"));
    }

    [Fact]
    public void Detail_RootCauseRecovers_ChainDisappearsWithoutReload()
    {
        AddTarget("db");
        AddTarget("api", "db");
        Report("db", false);
        Report("api", false);
        var page = Render<TargetDetail>(p => p.Add(d => d.Name, "api"));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=root-cause-chain]")));

        Report("db", true);
        Report("api", true);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Healthy", page.Find("[data-testid=detail-status]").GetAttribute("data-status"));
            Assert.Empty(page.FindAll("[data-testid=root-cause-chain]"));
            Assert.Equal("Healthy", page.Find("[data-testid=upstream-db]").GetAttribute("data-status"));
        });
    }

    [Fact]
    public void Detail_DemoTarget_IsReadOnly()
    {
        Monitor.Upsert(new() { Name = "demo-database", Kind = McpMonitoring.Engine.Health.TargetKind.Http, Url = "http://127.0.0.1:1/" },
            McpMonitoring.Engine.Health.TargetSource.Demo);

        var page = Render<TargetDetail>(p => p.Add(d => d.Name, "demo-database"));

        Assert.NotNull(page.Find("[data-testid=demo-readonly]"));
        Assert.True(page.Find("button[data-testid=target-delete]").HasAttribute("disabled"));
        Assert.True(page.Find("button[data-testid=target-edit]").HasAttribute("disabled"));
    }

    [Fact]
    public void Detail_UnknownTarget_SaysSo()
    {
        var page = Render<TargetDetail>(p => p.Add(d => d.Name, "nope"));

        Assert.NotNull(page.Find("[data-testid=target-missing]"));
    }
}

using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace McpMonitoring.Tests.Component.Controls;

/// <summary>The Overview's scrape health card, driven by real scrapes and the events they publish.</summary>
public sealed class ScrapeHealthCardTests : ComponentTestContext
{
    public ScrapeHealthCardTests() => MigrateDatabase();

    [Fact]
    public void Overview_NoScrapeTargets_CardSaysSoAndLinksToTargets()
    {
        var page = Render<Overview>();

        Assert.Contains("No scrape targets", page.Find("[data-testid=scrape-health-empty]").TextContent, StringComparison.Ordinal);
        Assert.Equal("/ui/metrics/targets", page.Find("[data-testid=scrape-health-all]").GetAttribute("href"));
    }

    [Fact]
    public async Task Overview_TargetGoesDown_CountsAndDownListUpdateLive()
    {
        AddConfigScrapeTarget("node/db:9100", "node", "http://db:9100/metrics");
        await ScrapeTargets.CreateAsync(new ScrapeTargetRequest("dead", "broken", "http://127.0.0.1:1/metrics"), "test", Xunit.TestContext.Current.CancellationToken);
        var page = Render<Overview>();
        Assert.Equal("2", page.Find("[data-testid=scrape-count-unknown]").GetAttribute("data-count"));
        Assert.Equal("0", page.Find("[data-testid=scrape-count-down]").GetAttribute("data-count"));

        await Services.GetRequiredService<ScrapeScheduler>().ScrapeNowAsync("dead", Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("1", page.Find("[data-testid=scrape-count-down]").GetAttribute("data-count"));
            Assert.Equal("1", page.Find("[data-testid=scrape-count-unknown]").GetAttribute("data-count"));
            var down = page.Find("[data-testid=scrape-down-dead]");
            Assert.Contains("dead", down.TextContent, StringComparison.Ordinal);
            Assert.Equal(ScrapeTargets.Get("dead")!.LastError, down.QuerySelector(".scrape-error")!.TextContent);
        }, TimeSpan.FromSeconds(10));
        Assert.Equal("/ui/metrics/targets?health=down", page.Find("[data-testid=scrape-count-down]").GetAttribute("href"));
    }
}

using System.Text.RegularExpressions;
using McpMonitoring.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace McpMonitoring.Tests.E2E;

/// <summary>The metrics explorer on the real console, whose demo scrape target is the console's own /metrics.</summary>
public sealed partial class MetricsExplorerTests(ConsoleServerFixture server) : IClassFixture<ConsoleServerFixture>
{
    /// <summary>Scrapes run every 15 s by default: the first one may take that long.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions ScrapeWait = new() { Timeout = 45_000 };

    [Fact]
    public async Task Explorer_DemoTargetScrapedThenUpPicked_ChartDrawsItsSeries()
    {
        var page = await server.OpenAsync("/ui/metrics/targets", "metrics-page");
        var self = page.GetByTestId("scrape-row-mcp-monitoring/self");
        await Expect(self).ToBeVisibleAsync();
        await page.GetByTestId("scrape-now-mcp-monitoring/self").ClickAsync();
        await Expect(self).ToHaveAttributeAsync("data-health", "Up", ScrapeWait);
        await Expect(page.GetByText("Scraped 'mcp-monitoring/self'")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("scrape-source-mcp-monitoring/self")).ToHaveTextAsync("demo");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Explorer" }).ClickAsync();
        await page.GetByTestId("metric-picker").FillAsync("up");
        await page.GetByTestId("metric-option-up").ClickAsync();

        var chart = page.GetByTestId("metric-chart");
        await Expect(chart).ToHaveAttributeAsync("data-series", AtLeastOne(), ScrapeWait);
        await Expect(chart.Locator(".apexcharts-svg")).ToBeVisibleAsync();
        await Expect(chart.Locator(".apexcharts-legend")).ToContainTextAsync("mcp-monitoring");
        await Expect(page.GetByTestId("explorer-expression")).ToHaveTextAsync("up");
        await Expect(page).ToHaveURLAsync(new Regex("/ui/metrics\\?metric=up$"));
        await Screenshots.TakeAsync(page, "metrics-explorer-up");
        await page.CloseAsync();
    }

    [Fact]
    public async Task Explorer_SharedLinkToDurationMetric_ChartInMillisecondsFollowsScrapes()
    {
        var page = await server.OpenAsync("/ui/metrics?metric=scrape_duration_seconds&range=15m", "metrics-page");

        var chart = page.GetByTestId("metric-chart");
        await Expect(chart).ToHaveAttributeAsync("data-series", AtLeastOne(), ScrapeWait);
        await Expect(chart).ToHaveAttributeAsync("data-unit", new Regex("^(µs|ms|s)$"));
        await Expect(chart.Locator(".apexcharts-yaxis-title")).ToContainTextAsync("duration");
        await Expect(page.GetByTestId("explorer-range-15m")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("explorer-resolution")).ToHaveAttributeAsync("data-resolution", "raw");
        await page.CloseAsync();
    }

    [GeneratedRegex("^[1-9][0-9]*$")]
    private static partial Regex AtLeastOne();
}

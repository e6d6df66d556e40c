using McpMonitoring.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace McpMonitoring.Tests.E2E;

/// <summary>
/// Scrape targets through the UI on the real console. A class of its own (its own console): adding a target
/// replaces the demo target, which the explorer tests rely on.
/// </summary>
public sealed class MetricsScrapeTargetsTests(ConsoleServerFixture server) : IClassFixture<ConsoleServerFixture>
{
    [Fact]
    public async Task Targets_ApiTargetOnDeadPortAdded_GoesDownWithErrorAndShowsOnOverview()
    {
        var page = await server.OpenAsync("/ui/metrics/targets", "metrics-page");
        await Expect(page.GetByTestId("scrape-row-mcp-monitoring/self")).ToBeVisibleAsync();

        await page.GetByTestId("scrape-add").ClickAsync();
        await page.GetByTestId("scrape-name").FillAsync("dead-exporter");
        await page.GetByTestId("scrape-job").FillAsync("dead");
        await page.GetByTestId("scrape-url").FillAsync("http://127.0.0.1:1/metrics");
        await page.GetByTestId("scrape-interval").FillAsync("2s");
        await page.GetByTestId("scrape-timeout").FillAsync("1s");
        await page.GetByTestId("scrape-save").ClickAsync();

        await Expect(page.GetByText("Scrape target 'dead-exporter' added by")).ToBeVisibleAsync();
        var row = page.GetByTestId("scrape-row-dead-exporter");
        await Expect(row).ToHaveAttributeAsync("data-health", "Down", new() { Timeout = 20_000 });
        await Expect(page.GetByTestId("scrape-error-dead-exporter")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("scrape-edit-dead-exporter")).ToBeEnabledAsync();
        await Screenshots.TakeAsync(page, "metrics-targets-down");
        await page.CloseAsync();

        var overview = await server.OpenAsync("/", "overview");
        await Expect(overview.GetByTestId("scrape-count-down")).ToHaveAttributeAsync("data-count", "1");
        await Expect(overview.GetByTestId("scrape-down-dead-exporter")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(overview, "overview-scrape-health");
        await overview.GetByTestId("scrape-count-down").ClickAsync();
        await Expect(overview).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/ui/metrics/targets\\?health=down$"));
        await Expect(overview.GetByTestId("scrape-row-dead-exporter")).ToBeVisibleAsync();
        await Expect(overview.GetByTestId("scrape-total")).ToHaveTextAsync("1 target");
        await overview.CloseAsync();
    }

    [Fact]
    public async Task Targets_AddDialog_ServerValidationShownPerField()
    {
        var page = await server.OpenAsync("/ui/metrics/targets", "metrics-page");

        await page.GetByTestId("scrape-add").ClickAsync();
        await page.GetByTestId("scrape-name").FillAsync("ftp");
        await page.GetByTestId("scrape-job").FillAsync("files");
        await page.GetByTestId("scrape-url").FillAsync("ftp://files:21/metrics");
        await page.GetByTestId("scrape-save").ClickAsync();

        await Expect(page.GetByText("must be an absolute http or https URL")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("scrape-name")).ToBeVisibleAsync();
        await page.GetByTestId("scrape-cancel").ClickAsync();
        await Expect(page.GetByTestId("scrape-row-ftp")).ToHaveCountAsync(0);
        await page.CloseAsync();
    }
}

using McpMonitoring.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace McpMonitoring.Tests.E2E;

public sealed class HealthTests(ConsoleServerFixture server) : IClassFixture<ConsoleServerFixture>
{
    [Fact]
    public async Task Health_DemoDatabaseStoppedFromOverview_CascadeShowsOnHealthAndDetail()
    {
        var overview = await server.OpenAsync("/", "overview");
        await Expect(overview.GetByTestId("tile-demo-database")).ToHaveAttributeAsync("data-status", "Healthy");
        await ScreenshotAsync(overview, "overview");

        await overview.GetByTestId("demo-db-stop").ClickAsync();
        await Expect(overview.GetByTestId("tile-demo-api")).ToHaveAttributeAsync("data-status", "Impacted");
        await overview.CloseAsync();

        var health = await server.OpenAsync("/ui/health", "health-page");
        await Expect(health.GetByTestId("row-demo-database")).ToHaveAttributeAsync("data-status", "Unhealthy");
        await Expect(health.GetByTestId("row-demo-mcp")).ToHaveAttributeAsync("data-status", "Impacted");
        await ScreenshotAsync(health, "health-outage");

        await health.GetByRole(AriaRole.Link, new() { Name = "demo-api", Exact = true }).ClickAsync();
        await Expect(health.GetByTestId("detail-status")).ToHaveAttributeAsync("data-status", "Impacted");
        await Expect(health.GetByTestId("root-cause")).ToHaveTextAsync("demo-database");
        await Expect(health.GetByTestId("demo-readonly")).ToBeVisibleAsync();
        await ScreenshotAsync(health, "detail-outage");

        // Live: starting the database again clears the cascade on the open detail page.
        using var start = await server.Http.PostAsync(new Uri("/demo/services/database/start", UriKind.Relative), null, TestContext.Current.CancellationToken);
        await Expect(health.GetByTestId("detail-status")).ToHaveAttributeAsync("data-status", "Healthy", new() { Timeout = 15_000 });
        await health.CloseAsync();
    }

    [Fact]
    public async Task Health_AddTargetDialog_ShowsValidationErrors()
    {
        var page = await server.OpenAsync("/ui/health", "health-page");
        await Expect(page.GetByTestId("row-console")).ToBeVisibleAsync();

        await page.GetByTestId("add-target").ClickAsync();
        await page.GetByTestId("target-name").FillAsync("bad name!");
        await page.GetByTestId("target-save").ClickAsync();

        await Expect(page.GetByText("must start with a letter or digit")).ToBeVisibleAsync();
        await Expect(page.GetByText("url is required.")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "dialog-errors");
        await page.CloseAsync();
    }

    /// <summary>Screenshots for a human to look at, only when MCPMON_SCREENSHOTS names a folder.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("MCPMON_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }
}

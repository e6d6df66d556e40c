using McpMonitoring.Tests.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace McpMonitoring.Tests.E2E;

public sealed class OverviewTests(ConsoleServerFixture server) : IClassFixture<ConsoleServerFixture>
{
    [Fact]
    public async Task Overview_FirstRun_ShowsDemoFleetHealthy()
    {
        var page = await server.OpenAsync("/", "overview");

        foreach (var name in new[] { "console", "demo-database", "demo-api", "demo-mcp" })
        {
            await Expect(page.GetByTestId($"tile-{name}")).ToHaveAttributeAsync("data-status", "Healthy");
        }

        await Expect(page.GetByTestId("count-total")).ToHaveTextAsync("4");
        await page.CloseAsync();
    }
}

using McpMonitoring.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace McpMonitoring.Tests.E2E;

/// <summary>A dependency dies: the browser shows it Unhealthy and its dependents Impacted, live, then recovered.</summary>
public sealed class OutageTests(ConsoleServerFixture server) : IClassFixture<ConsoleServerFixture>
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Live = new() { Timeout = 20_000 };

    [Fact]
    public async Task StopDependency_TurnsUnhealthyLive_DependentsImpacted_ThenRecovers()
    {
        var page = await server.OpenAsync("/", "overview");
        await Expect(page.GetByTestId("tile-demo-database")).ToHaveAttributeAsync("data-status", "Healthy", Live);

        var stop = await server.Http.PostAsync("/demo/services/database/stop", null, TestContext.Current.CancellationToken);
        stop.EnsureSuccessStatusCode();

        await Expect(page.GetByTestId("tile-demo-database")).ToHaveAttributeAsync("data-status", "Unhealthy", Live);
        await Expect(page.GetByTestId("tile-demo-api")).ToHaveAttributeAsync("data-status", "Impacted", Live);
        await Expect(page.GetByTestId("tile-demo-mcp")).ToHaveAttributeAsync("data-status", "Impacted", Live);
        await Expect(page.GetByTestId("tile-demo-api")).ToContainTextAsync("root cause: demo-database");
        await Expect(page.GetByTestId("tile-console")).ToHaveAttributeAsync("data-status", "Healthy");
        await Expect(page.GetByTestId("count-impacted")).ToHaveTextAsync("2");

        (await server.Http.PostAsync("/demo/services/database/start", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await Expect(page.GetByTestId("tile-demo-database")).ToHaveAttributeAsync("data-status", "Healthy", Live);
        await Expect(page.GetByTestId("tile-demo-api")).ToHaveAttributeAsync("data-status", "Healthy", Live);
        await page.CloseAsync();
    }
}

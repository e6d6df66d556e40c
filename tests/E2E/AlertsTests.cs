using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace McpMonitoring.Tests.E2E;

/// <summary>
/// A target goes down, its alert appears live on /ui/alerts, an operator acknowledges it in the browser with a
/// comment, and the row, the alert's timeline page and the audit API all say who did it.
/// </summary>
/// <remarks>A class fixture is one server per test class: stopping the demo database here disturbs no other class.</remarks>
public sealed class AlertsTests(ConsoleServerFixture console) : IClassFixture<ConsoleServerFixture>
{
    private const string Operator = "alice-oncall";
    private const string Comment = "restarting the database";
    private static readonly LocatorAssertionsToBeVisibleOptions LiveVisible = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToHaveTextOptions LiveText = new() { Timeout = 10_000 };

    [Fact]
    public async Task TargetDown_AlertAppearsLive_AcknowledgedInBrowser_TimelineShowsWho()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var page = await console.OpenAsync("/ui/alerts", "alerts-page");

        (await console.Http.PostAsync("/demo/services/database/stop", null, cancellation)).EnsureSuccessStatusCode();

        // The health alert for the database itself (not its dependents, nor a TargetDegraded blip while the
        // demo fleet warms up) shows up without a reload.
        var row = page.Locator("[data-testid^='alert-row-'][data-name='TargetUnhealthy'][data-target='demo-database']");
        await Expect(row).ToBeVisibleAsync(LiveVisible);
        await Expect(row).ToHaveAttributeAsync("data-state", "firing");
        var id = long.Parse((await row.GetAttributeAsync("data-testid"))!["alert-row-".Length..], System.Globalization.CultureInfo.InvariantCulture);

        await page.GetByTestId($"ack-{id}").ClickAsync();
        await Expect(page.GetByTestId("alert-comment")).ToBeVisibleAsync();
        await page.GetByTestId("alert-who").FillAsync(Operator);
        await page.GetByTestId("alert-comment").FillAsync(Comment);
        await ScreenshotAsync(page, "alerts-ack-dialog");
        await page.GetByTestId("alert-confirm").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"acknowledged by {Operator}");
        await Expect(page.GetByTestId($"acked-by-{id}")).ToHaveTextAsync(Operator, LiveText);
        await Expect(page.GetByTestId($"alert-row-{id}")).ToHaveAttributeAsync("data-state", "acknowledged");
        await ScreenshotAsync(page, "alerts-list");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Incidents" }).ClickAsync();
        await Expect(page.GetByTestId("incident-title-demo-database")).ToContainTextAsync("demo-database down", new() { Timeout = 10_000 });
        await ScreenshotAsync(page, "alerts-incidents");

        await page.GetByTestId($"incident-link-{id}").ClickAsync();
        await Expect(page.GetByTestId("alert-detail")).ToHaveAttributeAsync("data-ready", "true");
        var acknowledged = page.Locator($"[data-testid=timeline-entry][data-kind=Acknowledged][data-actor='{Operator}']");
        await Expect(acknowledged).ToBeVisibleAsync();
        await Expect(acknowledged).ToContainTextAsync(Comment);
        await Expect(page.GetByTestId("detail-ack")).ToContainTextAsync(Operator);
        await ScreenshotAsync(page, "alert-detail");

        // The audit trail behind the page, over the API.
        var timeline = await console.Http.GetFromJsonAsync<JsonElement>($"/alerts/{id}/timeline", cancellation);
        Assert.Contains(timeline.EnumerateArray(), e =>
            e.GetProperty("kind").GetString() == "Acknowledged"
            && e.GetProperty("actor").GetString() == Operator
            && e.GetProperty("comment").GetString() == Comment);
        Assert.Equal("Created", timeline[0].GetProperty("kind").GetString());

        (await console.Http.PostAsync("/demo/services/database/start", null, cancellation)).EnsureSuccessStatusCode();
        await page.CloseAsync();
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("MCPMON_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }
}

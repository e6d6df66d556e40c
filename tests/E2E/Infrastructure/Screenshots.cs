using Microsoft.Playwright;

namespace McpMonitoring.Tests.E2E.Infrastructure;

public static class Screenshots
{
    /// <summary>Screenshots for a human to look at, only when MCPMON_SCREENSHOTS names a folder.</summary>
    public static async Task TakeAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("MCPMON_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }
}

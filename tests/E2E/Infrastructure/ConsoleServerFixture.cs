using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace McpMonitoring.Tests.E2E.Infrastructure;

/// <summary>
/// The real console on a real Kestrel socket (127.0.0.1, random port) with the demo fleet on, plus Debian's
/// chromium driven by Playwright. Shared by the tests of a class; each test opens its own page.
/// </summary>
public sealed class ConsoleServerFixture : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = _factory.ClientOptions.BaseAddress;
        Http = new HttpClient { BaseAddress = BaseAddress };
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Opens a page and waits until the Blazor circuit is interactive (clicks before that do nothing).</summary>
    public async Task<IPage> OpenAsync(string path, string readyTestId)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { TimezoneId = "Europe/Berlin" });
        await page.GotoAsync(new Uri(BaseAddress, path).ToString());
        await Assertions.Expect(page.GetByTestId(readyTestId)).ToHaveAttributeAsync("data-ready", "true");
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        await _factory.DisposeAsync();
    }

    private sealed class ConsoleFactory : WebApplicationFactory<Program>
    {
        private readonly string _dataDir = Directory.CreateTempSubdirectory("mcpmon-e2e-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("ConnectionStrings:Monitoring", $"Data Source={Path.Combine(_dataDir, "monitoring.db")}");
            builder.UseSetting("Monitoring:ConfigDir", Path.Combine(_dataDir, "config"));
            builder.UseSetting("Monitoring:Demo", "true");
        }
    }
}

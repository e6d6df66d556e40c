using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace McpMonitoring.Tests.Component.Pages;

/// <summary>The scrape targets tab against the real <see cref="ScrapeTargetService"/>, SQLite and scraper.</summary>
public sealed class ScrapeTargetsTests : ComponentTestContext
{
    /// <summary>Nothing listens there: a scrape fails at once with "connection refused".</summary>
    private const string DeadUrl = "http://127.0.0.1:1/metrics";

    public ScrapeTargetsTests()
    {
        MigrateDatabase();
        Services.GetRequiredService<NavigationManager>().NavigateTo(Metrics.TargetsPath);
    }

    [Fact]
    public async Task Rows_ShowApiAndConfigTargets_ConfigTargetReadOnlyWithItsSource()
    {
        AddConfigScrapeTarget("node/db:9100", "node", "http://db:9100/metrics");
        await CreateAsync("orders", "orders", "http://orders:8080/metrics");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("2 targets", page.Find("[data-testid=scrape-total]").TextContent));
        Assert.Equal("Unknown", page.Find("[data-testid='scrape-row-node/db:9100']").GetAttribute("data-health"));
        Assert.Equal("prometheus.yml", page.Find("[data-testid='scrape-source-node/db:9100']").TextContent.Trim());
        Assert.True(page.Find("button[data-testid='scrape-edit-node/db:9100']").HasAttribute("disabled"));
        Assert.True(page.Find("button[data-testid='scrape-delete-node/db:9100']").HasAttribute("disabled"));
        Assert.Empty(page.FindAll("[data-testid=scrape-source-orders]"));
        Assert.False(page.Find("button[data-testid=scrape-edit-orders]").HasAttribute("disabled"));
        var row = page.Find("[data-testid=scrape-row-orders]").ParentElement!.TextContent;
        Assert.Contains("orders:8080", row, StringComparison.Ordinal);
        Assert.Contains("never", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScrapeNow_DeadPort_RowGoesDownWithErrorAndSnackbar()
    {
        await CreateAsync("dead", "broken", DeadUrl);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("Unknown", page.Find("[data-testid=scrape-row-dead]").GetAttribute("data-health")));

        page.Find("button[data-testid=scrape-now-dead]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Down", page.Find("[data-testid=scrape-row-dead]").GetAttribute("data-health"));
            Assert.False(string.IsNullOrWhiteSpace(page.Find("[data-testid=scrape-error-dead]").TextContent));
            Assert.Contains("Scrape of 'dead' failed", page.Markup, StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AddDialog_ServerRejectsUrl_ErrorShownUnderUrlField()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("button[data-testid=scrape-add]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-testid=scrape-name]")));

        page.Find("input[data-testid=scrape-name]").Input("ftp-thing");
        page.Find("input[data-testid=scrape-job]").Input("files");
        page.Find("input[data-testid=scrape-url]").Input("ftp://files:21/metrics");
        page.Find("button[data-testid=scrape-save]").Click();

        page.WaitForAssertion(() =>
        {
            var urlField = page.Find("input[data-testid=scrape-url]").Closest(".mud-input-control")!;
            Assert.Contains("must be an absolute http or https URL", urlField.TextContent, StringComparison.Ordinal);
        });
        Assert.Empty(ScrapeTargets.GetAll());
    }

    [Fact]
    public void AddDialog_NameOfConfigTarget_ConflictShownInDialog()
    {
        AddConfigScrapeTarget("node/db:9100", "node", "http://db:9100/metrics");
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("button[data-testid=scrape-add]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-testid=scrape-name]")));

        page.Find("input[data-testid=scrape-name]").Input("node/db:9100");
        page.Find("input[data-testid=scrape-job]").Input("node");
        page.Find("input[data-testid=scrape-url]").Input("http://db:9100/metrics");
        page.Find("button[data-testid=scrape-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("already exists", page.Find("[data-testid=scrape-dialog-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void AddDialog_BadDurationText_FlaggedBeforeReachingTheServer()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("button[data-testid=scrape-add]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-testid=scrape-name]")));

        page.Find("input[data-testid=scrape-name]").Input("x");
        page.Find("input[data-testid=scrape-job]").Input("x");
        page.Find("input[data-testid=scrape-url]").Input("http://x:1/metrics");
        page.Find("input[data-testid=scrape-interval]").Input("often");
        page.Find("button[data-testid=scrape-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("interval 'often' is not a duration",
            page.Find("input[data-testid=scrape-interval]").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal));
        Assert.Empty(ScrapeTargets.GetAll());
    }

    [Fact]
    public void AddDialog_Valid_CreatesTargetRecordsOperatorAndShowsRow()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("button[data-testid=scrape-add]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("input[data-testid=scrape-name]")));

        page.Find("input[data-testid=scrape-name]").Input("orders");
        page.Find("input[data-testid=scrape-job]").Input("orders");
        page.Find("input[data-testid=scrape-url]").Input(DeadUrl);
        page.Find("input[data-testid=scrape-interval]").Input("30s");
        page.Find("textarea[data-testid=scrape-labels]").Input("team=shop");
        page.Find("button[data-testid=scrape-save]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.NotNull(page.Find("[data-testid=scrape-row-orders]"));
            Assert.Contains("Scrape target 'orders' added by operator", page.Markup, StringComparison.Ordinal);
        });
        var created = ScrapeTargets.Get("orders")!.Target;
        Assert.Equal(TimeSpan.FromSeconds(30), created.Interval);
        Assert.Equal("shop", created.Labels["team"]);
    }

    [Fact]
    public async Task EditDialog_ApiTarget_NameLockedAndChangeSaved()
    {
        await CreateAsync("orders", "orders", DeadUrl);
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("button[data-testid=scrape-edit-orders]").Click());
        page.WaitForAssertion(() => Assert.Equal("orders", page.Find("input[data-testid=scrape-name]").GetAttribute("value")));
        Assert.True(page.Find("input[data-testid=scrape-name]").HasAttribute("disabled"));

        page.Find("input[data-testid=scrape-interval]").Input("1m");
        page.Find("input[data-testid=scrape-timeout]").Input("20s");
        page.Find("button[data-testid=scrape-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("Scrape target 'orders' saved by operator", page.Markup, StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromMinutes(1), ScrapeTargets.Get("orders")!.Target.Interval);
        Assert.Equal(TimeSpan.FromSeconds(20), ScrapeTargets.Get("orders")!.Target.Timeout);
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesTarget()
    {
        await CreateAsync("orders", "orders", DeadUrl);
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("button[data-testid=scrape-delete-orders]").Click());

        page.WaitForAssertion(() => page.FindAll(".mud-message-box button, .mud-dialog-actions button").Single(b => b.TextContent.Contains("Delete", StringComparison.Ordinal)).Click());

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll("[data-testid=scrape-row-orders]"));
            Assert.Contains("deleted by operator", page.Markup, StringComparison.Ordinal);
        });
        Assert.Null(ScrapeTargets.Get("orders"));
    }

    [Fact]
    public void ManyTargets_PagedTwentyFivePerPage()
    {
        for (var i = 0; i < 30; i++)
        {
            AddConfigScrapeTarget($"node/host{i:00}:9100", "node", $"http://host{i:00}:9100/metrics");
        }

        var page = RenderPage();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("30 targets", page.Find("[data-testid=scrape-total]").TextContent);
            Assert.Equal(25, page.FindAll("[data-testid^=scrape-row-]").Count);
        });
        page.Find("button[aria-label='Next page']").Click();
        page.WaitForAssertion(() => Assert.Equal(5, page.FindAll("[data-testid^=scrape-row-]").Count));
        Assert.NotNull(page.Find("[data-testid='scrape-row-node/host29:9100']"));
    }

    [Fact]
    public async Task HealthFilterInUrl_ShowsOnlyDownTargets()
    {
        await CreateAsync("dead", "broken", DeadUrl);
        AddConfigScrapeTarget("node/db:9100", "node", "http://db:9100/metrics");
        await Services.GetRequiredService<ScrapeScheduler>().ScrapeNowAsync("dead", Xunit.TestContext.Current.CancellationToken);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"{Metrics.TargetsPath}?health=down");

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("1 target", page.Find("[data-testid=scrape-total]").TextContent));
        Assert.NotNull(page.Find("[data-testid=scrape-row-dead]"));
    }

    private async Task CreateAsync(string name, string job, string url)
    {
        var result = await ScrapeTargets.CreateAsync(new ScrapeTargetRequest(name, job, url), "test", Xunit.TestContext.Current.CancellationToken);
        Assert.NotNull(result.Value);
    }

    private IRenderedComponent<IComponent> RenderPage() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<Metrics>(3);
        builder.CloseComponent();
    });
}

using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Pages;

namespace McpMonitoring.Tests.Component.Pages;

public sealed class HealthTests : ComponentTestContext
{
    [Fact]
    public void Health_StatusPushed_RowUpdatesWithoutReload()
    {
        AddTarget("db");
        AddTarget("api", "db");
        Report("db", true);
        Report("api", true);
        var page = Render<Health>();
        page.WaitForAssertion(() => Assert.Equal("Healthy", page.Find("[data-testid=row-api]").GetAttribute("data-status")));

        Report("db", false);
        Report("api", false);

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Unhealthy", page.Find("[data-testid=row-db]").GetAttribute("data-status"));
            Assert.Equal("Impacted", page.Find("[data-testid=row-api]").GetAttribute("data-status"));
        });
        Assert.Contains("db", page.Find("[data-testid=row-api]").ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Health_ManyTargets_RendersOnlyOnePage()
    {
        for (var i = 0; i < 60; i++)
        {
            AddTarget($"svc-{i:00}");
        }

        var page = Render<Health>();

        page.WaitForAssertion(() => Assert.Equal(25, page.FindAll("[data-testid^=row-]").Count));
        Assert.NotNull(page.Find("[data-testid=row-svc-00]"));
        Assert.Empty(page.FindAll("[data-testid=row-svc-25]"));
        Assert.Equal("60 targets", page.Find("[data-testid=health-total]").TextContent);
    }

    [Fact]
    public void Health_NextPage_ShowsFollowingTargets()
    {
        for (var i = 0; i < 30; i++)
        {
            AddTarget($"svc-{i:00}");
        }

        var page = Render<Health>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=row-svc-00]")));

        page.Find("button[aria-label='Next page']").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Equal(5, page.FindAll("[data-testid^=row-]").Count);
            Assert.NotNull(page.Find("[data-testid=row-svc-25]"));
        });
    }

    [Fact]
    public void Health_SearchTyped_FiltersRows()
    {
        AddTarget("orders-api");
        AddTarget("orders-db");
        AddTarget("billing-api");
        var page = Render<Health>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid^=row-]").Count));

        page.Find("input[data-testid=health-search]").Input("orders");
        // MudBlazor debounces the search box on the injected TimeProvider (the fake clock here).
        Time.Advance(TimeSpan.FromSeconds(1));

        page.WaitForAssertion(() =>
        {
            Assert.Equal(2, page.FindAll("[data-testid^=row-]").Count);
            Assert.Empty(page.FindAll("[data-testid=row-billing-api]"));
        });
    }

    [Fact]
    public void Health_NoTargets_ShowsEmptyState()
    {
        var page = Render<Health>();

        page.WaitForAssertion(() => Assert.Contains("No targets yet", page.Find("[data-testid=health-empty]").TextContent, StringComparison.Ordinal));
    }
}

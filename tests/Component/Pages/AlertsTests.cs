using McpMonitoring.Engine.Alerting;
using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace McpMonitoring.Tests.Component.Pages;

public sealed class AlertsTests : ComponentTestContext
{
    [Fact]
    public async Task Alerts_AlertIngested_RowAppearsWithoutReload()
    {
        await StartAlertsAsync();
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=alerts-empty]")));

        var alert = await RaiseAlertAsync("orders-db");

        page.WaitForAssertion(() =>
        {
            var row = page.Find($"[data-testid=alert-row-{alert.Id}]");
            Assert.Equal("firing", row.GetAttribute("data-state"));
            Assert.Equal("orders-db", row.GetAttribute("data-target"));
            Assert.Equal("1", page.Find("[data-testid=severity-count-CRITICAL]").TextContent);
        });
        Assert.Contains("orders-db is down", page.Find("[data-testid=alerts-table]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_CommentAndWho_PassedToServiceAndRowShowsAcknowledgedBy()
    {
        await StartAlertsAsync();
        var alert = await RaiseAlertAsync("orders-db");
        var page = RenderPage();

        page.WaitForAssertion(() => page.Find($"button[data-testid=ack-{alert.Id}]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("textarea[data-testid=alert-comment]")));
        Assert.Equal("operator", page.Find("input[data-testid=alert-who]").GetAttribute("value"));
        page.Find("input[data-testid=alert-who]").Input("alice");
        page.Find("textarea[data-testid=alert-comment]").Input("restarting the database");
        page.Find("button[data-testid=alert-confirm]").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Empty(page.FindAll(".mud-dialog"));
            Assert.Equal("acknowledged", page.Find($"[data-testid=alert-row-{alert.Id}]").GetAttribute("data-state"));
            Assert.Equal("alice", page.Find($"[data-testid=acked-by-{alert.Id}]").TextContent.Trim());
        });
        var stored = Alerts.Get(alert.Id)!.Acknowledgement;
        Assert.NotNull(stored);
        Assert.Equal("alice", stored.By);
        Assert.Equal("restarting the database", stored.Comment);
        Assert.Null(stored.SnoozeUntil);
        // The typed name is remembered for the next action in this browser.
        Assert.Equal(["mcpmon.operator", "alice"], JSInterop.VerifyInvoke("localStorage.setItem").Arguments);
        Assert.Contains(page.FindAll(".mud-snackbar"), s => s.TextContent.Contains("acknowledged by alice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acknowledge_SignedIn_UsesAuthenticatedNameAndDoesNotAsk()
    {
        Authorization.SetAuthorized("carol");
        await StartAlertsAsync();
        var alert = await RaiseAlertAsync("orders-db");
        var page = RenderPage();

        page.WaitForAssertion(() => page.Find($"button[data-testid=ack-{alert.Id}]").Click());
        page.WaitForAssertion(() => Assert.Equal("carol", page.Find("input[data-testid=alert-who]").GetAttribute("value")));
        Assert.True(page.Find("input[data-testid=alert-who]").HasAttribute("disabled"));
        page.Find("button[data-testid=alert-confirm]").Click();

        page.WaitForAssertion(() => Assert.Equal("carol", page.Find($"[data-testid=acked-by-{alert.Id}]").TextContent.Trim()));
        JSInterop.VerifyNotInvoke("localStorage.setItem");
    }

    [Fact]
    public async Task Acknowledge_WithSnooze_PassesSnoozeUntil()
    {
        await StartAlertsAsync();
        var alert = await RaiseAlertAsync("orders-db");
        var page = RenderPage();

        page.WaitForAssertion(() => page.Find($"button[data-testid=ack-{alert.Id}]").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=alert-snooze-1h]").Click());
        page.Find("button[data-testid=alert-confirm]").Click();

        page.WaitForAssertion(() => Assert.NotNull(Alerts.Get(alert.Id)!.Acknowledgement));
        Assert.Equal(Time.GetUtcNow().AddHours(1), Alerts.Get(alert.Id)!.Acknowledgement!.SnoozeUntil);
        Assert.Equal("operator", Alerts.Get(alert.Id)!.Acknowledgement!.By);
    }

    [Fact]
    public async Task Resolve_Comment_RowLeavesActiveList()
    {
        await StartAlertsAsync();
        var alert = await RaiseAlertAsync("orders-db");
        var page = RenderPage();

        page.WaitForAssertion(() => page.Find($"button[data-testid=resolve-{alert.Id}]").Click());
        page.WaitForAssertion(() => page.Find("textarea[data-testid=alert-comment]").Input("failed over"));
        page.Find("button[data-testid=alert-confirm]").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid=alert-row-{alert.Id}]")));
        Assert.Equal(AlertState.Resolved, Alerts.Get(alert.Id)!.State);
        Assert.Equal("operator", Alerts.Get(alert.Id)!.ResolvedBy);
    }

    [Fact]
    public async Task Matchers_Invalid_ShowsParseErrorInline_ValidFilters()
    {
        await StartAlertsAsync();
        var db = await RaiseAlertAsync("orders-db");
        var api = await RaiseAlertAsync("orders-api", severity: AlertSeverity.Warning);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=alert-row-{api.Id}]")));

        page.Find("input[data-testid=alerts-matchers]").Input("target=~\"(");
        // MudBlazor debounces the box on the injected TimeProvider (the fake clock here).
        Time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() => Assert.Contains("mud-input-error", page.Find("[data-testid=alerts-filters]").InnerHtml, StringComparison.Ordinal));

        page.Find("input[data-testid=alerts-matchers]").Input("target=\"orders-db\"");
        Time.Advance(TimeSpan.FromSeconds(1));
        page.WaitForAssertion(() =>
        {
            Assert.NotNull(page.Find($"[data-testid=alert-row-{db.Id}]"));
            Assert.Empty(page.FindAll($"[data-testid=alert-row-{api.Id}]"));
        });
    }

    [Fact]
    public async Task ShowSuppressed_Toggled_ListsSuppressedAlertWithReason()
    {
        Services.AddSingleton<ISuppressionEvaluator>(new DependencySuppression("demo-api", "demo-database"));
        await StartAlertsAsync();
        var root = await RaiseAlertAsync("demo-database");
        var dependent = await RaiseAlertAsync("demo-api", rootCause: "demo-database");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotNull(page.Find($"[data-testid=alert-row-{root.Id}]")));
        Assert.Empty(page.FindAll($"[data-testid=alert-row-{dependent.Id}]"));

        var toggle = page.Find("[data-testid=alerts-show-suppressed]");
        (toggle.TagName == "INPUT" ? toggle : toggle.QuerySelector("input")!).Change(true);

        page.WaitForAssertion(() => Assert.Equal(
            "dependency demo-database is down", page.Find($"[data-testid=suppressed-{dependent.Id}]").TextContent.Trim()));
        // Suppressed or not, a dependent belongs to its root cause's incident.
        Assert.Equal("2", page.Find("[data-testid=incident-demo-database]").GetAttribute("data-count"));
    }

    [Fact]
    public async Task Incidents_AlertsShareRootCause_GroupedUnderIt()
    {
        await StartAlertsAsync();
        await RaiseAlertAsync("demo-database");
        await RaiseAlertAsync("demo-api", rootCause: "demo-database");
        await RaiseAlertAsync("demo-mcp", rootCause: "demo-database", severity: AlertSeverity.Error);
        await RaiseAlertAsync("billing", name: "HighLatency", severity: AlertSeverity.Warning);
        var page = RenderPage();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("3", page.Find("[data-testid=incident-demo-database]").GetAttribute("data-count"));
            Assert.Equal("demo-database down: 3 alerts", page.Find("[data-testid=incident-title-demo-database]").TextContent);
            Assert.Equal("1", page.Find("[data-testid=incident-billing]").GetAttribute("data-count"));
        });

        // A fourth dependent joins the incident live.
        await RaiseAlertAsync("demo-worker", rootCause: "demo-database");
        page.WaitForAssertion(() => Assert.Equal("4", page.Find("[data-testid=incident-demo-database]").GetAttribute("data-count")));
    }

    [Fact]
    public async Task SeverityQuery_FromOverviewLink_FiltersList()
    {
        await StartAlertsAsync();
        var critical = await RaiseAlertAsync("orders-db");
        var warning = await RaiseAlertAsync("orders-api", severity: AlertSeverity.Warning);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/alerts?severity=WARNING");

        var page = RenderPage();

        page.WaitForAssertion(() =>
        {
            Assert.NotNull(page.Find($"[data-testid=alert-row-{warning.Id}]"));
            Assert.Empty(page.FindAll($"[data-testid=alert-row-{critical.Id}]"));
        });
    }

    private IRenderedComponent<IComponent> RenderPage() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<Alerts>(3);
        builder.CloseComponent();
    });

    private sealed class DependencySuppression(string target, string rootCause) : ISuppressionEvaluator
    {
        public SuppressionInfo? Evaluate(IReadOnlyDictionary<string, string> labels, DateTimeOffset now) =>
            labels.TryGetValue(AlertLabels.Target, out var t) && t == target
                ? new SuppressionInfo(SuppressionKind.Dependency, rootCause, $"dependency {rootCause} is down")
                : null;
    }
}

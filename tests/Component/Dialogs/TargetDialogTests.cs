using McpMonitoring.Engine.Health;
using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Dialogs;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace McpMonitoring.Tests.Component.Dialogs;

public sealed class TargetDialogTests : ComponentTestContext
{
    public TargetDialogTests() => MigrateDatabase();

    [Fact]
    public async Task Save_InvalidInput_ShowsFieldErrorsAndCreatesNothing()
    {
        var (host, _) = await OpenAsync(existing: null);

        host.Find("input[data-testid=target-name]").Input("bad name!");
        host.Find("input[data-testid=target-url]").Input("not-a-url");
        host.Find("input[data-testid=target-interval]").Input("soon");
        host.Find("button[data-testid=target-save]").Click();

        host.WaitForAssertion(() =>
        {
            var markup = host.Find(".mud-dialog").TextContent;
            Assert.Contains("must start with a letter or digit", markup, StringComparison.Ordinal);
            Assert.Contains("url 'not-a-url' must be an absolute", markup, StringComparison.Ordinal);
            Assert.Contains("interval 'soon' is not a duration", markup, StringComparison.Ordinal);
        });
        Assert.Equal(0, Monitor.Count);
    }

    [Fact]
    public async Task Name_TypedInvalid_ShowsErrorBeforeSubmit()
    {
        var (host, _) = await OpenAsync(existing: null);

        host.Find("input[data-testid=target-name]").Input("-dash");

        host.WaitForAssertion(() => Assert.Contains("must start with a letter or digit", host.Find(".mud-dialog").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("url is required", host.Find(".mud-dialog").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ValidInput_CreatesTargetAndCloses()
    {
        var (host, reference) = await OpenAsync(existing: null);

        host.Find("input[data-testid=target-name]").Input("orders-api");
        host.Find("input[data-testid=target-url]").Input("http://127.0.0.1:1/healthz");
        host.Find("input[data-testid=target-timeout]").Input("2s");
        host.Find("textarea[data-testid=target-labels]").Input("team=orders");
        host.Find("button[data-testid=target-save]").Click();

        var result = await reference.Result.WaitAsync(TimeSpan.FromSeconds(10), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal("orders-api", Assert.IsType<string>(result!.Data));
        var created = Monitor.Get("orders-api");
        Assert.NotNull(created);
        Assert.Equal("orders", created.Labels["team"]);
        host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));
    }

    [Fact]
    public async Task Save_DependencyCycle_ShowsServerError()
    {
        AddTarget("b");
        AddTarget("a", "b");
        var b = Monitor.GetDefinitions().Single(d => d.Name == "b").Clone();
        b.DependsOn = ["a"];
        var (host, _) = await OpenAsync(b);

        host.Find("button[data-testid=target-save]").Click();

        host.WaitForAssertion(() => Assert.Contains("cycle", host.Find(".mud-dialog").TextContent, StringComparison.OrdinalIgnoreCase));
        Assert.Empty(Monitor.Get("b")!.DependsOn);
    }

    private async Task<(IRenderedComponent<IComponent> Host, IDialogReference Reference)> OpenAsync(TargetDefinition? existing)
    {
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
        });
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await host.InvokeAsync(async () => reference = await dialogs.ShowAsync<TargetDialog>(
            "target", new DialogParameters<TargetDialog> { { d => d.Existing, existing } }));
        host.WaitForAssertion(() => Assert.NotNull(host.Find("input[data-testid=target-name]")));
        return (host, reference!);
    }
}

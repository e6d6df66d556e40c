using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Tests.Component.Pages;

public sealed class SilencesTests : ComponentTestContext
{
    public SilencesTests()
    {
        Services.AddSingleton(Options.Create(new SuppressionOptions()));
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<SilenceService>();
        Services.AddSingleton<MaintenanceWindowService>();
        Services.AddSingleton<InhibitionRuleService>();
        Services.AddSingleton<MatchPreview>();
        MigrateDatabase();
    }

    [Fact]
    public void Silences_Empty_ShowsEmptyState()
    {
        var page = Render<Silences>();
        page.WaitForAssertion(() => Assert.Contains("No active silences", page.Find("[data-testid=silences-empty]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Silences_CreatedElsewhere_AppearsAndExpires()
    {
        var page = Render<Silences>();
        page.WaitForAssertion(() => page.Find("[data-testid=silences-empty]"));

        var silences = Services.GetRequiredService<SilenceService>();
        var created = await silences.CreateAsync(new SilenceInput
        {
            Matchers = [MatcherSpec.Of("target", Engine.Alerting.MatchType.Equal, "db")],
            EndsAt = Time.GetUtcNow() + TimeSpan.FromHours(1),
            Comment = "upgrade",
        }, "alice", Xunit.TestContext.Current.CancellationToken);
        var id = created.Value!.Id;

        page.WaitForAssertion(() => Assert.Equal("active", page.Find($"[data-testid=silence-{id}]").GetAttribute("data-state")));
        page.Find($"[data-testid=expire-{id}]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=silences-empty]"));
        Assert.Empty(silences.Live);
    }
}

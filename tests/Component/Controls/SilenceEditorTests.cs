using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Tests.Component.Infrastructure;
using McpMonitoring.Web.Components.Controls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Tests.Component.Controls;

public sealed class SilenceEditorTests : ComponentTestContext
{
    private readonly StaticAlerts _alerts = new();

    public SilenceEditorTests()
    {
        Services.AddSingleton<IAlertLookup>(_alerts);
        Services.AddSingleton(Options.Create(new SuppressionOptions()));
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<SilenceService>();
        Services.AddSingleton<MatchPreview>();
        _alerts.Add(("alertname", "TargetDown"), ("target", "orders-api"));
        _alerts.Add(("alertname", "TargetDown"), ("target", "orders-db"));
        _alerts.Add(("alertname", "HighLatency"), ("target", "billing"));
    }

    [Fact]
    public void Preview_UpdatesAsMatchersAreTyped()
    {
        var editor = Render<SilenceEditor>();
        editor.Find("[data-testid=silence-preview-empty]");

        editor.Find("input[data-testid=matcher-name-0]").Input("target");
        editor.Find("input[data-testid=matcher-value-0]").Input("orders-api");

        editor.WaitForAssertion(() => Assert.Equal("orders-api", Assert.Single(Items(editor))));

        editor.Find("input[data-testid=matcher-value-0]").Input("billing");
        editor.WaitForAssertion(() => Assert.Equal("billing", Assert.Single(Items(editor))));

        editor.Find("input[data-testid=matcher-value-0]").Input("nothing");
        editor.WaitForAssertion(() => Assert.Empty(Items(editor)));
        Assert.Equal("0", editor.Find("[data-testid=silence-preview]").GetAttribute("data-count"));
    }

    [Fact]
    public void Preview_SecondMatcherNarrowsTheList()
    {
        var editor = Render<SilenceEditor>();
        editor.Find("input[data-testid=matcher-name-0]").Input("alertname");
        editor.Find("input[data-testid=matcher-value-0]").Input("TargetDown");
        editor.WaitForAssertion(() => Assert.Equal(2, Items(editor).Count));

        editor.Find("[data-testid=add-matcher]").Click();
        editor.Find("input[data-testid=matcher-name-1]").Input("target");
        editor.Find("input[data-testid=matcher-value-1]").Input("orders-db");

        editor.WaitForAssertion(() => Assert.Equal("orders-db", Assert.Single(Items(editor))));
    }

    [Fact]
    public void Save_WithoutComment_ErrorShown_ThenCreatedAndReported()
    {
        MigrateDatabase();
        SilenceView? saved = null;
        var editor = Render<SilenceEditor>(p => p.Add(e => e.OnSaved, (SilenceView s) => saved = s));
        editor.Find("input[data-testid=matcher-name-0]").Input("target");
        editor.Find("input[data-testid=matcher-value-0]").Input("billing");

        editor.Find("[data-testid=silence-save]").Click();
        editor.WaitForAssertion(() => Assert.Contains("comment is required", editor.Markup, StringComparison.Ordinal));

        editor.Find("input[data-testid=silence-comment]").Input("migrating billing");
        editor.Find("[data-testid=silence-save]").Click();

        editor.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal("billing", saved!.Matchers[0].Value);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromHours(2), saved.EndsAt);
        Assert.Single(Services.GetRequiredService<SilenceService>().Live);
    }

    private static List<string> Items(IRenderedComponent<SilenceEditor> editor) =>
        [.. editor.FindAll("[data-testid=silence-preview-item]").Select(i => i.TextContent.Contains("orders-api", StringComparison.Ordinal) ? "orders-api"
            : i.TextContent.Contains("orders-db", StringComparison.Ordinal) ? "orders-db" : "billing")];

    private sealed class StaticAlerts : IAlertLookup
    {
        private readonly List<AlertSnapshot> _alerts = [];

        public void Add(params (string Name, string Value)[] labels)
        {
            var set = labels.ToDictionary(l => l.Name, l => l.Value);
            var at = new DateTimeOffset(2026, 11, 29, 11, 0, 0, TimeSpan.Zero);
            _alerts.Add(new AlertSnapshot(_alerts.Count + 1, Fingerprint.Of(set), set["alertname"], AlertSeverity.Warning, AlertState.Firing,
                set, new Dictionary<string, string>(), AlertSources.Manual, at, at, at, null, null, null, 1, null, null));
        }

        public IReadOnlyList<AlertSnapshot> Active() => _alerts;
    }
}

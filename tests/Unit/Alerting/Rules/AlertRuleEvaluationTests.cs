using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Rules;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Tests.Unit.Alerting.Rules;

public sealed class AlertRuleEvaluationTests : IAsyncLifetime
{
    private readonly EngineFixture _engine = new();
    private AlertingFixture _alerting = null!;
    private AlertRuleEvaluator _evaluator = null!;

    public async ValueTask InitializeAsync()
    {
        _alerting = await AlertingFixture.StartAsync();
        _evaluator = CreateEvaluator(new HealthSeriesSource(_engine.Monitor));
    }

    public async ValueTask DisposeAsync() => await _alerting.DisposeAsync();

    private AlertRuleEvaluator CreateEvaluator(params ISeriesSource[] sources) =>
        new(_alerting.Alerts, sources, _alerting.Time, NullLogger<AlertRuleEvaluator>.Instance);

    private static AlertRuleGroup Group(string yaml) =>
        AlertRulesLoader.Parse(YamlConfig.CreateDeserializer().Deserialize<AlertRulesFile>(yaml), "alert_rules.yml", TimeSpan.FromSeconds(15))[0];

    private List<AlertSnapshot> RuleAlerts() => [.. _alerting.Alerts.GetActive().Where(a => a.Source == AlertSources.Rule)];

    [Fact]
    public async Task Evaluate_TargetDown_PendingForThenFiringThenResolved()
    {
        _engine.Add("orders");
        _engine.Add("billing");
        _engine.Apply("orders", success: false, count: 3);
        _engine.Apply("billing", success: true);
        var group = Group("""
            groups:
              - name: fleet
                rules:
                  - alert: TargetDown
                    expr: mcpmon_target_up{kind="http"} == 0
                    for: 1m
                    labels: {severity: critical, team: shop}
                    annotations: {summary: "{{ $labels.target }} is down", description: "up is {{ $value }}"}
            """);

        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);

        var alert = Assert.Single(RuleAlerts());
        Assert.Equal(AlertState.Pending, alert.State);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal(
            new Dictionary<string, string> { ["alertname"] = "TargetDown", ["target"] = "orders", ["kind"] = "http", ["severity"] = "critical", ["team"] = "shop" },
            alert.Labels);
        Assert.Equal("orders is down", alert.Annotations["summary"]);
        Assert.Equal("up is 0", alert.Annotations["description"]);

        _alerting.Time.Advance(TimeSpan.FromSeconds(30));
        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);
        await _alerting.Alerts.EvaluateAsync(CancellationToken.None);
        Assert.Equal(AlertState.Pending, Assert.Single(RuleAlerts()).State);

        _alerting.Time.Advance(TimeSpan.FromSeconds(30));
        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);
        await _alerting.Alerts.EvaluateAsync(CancellationToken.None);
        Assert.Equal(AlertState.Firing, Assert.Single(RuleAlerts()).State);

        _engine.Apply("orders", success: true, count: 2);
        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);

        Assert.Empty(RuleAlerts());
        var resolved = _alerting.Alerts.Get(alert.Id)!;
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal(AlertService.SystemActor, resolved.ResolvedBy);
        var outcome = _evaluator.GetOutcome(group.Rules[0])!;
        Assert.Equal((null, 0), (outcome.Error, outcome.Series));
    }

    [Fact]
    public async Task Evaluate_ConditionClearsWhilePending_ResolvedAndForRestartsWhenItReturns()
    {
        _engine.Add("orders");
        _engine.Apply("orders", success: false, count: 3);
        var group = Group("""
            groups:
              - name: fleet
                rules:
                  - {alert: TargetDown, expr: 'mcpmon_target_up == 0', for: 1m}
            """);
        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);
        _engine.Apply("orders", success: true, count: 2);
        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);
        Assert.Empty(RuleAlerts());

        _alerting.Time.Advance(TimeSpan.FromMinutes(5));
        _engine.Apply("orders", success: false, count: 3);
        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);
        await _alerting.Alerts.EvaluateAsync(CancellationToken.None);

        Assert.Equal(AlertState.Pending, Assert.Single(RuleAlerts()).State);
    }

    [Fact]
    public async Task Evaluate_FleetRatio_OneAlertWithoutSeriesLabels()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            _engine.Add(name);
        }

        _engine.Apply("a", success: true);
        _engine.Apply("b", success: false, count: 3);
        _engine.Apply("c", success: false, count: 3);
        var group = Group("""
            groups:
              - name: fleet
                rules:
                  - alert: FleetMostlyDown
                    expr: sum(mcpmon_target_up) / count(mcpmon_target_up) < 0.5
                    annotations: {summary: "only {{ $value }} of the fleet is up"}
            """);

        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);

        var alert = Assert.Single(RuleAlerts());
        Assert.Equal(new Dictionary<string, string> { ["alertname"] = "FleetMostlyDown" }, alert.Labels);
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.StartsWith("only 0.333", alert.Annotations["summary"], StringComparison.Ordinal);

        _engine.Apply("b", success: true, count: 2);
        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);
        Assert.Empty(RuleAlerts());
    }

    [Fact]
    public async Task Evaluate_RuleThrows_LoggedAndOtherRulesStillRun()
    {
        _engine.Add("orders");
        _engine.Apply("orders", success: false, count: 3);
        var evaluator = CreateEvaluator(new HealthSeriesSource(_engine.Monitor), new ThrowingSource("broken_metric"));
        var group = Group("""
            groups:
              - name: mixed
                rules:
                  - {alert: Broken, expr: 'broken_metric > 0'}
                  - {alert: TargetDown, expr: 'mcpmon_target_up == 0'}
            """);

        await evaluator.EvaluateGroupAsync(group, CancellationToken.None);

        Assert.Equal("TargetDown", Assert.Single(RuleAlerts()).Name);
        Assert.Equal("the scrape failed", evaluator.GetOutcome(group.Rules[0])!.Error);
        Assert.Equal(1, evaluator.GetOutcome(group.Rules[1])!.Series);
    }

    [Fact]
    public async Task Evaluate_SameNameWarningAndCritical_EachResolvesOnlyItsOwn()
    {
        _engine.Add("orders");
        _engine.Apply("orders", success: true, latencyMs: 3000);
        var group = Group("""
            groups:
              - name: latency
                rules:
                  - {alert: SlowProbe, expr: 'mcpmon_probe_latency_seconds > 1', labels: {severity: warning}}
                  - {alert: SlowProbe, expr: 'mcpmon_probe_latency_seconds > 2', labels: {severity: critical}}
            """);
        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);
        Assert.Equal(2, RuleAlerts().Count);

        _engine.Apply("orders", success: true, latencyMs: 1500);
        await _evaluator.EvaluateGroupAsync(group, CancellationToken.None);

        var left = Assert.Single(RuleAlerts());
        Assert.Equal("warning", left.Labels["severity"]);
    }

    [Fact]
    public void HealthSeries_ExposesLiveState()
    {
        _engine.Add("orders");
        var tools = _engine.Add("files-mcp");
        _engine.Add("never-probed");
        _engine.Apply("orders", success: false, count: 2, latencyMs: 250);
        _engine.Monitor.ApplyResult(tools, ProbeResult.Ok(TimeSpan.FromMilliseconds(20), new McpServerDetails("2025-06-18", "files", "1.0", 7, "abc", "stdio")));
        var source = new HealthSeriesSource(_engine.Monitor);

        string Dump(string metric) => string.Join(';', source.Select(metric)
            .Select(s => string.Join(',', s.Labels.Where(l => l.Key != "__name__").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Value)) + "=" + AnnotationTemplate.FormatValue(s.Value))
            .Order(StringComparer.Ordinal));

        // orders failed twice, below its threshold of 3: still Unknown, so no up sample yet, but its latency and failures count.
        Assert.Equal("http,files-mcp=1", Dump("mcpmon_target_up"));
        Assert.Equal("http,files-mcp=0.02;http,orders=0.25", Dump("mcpmon_probe_latency_seconds"));
        Assert.Equal("http,files-mcp=0;http,orders=2", Dump("mcpmon_target_consecutive_failures"));
        Assert.Equal("files-mcp=7", Dump("mcpmon_mcp_tools"));
        Assert.Equal("Degraded=0;Healthy=1;Impacted=0;Unhealthy=0;Unknown=2", Dump("mcpmon_targets"));
        Assert.Empty(source.Select("no_such_metric"));
    }

    [Fact]
    public async Task Service_EvaluatesOnItsIntervalAndResolvesAlertsOfRemovedRules()
    {
        var dir = Directory.CreateTempSubdirectory("mcpmon-rules-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, AlertRulesLoader.FileName), """
            groups:
              - name: fleet
                interval: 10s
                rules:
                  - {alert: TargetDown, expr: 'mcpmon_target_up == 0'}
            """, TestContext.Current.CancellationToken);
        await _alerting.Alerts.IngestAsync(
            [new AlertInput { Labels = new Dictionary<string, string> { ["alertname"] = "RemovedRule", ["target"] = "x" } }], AlertSources.Rule, AlertService.SystemActor);
        _engine.Add("orders");
        _engine.Apply("orders", success: false, count: 3);
        var service = new AlertRuleService(
            _evaluator, _alerting.Alerts, _alerting.Time,
            Options.Create(new MonitoringOptions { ConfigDir = dir }), Options.Create(new AlertingOptions()),
            NullLogger<AlertRuleService>.Instance);

        await service.StartAsync(CancellationToken.None);
        try
        {
            Wait.Until(() => RuleAlerts().Count == 0, "the alert of the removed rule is resolved");
            Assert.Equal("unknown", service.GetStatus()[0].Rules[0].Health);

            _alerting.Time.Advance(TimeSpan.FromSeconds(10));
            Wait.Until(() => service.GetStatus()[0].Rules[0].Health != "unknown", "the group was evaluated");
            Assert.Single(RuleAlerts());

            var status = service.GetStatus()[0];
            Assert.Equal(("fleet", "10s"), (status.Name, status.Interval));
            Assert.Equal(("ok", 1, _alerting.Time.GetUtcNow()), (status.Rules[0].Health, status.Rules[0].ActiveAlerts, status.Rules[0].LastEvaluation));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private sealed class ThrowingSource(string metric) : ISeriesSource
    {
        public IEnumerable<SeriesSample> Select(string metricName) =>
            metricName == metric ? throw new InvalidOperationException("the scrape failed") : [];
    }
}

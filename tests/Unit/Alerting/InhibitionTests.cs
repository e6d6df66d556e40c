using McpMonitoring.Engine.Alerting;
using MatchType = McpMonitoring.Engine.Alerting.MatchType;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static McpMonitoring.Tests.Unit.Infrastructure.SuppressionFixture;

namespace McpMonitoring.Tests.Unit.Alerting;

public sealed class InhibitionTests
{
    private readonly SuppressionFixture _f = new();

    private Task<ConfigMutation<InhibitionRuleView>> AddRule(string source, string target, params string[] equal) =>
        _f.Rules.CreateAsync(new InhibitionRuleInput { Name = "rule", SourceMatchers = Matchers(source), TargetMatchers = Matchers(target), Equal = [.. equal] },
            "alice", TestContext.Current.CancellationToken);

    [Fact]
    public async Task Inhibit_SourceFiringWithEqualLabels_TargetSuppressed()
    {
        var rule = (await AddRule("{severity=\"CRITICAL\"}", "{severity=\"WARNING\"}", "target")).Value!;
        _f.Alerts.Fire(("alertname", "TargetDown"), ("severity", "CRITICAL"), ("target", "db"));
        var now = _f.Time.GetUtcNow();

        var suppression = _f.Pipeline.Evaluate(Labels(("alertname", "SlowQueries"), ("severity", "WARNING"), ("target", "db")), now);

        Assert.Equal((SuppressionKind.Inhibition, rule.Id), (suppression?.Kind, suppression?.Id));
        Assert.Contains("TargetDown on db", suppression!.Reason, StringComparison.Ordinal);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("alertname", "SlowQueries"), ("severity", "WARNING"), ("target", "api")), now));
        Assert.Null(_f.Pipeline.Evaluate(Labels(("alertname", "SlowQueries"), ("severity", "ERROR"), ("target", "db")), now));
    }

    [Fact]
    public async Task Inhibit_EqualLabelAbsentOnBoth_CountsAsEqual()
    {
        await AddRule("{severity=\"CRITICAL\"}", "{severity=\"WARNING\"}", "cluster");
        _f.Alerts.Fire(("alertname", "A"), ("severity", "CRITICAL"));
        Assert.NotNull(_f.Pipeline.Evaluate(Labels(("alertname", "B"), ("severity", "WARNING")), _f.Time.GetUtcNow()));
        Assert.Null(_f.Pipeline.Evaluate(Labels(("alertname", "B"), ("severity", "WARNING"), ("cluster", "eu")), _f.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Inhibit_AlertMatchingBothSides_DoesNotInhibitItself()
    {
        await AddRule("{alertname=\"Flapping\"}", "{alertname=\"Flapping\"}");
        var self = _f.Alerts.Fire(("alertname", "Flapping"), ("instance", "1"));

        Assert.Null(_f.Pipeline.Evaluate(self.Labels, _f.Time.GetUtcNow()));

        _f.Alerts.Fire(("alertname", "Flapping"), ("instance", "2"));
        Assert.Equal(SuppressionKind.Inhibition, _f.Pipeline.Evaluate(self.Labels, _f.Time.GetUtcNow())?.Kind);
    }

    [Fact]
    public async Task Inhibit_SourceResolved_TargetNotifiedAgain()
    {
        await AddRule("{severity=\"CRITICAL\"}", "{severity=\"WARNING\"}");
        _f.Alerts.Fire(("alertname", "A"), ("severity", "CRITICAL"));
        var target = Labels(("alertname", "B"), ("severity", "WARNING"));
        Assert.NotNull(_f.Pipeline.Evaluate(target, _f.Time.GetUtcNow()));

        _f.Alerts.Clear();

        Assert.Null(_f.Pipeline.Evaluate(target, _f.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Inhibit_ManyRules_SourcesIndexedByEqualLabels_FollowFiringChanges()
    {
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add((await AddRule($"{{alertname=\"DatacenterDown{i}\"}}", "{severity=\"critical\"}", "datacenter")).Value!.Id);
        }

        var target = Labels(("alertname", "InstanceDown"), ("severity", "critical"), ("datacenter", "dc-1"));
        _f.Alerts.Fire(("alertname", "InstanceDown"), ("severity", "critical"), ("datacenter", "dc-1"));
        Assert.Null(_f.Pipeline.Evaluate(target, _f.Time.GetUtcNow()));

        _f.Alerts.Fire(("alertname", "DatacenterDown7"), ("datacenter", "dc-2"));
        Assert.Null(_f.Pipeline.Evaluate(target, _f.Time.GetUtcNow()));

        _f.Alerts.Fire(("alertname", "DatacenterDown7"), ("datacenter", "dc-1"));
        var suppression = _f.Pipeline.Evaluate(target, _f.Time.GetUtcNow());
        Assert.Equal(ids[7], suppression?.Id);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("alertname", "InstanceDown"), ("severity", "warning"), ("datacenter", "dc-1")), _f.Time.GetUtcNow()));

        _f.Alerts.Clear();
        Assert.Null(_f.Pipeline.Evaluate(target, _f.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Inhibit_NoFiringAlertsSource_NothingInhibited()
    {
        await AddRule("{severity=\"CRITICAL\"}", "{severity=\"WARNING\"}");
        var evaluator = new InhibitionSuppression(_f.Rules, new ServiceCollection().BuildServiceProvider());
        Assert.Null(evaluator.Evaluate(Labels(("severity", "WARNING")), _f.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Create_MissingSides_ErrorsNamed()
    {
        var result = await _f.Rules.CreateAsync(new InhibitionRuleInput { Equal = ["ok", "1bad"] }, "alice", TestContext.Current.CancellationToken);
        Assert.Equal(["equal", "sourceMatchers", "targetMatchers"], result.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Yaml_ImportedOnce_OperatorDeletionWins()
    {
        var ct = TestContext.Current.CancellationToken;
        var path = Path.Combine(Directory.CreateTempSubdirectory("mcpmon-yaml-").FullName, "alerting.yml");
        await File.WriteAllTextAsync(path, """
            route:
              receiver: default
              group_by: [alertname]
            inhibit_rules:
              - id: critical-over-warning
                name: Critical silences warnings
                source_matchers: ['severity="CRITICAL"']
                target_matchers: ['severity=~"WARNING|INFO"']
                equal: [target]
              - source_matchers: ['alertname="DatacenterDown"']
                target_matchers: ['alertname!="DatacenterDown"']
            """, ct);
        var seed = InhibitionRulesYaml.Load(path);
        await _f.Rules.LoadAsync(seed, ct);
        Assert.Equal(2, _f.Rules.Rules.Length);
        var rule = _f.Rules.Get("critical-over-warning")!;
        Assert.Equal(InhibitionRule.FromConfig, rule.Source);
        Assert.Equal(["target"], rule.Equal);
        Assert.Equal(MatchType.Regex, rule.TargetMatchers[0].Type);

        await _f.Rules.DeleteAsync("critical-over-warning", "alice", ct);
        var restarted = new InhibitionRuleService(_f.Contexts, _f.Audit, _f.Engine.Events, _f.Time, NullLogger<InhibitionRuleService>.Instance);
        await restarted.LoadAsync(InhibitionRulesYaml.Load(path), ct);

        Assert.Null(restarted.Get("critical-over-warning"));
        Assert.Single(restarted.Rules);
        var imports = await _f.Audit.GetAsync(new AuditFilter(Action: "import"), 0, 10, ct);
        Assert.Equal(2, imports.Total);
        Assert.All(imports.Items, e => Assert.Equal(AuditActors.System, e.Actor));
    }

    [Fact]
    public async Task Yaml_UnknownKeyOrBadMatcher_FileAndLineNamed()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = Directory.CreateTempSubdirectory("mcpmon-yaml-").FullName;
        var typo = Path.Combine(dir, "typo.yml");
        await File.WriteAllTextAsync(typo, "inhibit_rules:\n  - source_matcher: ['a=\"b\"']\n", ct);
        var ex = Assert.Throws<InvalidDataException>(() => InhibitionRulesYaml.Load(typo));
        Assert.Contains("typo.yml line 2", ex.Message, StringComparison.Ordinal);

        var bad = Path.Combine(dir, "bad.yml");
        await File.WriteAllTextAsync(bad, "inhibit_rules:\n  - source_matchers: ['a~\"b\"']\n    target_matchers: ['c=\"d\"']\n", ct);
        ex = Assert.Throws<InvalidDataException>(() => InhibitionRulesYaml.Load(bad));
        Assert.Contains("inhibit_rules[0]", ex.Message, StringComparison.Ordinal);
    }
}

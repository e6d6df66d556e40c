using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Rules;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using static McpMonitoring.Tests.Unit.Metrics.MetricsTestData;

namespace McpMonitoring.Tests.Unit.Metrics;

public sealed class StoreSeriesSourceTests
{
    [Fact]
    public void Select_LatestWithinLookback_StaleAndOldLeftOut()
    {
        var time = Clock();
        var store = Store(time);
        var fresh = store.GetOrCreateSeries(Labels("queue_depth", "queue", "fresh"));
        var old = store.GetOrCreateSeries(Labels("queue_depth", "queue", "old"));
        var stale = store.GetOrCreateSeries(Labels("queue_depth", "queue", "stale"));
        store.Append(old, T0Ms, 1);
        store.Append(stale, T0Ms + 200_000, 2);
        store.MarkStale(stale, T0Ms + 215_000);
        store.Append(fresh, T0Ms + 200_000, 3);
        store.Append(fresh, T0Ms + 290_000, 4);
        time.SetUtcNow(T0 + TimeSpan.FromMinutes(5));

        var samples = new StoreSeriesSource(store, time).Select("queue_depth").ToList();

        // "old" is exactly 5 minutes old: outside (now - 5m, now].
        var sample = Assert.Single(samples);
        Assert.Equal(4, sample.Value);
        Assert.Equal(new Dictionary<string, string> { ["__name__"] = "queue_depth", ["queue"] = "fresh" }, sample.Labels);
        Assert.Empty(new StoreSeriesSource(store, time).Select("nothing"));
    }

    [Fact]
    public void Select_NameServedByHealthSource_LeftToIt()
    {
        var time = Clock();
        var store = Store(time);
        store.Append(store.GetOrCreateSeries(Labels(HealthSeriesSource.TargetUp, "job", "self")), T0Ms, 1);
        Assert.Empty(new StoreSeriesSource(store, time).Select(HealthSeriesSource.TargetUp));
    }

    [Fact]
    public async Task AlertRule_OnScrapedSeries_Fires()
    {
        await using var alerting = await AlertingFixture.StartAsync();
        var store = Store(alerting.Time);
        var now = alerting.Time.GetUtcNow().ToUnixTimeMilliseconds();
        store.Append(store.GetOrCreateSeries(Labels("queue_depth", "queue", "orders")), now, 250);
        store.Append(store.GetOrCreateSeries(Labels("queue_depth", "queue", "billing")), now, 3);
        var evaluator = new AlertRuleEvaluator(alerting.Alerts, [new StoreSeriesSource(store, alerting.Time)], alerting.Time, NullLogger<AlertRuleEvaluator>.Instance);
        var group = AlertRulesLoader.Parse(
            YamlConfig.CreateDeserializer().Deserialize<AlertRulesFile>("""
                groups:
                  - name: queues
                    rules:
                      - alert: QueueBacklog
                        expr: queue_depth > 100
                        labels: {severity: warning}
                """),
            "alert_rules.yml",
            TimeSpan.FromSeconds(15))[0];

        await evaluator.EvaluateGroupAsync(group, TestContext.Current.CancellationToken);

        var alert = Assert.Single(alerting.Alerts.GetActive(), a => a.Source == AlertSources.Rule);
        Assert.Equal("orders", alert.Labels["queue"]);
        Assert.Equal(AlertState.Firing, alert.State);
    }
}

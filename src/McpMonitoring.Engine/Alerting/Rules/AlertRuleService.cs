using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Alerting.Rules;

/// <summary>
/// Loads config/alert_rules.yml at start-up (an invalid file stops the host, naming file, group, rule and
/// problem) and evaluates each group on its own interval. The first evaluation of a group comes one interval
/// after start, once the first probe results are in.
/// </summary>
public sealed class AlertRuleService(
    AlertRuleEvaluator evaluator,
    AlertService alerts,
    TimeProvider time,
    IOptions<MonitoringOptions> monitoring,
    IOptions<AlertingOptions> alerting,
    ILogger<AlertRuleService> logger) : BackgroundService
{
    public IReadOnlyList<AlertRuleGroup> Groups { get; private set; } = [];

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        Groups = AlertRulesLoader.Load(monitoring.Value.ConfigDir, alerting.Value.RuleEvaluationInterval);
        if (Groups.Count > 0)
        {
            logger.LogInformation("{Rules} alert rules in {Groups} groups from {Path}",
                Groups.Sum(g => g.Rules.Count), Groups.Count, Path.Combine(monitoring.Value.ConfigDir, AlertRulesLoader.FileName));
        }

        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rules with their last outcome and how many of their alerts are open, for the API.</summary>
    public IReadOnlyList<AlertRuleGroupStatus> GetStatus()
    {
        var active = alerts.GetActive().Where(a => a.Source == AlertSources.Rule).ToList();
        return [.. Groups.Select(g =>
        {
            var rules = g.Rules.Select(r => AlertRuleStatus.Of(r, evaluator.GetOutcome(r), active.Count(r.Owns))).ToList();
            return new AlertRuleGroupStatus(g.Name, Duration.Format(g.Interval), rules.Max(r => r.LastEvaluation), rules);
        })];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Timers are created before the first await, that is within StartAsync: the first tick is due exactly
        // one interval after start, whatever the orphan clean-up below costs (tests advance a fake clock on that).
        var timers = Groups.Select(g => new PeriodicTimer(g.Interval, time)).ToList();
        try
        {
            try
            {
                await ResolveOrphansAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Resolving the alerts of removed rules failed");
            }

            await Task.WhenAll(Groups.Select((g, i) => RunGroupAsync(g, timers[i], stoppingToken))).ConfigureAwait(false);
        }
        finally
        {
            timers.ForEach(t => t.Dispose());
        }
    }

    /// <summary>Alerts of a rule since removed from the file would otherwise stay open forever.</summary>
    private Task<int> ResolveOrphansAsync()
    {
        var rules = Groups.SelectMany(g => g.Rules).ToList();
        return alerts.ResolveWhereAsync(a => a.Source == AlertSources.Rule && !rules.Any(r => r.Owns(a)),
            $"its rule is no longer in {AlertRulesLoader.FileName}");
    }

    private async Task RunGroupAsync(AlertRuleGroup group, PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await evaluator.EvaluateGroupAsync(group, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Evaluating alert rule group {Group} failed", group.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

public sealed record AlertRuleGroupStatus(string Name, string Interval, DateTimeOffset? LastEvaluation, IReadOnlyList<AlertRuleStatus> Rules);

/// <summary>One rule for the API: its definition, its health (<c>ok</c>, <c>error</c>, <c>unknown</c> before the first run) and its open alerts.</summary>
public sealed record AlertRuleStatus(
    string Name,
    string Expr,
    string For,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    string Health,
    DateTimeOffset? LastEvaluation,
    double? LastDurationMs,
    string? LastError,
    int ActiveAlerts)
{
    public static AlertRuleStatus Of(AlertRule rule, AlertRuleOutcome? outcome, int activeAlerts) => new(
        rule.Name,
        rule.Expr,
        Duration.Format(rule.For),
        rule.Labels,
        rule.Annotations.ToDictionary(a => a.Key, a => a.Value.Text, StringComparer.Ordinal),
        outcome is null ? "unknown" : outcome.Error is null ? "ok" : "error",
        outcome?.At,
        outcome?.Duration.TotalMilliseconds,
        outcome?.Error,
        activeAlerts);
}

using Microsoft.Extensions.Options;

namespace McpMonitoring.Engine.Alerting;

/// <summary>The <c>Alerting</c> configuration section.</summary>
public sealed class AlertingOptions
{
    public const string SectionName = "Alerting";

    /// <summary>How long a target must stay Unhealthy (or Impacted) before its built-in alert fires.</summary>
    public TimeSpan HealthAlertFor { get; set; } = TimeSpan.Zero;

    /// <summary>Severity of the built-in alert for an Unhealthy target.</summary>
    public AlertSeverity UnhealthySeverity { get; set; } = AlertSeverity.Critical;

    /// <summary>Severity of the built-in alert for a Degraded target.</summary>
    public AlertSeverity DegradedSeverity { get; set; } = AlertSeverity.Warning;

    /// <summary>Resolved alerts kept in memory (and listed without a database read).</summary>
    public int MaxResolvedInMemory { get; set; } = 5_000;

    /// <summary>How often pending alerts, snoozes and suppression are re-evaluated.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a group of config/alert_rules.yml is evaluated when it sets no <c>interval</c>.</summary>
    public TimeSpan RuleEvaluationInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An Alertmanager-style sender that stops re-sending: resolve after this long without news (Alertmanager's resolve_timeout).</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class AlertingOptionsValidator : IValidateOptions<AlertingOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertingOptions options)
    {
        var errors = new List<string>();
        const string s = AlertingOptions.SectionName;
        if (options.HealthAlertFor < TimeSpan.Zero)
        {
            errors.Add($"{s}:HealthAlertFor must not be negative.");
        }

        if (options.MaxResolvedInMemory is < 0 or > 1_000_000)
        {
            errors.Add($"{s}:MaxResolvedInMemory must be between 0 and 1000000.");
        }

        if (options.EvaluationInterval < TimeSpan.FromMilliseconds(100) || options.EvaluationInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{s}:EvaluationInterval must be between 00:00:00.1 and 00:01:00.");
        }

        if (options.RuleEvaluationInterval < TimeSpan.FromSeconds(1) || options.RuleEvaluationInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"{s}:RuleEvaluationInterval must be between 00:00:01 and 01:00:00.");
        }

        if (options.ResolveTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{s}:ResolveTimeout must be at least 00:00:01.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

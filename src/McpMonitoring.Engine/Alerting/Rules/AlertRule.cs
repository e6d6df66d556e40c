namespace McpMonitoring.Engine.Alerting.Rules;

/// <summary>One parsed alerting rule of config/alert_rules.yml.</summary>
public sealed class AlertRule
{
    public required string Group { get; init; }

    public required string Name { get; init; }

    /// <summary>The expression as written, for the API and messages.</summary>
    public required string Expr { get; init; }

    public required ComparisonExpression Expression { get; init; }

    public TimeSpan For { get; init; }

    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    public required IReadOnlyDictionary<string, AnnotationTemplate> Annotations { get; init; }

    /// <summary>
    /// Whether an alert was raised by this rule: same name and carrying every rule label. The loader rejects two
    /// rules of one name whose label sets include one another, so at most one rule owns any alert.
    /// </summary>
    public bool Owns(AlertSnapshot alert) =>
        alert.Source == AlertSources.Rule
        && alert.Name == Name
        && Labels.All(l => alert.Labels.TryGetValue(l.Key, out var v) && v == l.Value);
}

/// <summary>Rules evaluated together, in order, every <see cref="Interval"/>.</summary>
public sealed class AlertRuleGroup
{
    public required string Name { get; init; }

    public required TimeSpan Interval { get; init; }

    public required IReadOnlyList<AlertRule> Rules { get; init; }
}

/// <summary>The shape of config/alert_rules.yml (Prometheus' rule-file format, alerting rules only).</summary>
public sealed class AlertRulesFile
{
    public List<AlertRuleGroupEntry> Groups { get; set; } = [];
}

public sealed class AlertRuleGroupEntry
{
    public string? Name { get; set; }

    public TimeSpan? Interval { get; set; }

    public List<AlertRuleEntry> Rules { get; set; } = [];
}

public sealed class AlertRuleEntry
{
    public string? Alert { get; set; }

    /// <summary>Read only to reject recording rules with a clear message rather than an "unknown key".</summary>
    public string? Record { get; set; }

    public string? Expr { get; set; }

    public TimeSpan? For { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];

    public Dictionary<string, string> Annotations { get; set; } = [];
}

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>The <c>Monitoring:Suppression</c> configuration section.</summary>
public sealed class SuppressionOptions
{
    public const string SectionName = "Monitoring:Suppression";

    /// <summary>Expired silences stay listed (and re-creatable) this long, then are deleted (Alertmanager keeps 5 days).</summary>
    public TimeSpan ExpiredSilenceRetention { get; set; } = TimeSpan.FromDays(5);

    /// <summary>Audit entries older than this are deleted at start-up.</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(400);

    /// <summary>File (in <c>Monitoring:ConfigDir</c>) whose <c>inhibit_rules</c> section seeds inhibition rules.</summary>
    public string AlertingFile { get; set; } = "alerting.yml";
}

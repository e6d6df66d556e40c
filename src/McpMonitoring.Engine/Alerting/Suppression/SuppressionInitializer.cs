using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>
/// Start-up: imports new inhibition rules from config/alerting.yml, loads silences, windows and rules into memory,
/// and prunes the audit log. Registered after the database initializer, so the schema exists.
/// </summary>
internal sealed class SuppressionInitializer(
    SilenceService silences,
    MaintenanceWindowService windows,
    InhibitionRuleService rules,
    AuditLog audit,
    TimeProvider time,
    IOptions<MonitoringOptions> monitoring,
    IOptions<SuppressionOptions> options,
    ILogger<SuppressionInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(monitoring.Value.ConfigDir, options.Value.AlertingFile);
        var seed = InhibitionRulesYaml.Load(path);
        await rules.LoadAsync(seed, cancellationToken).ConfigureAwait(false);
        await silences.LoadAsync(cancellationToken).ConfigureAwait(false);
        await windows.LoadAsync(cancellationToken).ConfigureAwait(false);
        var pruned = await audit.PruneAsync(time.GetUtcNow() - options.Value.AuditRetention, cancellationToken).ConfigureAwait(false);
        logger.LogInformation(
            "Suppression ready: {Silences} live silences, {Windows} maintenance windows, {Rules} inhibition rules ({Seed} in {Path}); {Pruned} old audit entries pruned",
            silences.Live.Length, windows.Windows.Length, rules.Rules.Length, seed.Count, path, pruned);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

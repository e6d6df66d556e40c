using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;

namespace McpMonitoring.Engine.Hosting;

public static class SuppressionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audit log, silences, maintenance windows, inhibition rules and dependency inhibition. The four
    /// <see cref="ISuppressionEvaluator"/>s are registered in the order they are consulted.
    /// </summary>
    public static IServiceCollection AddSuppression(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SuppressionOptions>().Bind(configuration.GetSection(SuppressionOptions.SectionName));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<SilenceService>();
        services.AddSingleton<MaintenanceWindowService>();
        services.AddSingleton<InhibitionRuleService>();
        services.AddSingleton<MatchPreview>();

        services.AddSingleton<ISuppressionEvaluator, SilenceSuppression>();
        services.AddSingleton<ISuppressionEvaluator, MaintenanceSuppression>();
        services.AddSingleton<ISuppressionEvaluator, InhibitionSuppression>();
        services.AddSingleton<ISuppressionEvaluator, DependencySuppression>();
        services.AddSingleton<SuppressionPipeline>();

        services.AddHostedService<SuppressionInitializer>();
        services.AddSingleton<SuppressionClock>();
        services.AddHostedService(sp => sp.GetRequiredService<SuppressionClock>());
        return services;
    }
}

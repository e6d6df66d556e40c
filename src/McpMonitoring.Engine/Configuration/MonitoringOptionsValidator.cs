using Microsoft.Extensions.Options;

namespace McpMonitoring.Engine.Configuration;

/// <summary>Collects every problem at once and names the configuration key of each.</summary>
public sealed class MonitoringOptionsValidator : IValidateOptions<MonitoringOptions>
{
    public ValidateOptionsResult Validate(string? name, MonitoringOptions options)
    {
        var errors = new List<string>();
        const string s = MonitoringOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.ConfigDir))
        {
            errors.Add($"{s}:ConfigDir must name a folder.");
        }

        if (options.UiUpdateInterval < TimeSpan.FromMilliseconds(10) || options.UiUpdateInterval > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{s}:UiUpdateInterval must be between 00:00:00.010 and 00:00:10.");
        }

        if (options.WatcherBufferSize is < 10 or > 1_000_000)
        {
            errors.Add($"{s}:WatcherBufferSize must be between 10 and 1000000.");
        }

        if (options.RecentChangesCapacity is < 1 or > 100_000)
        {
            errors.Add($"{s}:RecentChangesCapacity must be between 1 and 100000.");
        }

        if (options.Probing.MaxConcurrentProbes is < 1 or > 100_000)
        {
            errors.Add($"{s}:Probing:MaxConcurrentProbes must be between 1 and 100000.");
        }

        if (options.Probing.SchedulerTick < TimeSpan.FromMilliseconds(1) || options.Probing.SchedulerTick > TimeSpan.FromSeconds(1))
        {
            errors.Add($"{s}:Probing:SchedulerTick must be between 00:00:00.001 and 00:00:01.");
        }

        if (options.Probing.MaxConnectionsPerServer is < 1 or > 10_000)
        {
            errors.Add($"{s}:Probing:MaxConnectionsPerServer must be between 1 and 10000.");
        }

        if (options.Probing.McpToolsRefreshEvery is < 1 or > 10_000)
        {
            errors.Add($"{s}:Probing:McpToolsRefreshEvery must be between 1 and 10000.");
        }

        if (options.Probing.McpToolsRefreshInterval < TimeSpan.Zero)
        {
            errors.Add($"{s}:Probing:McpToolsRefreshInterval must not be negative.");
        }

        if (options.History.RawRetention < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{s}:History:RawRetention must be at least 00:01:00.");
        }

        if (options.History.RollupRetention < options.History.RawRetention)
        {
            errors.Add($"{s}:History:RollupRetention must not be shorter than {s}:History:RawRetention.");
        }

        if (options.History.WriteBufferSize is < 100 or > 10_000_000)
        {
            errors.Add($"{s}:History:WriteBufferSize must be between 100 and 10000000.");
        }

        if (options.History.WriteBatchSize is < 1 or > 100_000)
        {
            errors.Add($"{s}:History:WriteBatchSize must be between 1 and 100000.");
        }

        if (options.History.WriteInterval < TimeSpan.Zero || options.History.WriteInterval > TimeSpan.FromSeconds(10))
        {
            errors.Add($"{s}:History:WriteInterval must be between 00:00:00 and 00:00:10.");
        }

        if (options.History.MaintenanceInterval < TimeSpan.FromSeconds(1))
        {
            errors.Add($"{s}:History:MaintenanceInterval must be at least 00:00:01.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

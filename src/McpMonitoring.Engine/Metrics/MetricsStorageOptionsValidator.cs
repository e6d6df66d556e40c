using Microsoft.Extensions.Options;

namespace McpMonitoring.Engine.Metrics;

/// <summary>Validates the keys of <c>Metrics</c> that the time-series store, its retention and the rollups use; names the key of each problem.</summary>
public sealed class MetricsStorageOptionsValidator : IValidateOptions<MetricsOptions>
{
    /// <summary>Series ids keep 24 bits for the slot (see the store's id scheme).</summary>
    public const int MaxSeriesLimit = (1 << 24) - 1;

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        var errors = new List<string>();
        const string s = MetricsOptions.SectionName;
        if (options.MaxSeries is < 1 or > MaxSeriesLimit)
        {
            errors.Add($"{s}:MaxSeries must be between 1 and {MaxSeriesLimit}.");
        }

        if (options.Retention < TimeSpan.FromMinutes(5) || options.Retention > TimeSpan.FromDays(31))
        {
            errors.Add($"{s}:Retention must be between 00:05:00 and 31.00:00:00.");
        }

        if (options.SamplesPerChunk is < 8 or > 4096)
        {
            errors.Add($"{s}:SamplesPerChunk must be between 8 and 4096.");
        }

        if (options.RollupInterval < TimeSpan.FromMinutes(1) || options.RollupInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"{s}:RollupInterval must be between 00:01:00 and 1.00:00:00.");
        }
        else if (options.Retention < options.RollupInterval * 2)
        {
            // A bucket is computed from memory after it closes: memory must still hold it then.
            errors.Add($"{s}:Retention must be at least twice {s}:RollupInterval.");
        }

        if (options.RollupRetention < options.Retention || options.RollupRetention > TimeSpan.FromDays(3660))
        {
            errors.Add($"{s}:RollupRetention must be between {s}:Retention and 3660.00:00:00.");
        }

        // Not tied to MaxSeries: lowering that alone must not make the default rollup budget an error.
        if (options.MaxRollupSeries is < 0 or > MaxSeriesLimit)
        {
            errors.Add($"{s}:MaxRollupSeries must be between 0 (rollups off) and {MaxSeriesLimit}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

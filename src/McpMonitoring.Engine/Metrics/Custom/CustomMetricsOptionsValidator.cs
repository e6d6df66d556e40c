using Microsoft.Extensions.Options;

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>Checks the <c>Metrics</c> keys of custom metrics and the Pushgateway push; names the key in each error.</summary>
public sealed class CustomMetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public static readonly TimeSpan MinPushInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxPushInterval = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        const string s = MetricsOptions.SectionName;
        var errors = new List<string>();
        if (options.PushInterval < MinPushInterval || options.PushInterval > MaxPushInterval)
        {
            errors.Add($"{s}:PushInterval must be between {MinPushInterval} and {MaxPushInterval}, not {options.PushInterval}.");
        }

        if (string.IsNullOrWhiteSpace(options.PushJob))
        {
            errors.Add($"{s}:PushJob must not be empty (it is the job label of the pushed group).");
        }

        if (options.MaxCustomMetrics is < 1 or > 100_000)
        {
            errors.Add($"{s}:MaxCustomMetrics must be between 1 and 100000, not {options.MaxCustomMetrics}.");
        }

        if (options.MaxCustomMetricSeries is < 1 or > 1_000_000)
        {
            errors.Add($"{s}:MaxCustomMetricSeries must be between 1 and 1000000, not {options.MaxCustomMetricSeries}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

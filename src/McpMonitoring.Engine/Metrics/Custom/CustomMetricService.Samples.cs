using McpMonitoring.Engine.Alerting.Suppression;

namespace McpMonitoring.Engine.Metrics.Custom;

public sealed partial class CustomMetricService
{
    /// <summary>
    /// Records one sample or a batch, all or nothing: Invalid names each bad field, Conflict means the batch would take
    /// the metric past <c>Metrics:MaxCustomMetricSeries</c> label-value combinations. Values are in memory only.
    /// </summary>
    public ConfigMutation<CustomSamplesResult> Record(string name, CustomSamplesRequest request)
    {
        if (!metrics.TryGet(name, out var metric))
        {
            return ConfigMutation<CustomSamplesResult>.NotFound;
        }

        var errors = new Dictionary<string, string[]>();
        var samples = CustomSampleValidator.Validate(metric.Definition, request, errors);
        if (errors.Count > 0)
        {
            return ConfigMutation<CustomSamplesResult>.Invalid(errors);
        }

        var max = options.Value.MaxCustomMetricSeries;
        return metric.TryApply(samples, max, out var series)
            ? new ConfigMutation<CustomSamplesResult>(ConfigMutationOutcome.Ok, new CustomSamplesResult(samples.Count, series))
            : ConfigMutation<CustomSamplesResult>.Conflict(
                $"custom metric '{name}' has {series} label-value combinations and this request would add more than the limit " +
                $"(Metrics:MaxCustomMetricSeries = {max}) allows; nothing was recorded. Reuse existing label values or delete and redefine the metric.");
    }
}

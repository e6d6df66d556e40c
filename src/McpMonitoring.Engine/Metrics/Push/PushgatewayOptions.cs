using Microsoft.Extensions.Options;

namespace McpMonitoring.Engine.Metrics.Push;

/// <summary>Where to push the console's metrics: the <c>PROMETHEUS_PUSHGATEWAY</c> setting (an environment variable). Unset, nothing is pushed.</summary>
public sealed class PushgatewayOptions
{
    public const string Key = "PROMETHEUS_PUSHGATEWAY";

    /// <summary>The Pushgateway's base URL, with or without a trailing <c>/metrics</c> (the original spec's example is <c>http://localhost:10200/metrics</c>).</summary>
    public string? Url { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}

public sealed class PushgatewayOptionsValidator : IValidateOptions<PushgatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, PushgatewayOptions options) =>
        !options.Enabled || PushgatewayAddress.TryParse(options.Url!, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error!);
}

using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Health;

/// <summary>
/// Status of one target. <see cref="Impacted"/> means the target fails but a dependency it needs is
/// Unhealthy: the failure is a consequence, not an independent fault.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus
{
    Unknown,
    Healthy,
    Degraded,
    Unhealthy,
    Impacted,
}

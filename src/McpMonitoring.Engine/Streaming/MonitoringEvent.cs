using System.Text.Json.Serialization;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Health;

namespace McpMonitoring.Engine.Streaming;

/// <summary>Which part of the console an event concerns; subscribers filter on it.</summary>
[Flags]
public enum EventTopics
{
    None = 0,

    /// <summary>Target status transitions, MCP drift, target configuration changes.</summary>
    Health = 1,

    /// <summary>Every probe result (latency changes): high volume, only for throttled page refreshes.</summary>
    ProbeResults = 2,

    /// <summary>Alert lifecycle changes (created, firing, acknowledged, resolved, reopened, escalated, suppression).</summary>
    Alerts = 4,

    /// <summary>Silences, maintenance windows, inhibition rules, receivers and routes changed.</summary>
    AlertConfiguration = 8,

    /// <summary>Every completed scrape: high volume, only for throttled page refreshes (not part of <see cref="All"/>).</summary>
    Scrapes = 16,

    /// <summary>Scrape targets changing health (up/down) or configuration.</summary>
    Metrics = 32,

    All = Health | ProbeResults | Alerts | AlertConfiguration | Metrics,
}

/// <summary>A fact published on the engine's event stream. Serialised with a <c>type</c> discriminator on /ws and the hub.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TargetStatusChanged), "targetStatusChanged")]
[JsonDerivedType(typeof(McpToolsDrifted), "mcpToolsDrifted")]
[JsonDerivedType(typeof(TargetConfigurationChanged), "targetConfigurationChanged")]
[JsonDerivedType(typeof(AlertChanged), "alertChanged")]
[JsonDerivedType(typeof(AlertConfigurationChanged), "alertConfigurationChanged")]
[JsonDerivedType(typeof(ScrapeHealthChanged), "scrapeHealthChanged")]
[JsonDerivedType(typeof(ScrapeTargetChanged), "scrapeTargetChanged")]
public abstract record MonitoringEvent(DateTimeOffset At)
{
    [JsonIgnore]
    public abstract EventTopics Topic { get; }
}

public sealed record TargetStatusChanged(
    string Target,
    HealthStatus From,
    HealthStatus To,
    string? RootCause,
    string? Error,
    DateTimeOffset At) : MonitoringEvent(At)
{
    public override EventTopics Topic => EventTopics.Health;
}

public sealed record McpToolsDrifted(
    string Target,
    string? PreviousHash,
    string CurrentHash,
    int PreviousToolCount,
    int CurrentToolCount,
    DateTimeOffset At) : MonitoringEvent(At)
{
    public override EventTopics Topic => EventTopics.Health;
}

public enum ConfigurationChange
{
    Added,
    Updated,
    Removed,
}

public sealed record TargetConfigurationChanged(string Target, ConfigurationChange Change, DateTimeOffset At) : MonitoringEvent(At)
{
    public override EventTopics Topic => EventTopics.Health;
}

[JsonConverter(typeof(JsonStringEnumConverter<AlertChangeKind>))]
public enum AlertChangeKind
{
    Created,
    Firing,
    Updated,
    Acknowledged,
    Unacknowledged,
    Resolved,
    Reopened,
    Escalated,
    SuppressionChanged,
}

/// <summary>An alert changed; <see cref="Alert"/> is its state after the change, <see cref="Actor"/> who caused it (or "system").</summary>
public sealed record AlertChanged(AlertSnapshot Alert, AlertChangeKind Change, string Actor, string? Comment, DateTimeOffset At) : MonitoringEvent(At)
{
    public override EventTopics Topic => EventTopics.Alerts;
}

/// <summary>A silence, maintenance window, inhibition rule, receiver or route was created, changed or removed.</summary>
public sealed record AlertConfigurationChanged(string Kind, string Id, ConfigurationChange Change, string Actor, DateTimeOffset At) : MonitoringEvent(At)
{
    public override EventTopics Topic => EventTopics.AlertConfiguration;
}

/// <summary>A scrape target went up or down (<see cref="Error"/> says why it is down).</summary>
public sealed record ScrapeHealthChanged(string Target, string Job, string Instance, bool Up, string? Error, DateTimeOffset At) : MonitoringEvent(At)
{
    public override EventTopics Topic => EventTopics.Metrics;
}

/// <summary>A scrape target was added, changed or removed (over the API or from prometheus.yml at start-up).</summary>
public sealed record ScrapeTargetChanged(string Target, ConfigurationChange Change, DateTimeOffset At) : MonitoringEvent(At)
{
    public override EventTopics Topic => EventTopics.Metrics;
}

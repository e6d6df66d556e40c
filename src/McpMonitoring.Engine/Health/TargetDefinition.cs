using System.Text.Json.Serialization;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Health;

/// <summary>
/// A monitored target as operators write it in config/targets.yml (snake_case) or send it to
/// <c>/targets</c> (camelCase). Kind-specific settings are flat, as in DESIGN.md.
/// </summary>
public sealed class TargetDefinition
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public string Name { get; set; } = "";

    public TargetKind Kind { get; set; }

    /// <summary>http, mcp (Streamable HTTP or legacy SSE).</summary>
    public string? Url { get; set; }

    /// <summary>http: expected status code; any 2xx when absent.</summary>
    public int? ExpectStatus { get; set; }

    /// <summary>http: the body must contain this text.</summary>
    public string? BodyContains { get; set; }

    /// <summary>http: a JSON path such as <c>$.status</c> or <c>$.checks[0].state</c> evaluated on the body.</summary>
    public string? JsonPath { get; set; }

    /// <summary>http: the value <see cref="JsonPath"/> must have (compared as text); when absent the path must exist.</summary>
    public string? JsonValue { get; set; }

    /// <summary>tcp.</summary>
    public string? Host { get; set; }

    /// <summary>tcp.</summary>
    public int? Port { get; set; }

    /// <summary>mcp over stdio: the command to spawn.</summary>
    public string? Command { get; set; }

    /// <summary>mcp over stdio: its arguments.</summary>
    public List<string> Args { get; set; } = [];

    /// <summary>mcp: <c>auto</c> (default), <c>streamable-http</c> or <c>sse</c>.</summary>
    public string? Transport { get; set; }

    /// <summary>mcp: force a protocol version instead of negotiating (for example <c>2025-11-25</c>).</summary>
    public string? ProtocolVersion { get; set; }

    /// <summary>database: <c>sqlite</c> or <c>postgresql</c>.</summary>
    public string? Provider { get; set; }

    /// <summary>database.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>container: name or id.</summary>
    public string? Container { get; set; }

    /// <summary>container: the Docker Engine API socket; <c>/var/run/docker.sock</c> when absent.</summary>
    public string? DockerSocket { get; set; }

    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan Interval { get; set; } = DefaultInterval;

    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Latency above which a successful probe counts as Degraded; half the timeout when absent.</summary>
    [JsonConverter(typeof(NullableDurationJsonConverter))]
    public TimeSpan? DegradedLatency { get; set; }

    /// <summary>Consecutive failures before a target is Unhealthy.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>Consecutive successes before an Unhealthy target is Healthy again.</summary>
    public int RecoveryThreshold { get; set; } = 2;

    public Dictionary<string, string> Labels { get; set; } = [];

    public List<string> DependsOn { get; set; } = [];

    [JsonIgnore]
    public TimeSpan EffectiveDegradedLatency => DegradedLatency ?? Timeout / 2;

    public TargetDefinition Clone()
    {
        var copy = (TargetDefinition)MemberwiseClone();
        copy.Args = [.. Args];
        copy.Labels = new Dictionary<string, string>(Labels);
        copy.DependsOn = [.. DependsOn];
        return copy;
    }
}

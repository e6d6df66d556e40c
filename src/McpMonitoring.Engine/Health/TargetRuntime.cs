namespace McpMonitoring.Engine.Health;

/// <summary>Live, mutable state of one target, owned by <see cref="HealthMonitor"/>. Lock on the instance to touch it.</summary>
public sealed class TargetRuntime(TargetDefinition definition, TargetSource source, int version)
{
    private int _probing;

    public TargetDefinition Definition { get; } = definition;

    public TargetSource Source { get; } = source;

    /// <summary>Bumped on every change of the definition; results of an older version are ignored.</summary>
    public int Version { get; } = version;

    public HealthTracker Tracker { get; } = new();

    public HealthStatus OwnStatus { get; set; } = HealthStatus.Unknown;

    public HealthStatus Status { get; set; } = HealthStatus.Unknown;

    public string? RootCause { get; set; }

    public DateTimeOffset? StatusSince { get; set; }

    public DateTimeOffset? LastCheckedAt { get; set; }

    public double? LastLatencyMs { get; set; }

    public string? LastError { get; set; }

    public McpServerDetails? Mcp { get; set; }

    /// <summary>Claims the target for one probe; false while the previous probe still runs.</summary>
    internal bool TryBeginProbe() => Interlocked.CompareExchange(ref _probing, 1, 0) == 0;

    internal void EndProbe() => Volatile.Write(ref _probing, 0);

    public TargetState ToState()
    {
        lock (this)
        {
            return new TargetState(
                Definition.Name,
                Definition.Kind,
                Status,
                OwnStatus,
                RootCause,
                Describe(Definition),
                LastLatencyMs,
                LastError,
                LastCheckedAt,
                StatusSince,
                Tracker.ConsecutiveFailures,
                Mcp,
                Definition.Labels,
                Definition.DependsOn,
                Source);
        }
    }

    /// <summary>A one-line "where" for tables: url, host:port, command, container.</summary>
    public static string Describe(TargetDefinition target) => target.Kind switch
    {
        TargetKind.Http => target.Url ?? "",
        TargetKind.Tcp => $"{target.Host}:{target.Port}",
        TargetKind.Mcp => target.Url ?? string.Join(' ', [target.Command ?? "", .. target.Args]),
        TargetKind.Database => target.Provider ?? "",
        TargetKind.Container => target.Container ?? "",
        _ => "",
    };
}

/// <summary>Where a target came from: the YAML seed, the API/UI, or the generated demo fleet.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TargetSource>))]
public enum TargetSource
{
    Api,
    Config,
    Demo,
}

/// <summary>An immutable snapshot of one target for pages and the API.</summary>
public sealed record TargetState(
    string Name,
    TargetKind Kind,
    HealthStatus Status,
    HealthStatus OwnStatus,
    string? RootCause,
    string Endpoint,
    double? LatencyMs,
    string? LastError,
    DateTimeOffset? LastCheckedAt,
    DateTimeOffset? StatusSince,
    int ConsecutiveFailures,
    McpServerDetails? Mcp,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<string> DependsOn,
    TargetSource Source);

/// <summary>How many targets are in each status.</summary>
public sealed record HealthCounts(int Total, int Healthy, int Degraded, int Unhealthy, int Impacted, int Unknown);

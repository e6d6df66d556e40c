namespace McpMonitoring.Engine.Configuration;

/// <summary>The <c>Monitoring</c> configuration section. Every bounded structure takes its bound from here.</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>Folder of the YAML seed files (targets.yml, alert_rules.yml, slos.yml, prometheus.yml).</summary>
    public string ConfigDir { get; set; } = "config";

    /// <summary>Probe the console itself and a demo MCP endpoint when no target is configured.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Minimum interval between two refreshes of a live page.</summary>
    public TimeSpan UiUpdateInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Events buffered per external client (/ws, hub) before the oldest are dropped.</summary>
    public int WatcherBufferSize { get; set; } = 10_000;

    /// <summary>Status changes kept in memory for the Overview's "recent changes".</summary>
    public int RecentChangesCapacity { get; set; } = 200;

    public ProbingOptions Probing { get; set; } = new();

    public HistoryOptions History { get; set; } = new();
}

public sealed class ProbingOptions
{
    /// <summary>Probes in flight at once. Size it for hanging targets: probes/s x timeout x share that hang.</summary>
    public int MaxConcurrentProbes { get; set; } = 1024;

    /// <summary>Scheduler resolution; p99 lag is about this plus a few milliseconds.</summary>
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>HTTP connections kept per server by the shared handler.</summary>
    public int MaxConnectionsPerServer { get; set; } = 64;

    /// <summary>MCP: a live session lists tools (count and hash) only every this many probes; the others only check liveness.</summary>
    public int McpToolsRefreshEvery { get; set; } = 10;

    /// <summary>MCP: ... or when the last tool list is older than this, whichever comes first.</summary>
    public TimeSpan McpToolsRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class HistoryOptions
{
    /// <summary>How long every probe result is kept.</summary>
    public TimeSpan RawRetention { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long per-minute rollups are kept (charts over days read these).</summary>
    public TimeSpan RollupRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Store each probe result, not only the rollups. Off for very large fleets on SQLite.</summary>
    public bool PersistRawResults { get; set; } = true;

    /// <summary>Results buffered for the writer before the oldest are dropped (and counted).</summary>
    public int WriteBufferSize { get; set; } = 200_000;

    /// <summary>Rows per transaction at most.</summary>
    public int WriteBatchSize { get; set; } = 5_000;

    /// <summary>
    /// How long the writer lets results gather before a transaction (unless a full batch is waiting): one
    /// commit per few hundred rows instead of one per handful at high probe rates.
    /// </summary>
    public TimeSpan WriteInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often rollups are flushed and old rows pruned.</summary>
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);
}

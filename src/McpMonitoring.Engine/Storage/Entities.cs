namespace McpMonitoring.Engine.Storage;

/// <summary>A target defined through the API/UI or seeded from targets.yml; the definition is stored as JSON.</summary>
public sealed class TargetEntity
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Kind { get; set; }

    public required string DefinitionJson { get; set; }

    public required string Source { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>Names once imported from targets.yml, so a target an operator deleted does not come back at restart.</summary>
public sealed class SeededTargetEntity
{
    public required string Name { get; set; }

    public DateTime SeededAt { get; set; }
}

/// <summary>Maps a target name to the small integer its history rows carry.</summary>
public sealed class HistorySeriesEntity
{
    public int Id { get; set; }

    public required string TargetName { get; set; }
}

/// <summary>One probe result, kept for <c>History:RawRetention</c>. Times are Unix milliseconds for compact, sortable rows.</summary>
public sealed class ProbeResultEntity
{
    public long Id { get; set; }

    public int SeriesId { get; set; }

    public long AtMs { get; set; }

    public bool Success { get; set; }

    public float LatencyMs { get; set; }
}

/// <summary>One minute of one target: what a 24 h or 30 d chart reads.</summary>
public sealed class ProbeRollupEntity
{
    public int SeriesId { get; set; }

    public long BucketMs { get; set; }

    public int Count { get; set; }

    public int Failures { get; set; }

    public double SumLatencyMs { get; set; }

    public float MinLatencyMs { get; set; }

    public float MaxLatencyMs { get; set; }
}

/// <summary>A status transition, for "recent changes" and a target's timeline across restarts.</summary>
public sealed class StatusChangeEntity
{
    public long Id { get; set; }

    public required string TargetName { get; set; }

    public DateTime At { get; set; }

    public required string FromStatus { get; set; }

    public required string ToStatus { get; set; }

    public string? RootCause { get; set; }

    public string? Error { get; set; }
}

/// <summary>A scrape target defined through the API/UI (prometheus.yml's targets are read from the file at start-up).</summary>
public sealed class ScrapeTargetEntity
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string DefinitionJson { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Rollups;

/// <summary>One persisted bucket: aggregates of the finite samples in [<see cref="BucketMs"/>, BucketMs + RollupInterval).</summary>
public readonly record struct RollupPoint(long BucketMs, double Min, double Max, double Sum, int Count, double Last);

/// <summary>A series as the database remembers it, with its buckets in time order.</summary>
public sealed record RollupSeries(LabelSet Labels, IReadOnlyList<RollupPoint> Points);

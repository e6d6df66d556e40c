namespace McpMonitoring.Engine.Metrics.Query;

/// <summary>Evaluates <see cref="MetricsQuery"/> over the in-memory store, falling back to persisted rollups for older ranges.</summary>
public sealed class MetricsQueryEngine
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the problem for an invalid query (end before start, too many points, ...).</summary>
    public Task<QueryResult> ExecuteAsync(MetricsQuery query, CancellationToken cancellationToken)
        => throw new NotImplementedException("contract stub");
}

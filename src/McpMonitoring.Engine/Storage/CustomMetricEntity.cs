namespace McpMonitoring.Engine.Storage;

/// <summary>
/// A custom metric defined over the API. Only the definition is stored; values live in memory and reset on restart,
/// as with any Prometheus client library.
/// </summary>
public sealed class CustomMetricEntity
{
    public required string Name { get; set; }

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public required string Type { get; set; }

    public required string Help { get; set; }

    /// <summary>JSON array of label names, in exposition order.</summary>
    public required string LabelNamesJson { get; set; }

    /// <summary>JSON array of upper bounds (histograms only; +Inf is implicit).</summary>
    public string? BucketsJson { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }
}

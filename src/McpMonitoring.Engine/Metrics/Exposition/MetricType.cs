namespace McpMonitoring.Engine.Metrics.Exposition;

/// <summary>The TYPE of a metric family, as written in the exposition (untyped when no TYPE line precedes it).</summary>
public enum MetricType
{
    Untyped,
    Counter,
    Gauge,
    Histogram,
    Summary,

    /// <summary>OpenMetrics only.</summary>
    GaugeHistogram,

    /// <summary>OpenMetrics only.</summary>
    StateSet,

    /// <summary>OpenMetrics only.</summary>
    Info,
}

/// <summary>Which text format a scrape answered in (from its Content-Type).</summary>
public enum ExpositionFormat
{
    /// <summary>text/plain; version=0.0.4 (also the fallback for an unknown or missing Content-Type, as Prometheus does).</summary>
    Prometheus004,

    /// <summary>application/openmetrics-text; version=1.0.0.</summary>
    OpenMetrics100,
}

namespace McpMonitoring.Engine.Metrics;

/// <summary>Metrics collection: configuration section <c>Metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Scrape configuration in Prometheus' own shape, relative to <c>Monitoring:ConfigDir</c>; a missing file means no configured jobs.</summary>
    public string ScrapeConfigFile { get; set; } = "prometheus.yml";

    /// <summary>Upper bound on in-memory series; samples of new series beyond it are dropped and counted.</summary>
    public int MaxSeries { get; set; } = 2_000_000;

    /// <summary>How long raw samples stay in memory.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Samples per compressed chunk (Prometheus uses 120).</summary>
    public int SamplesPerChunk { get; set; } = 120;

    /// <summary>Width of the downsampled buckets persisted to the database.</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long persisted rollups are kept.</summary>
    public TimeSpan RollupRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>At most this many series are rolled up and persisted (the rest stay in memory only, and are counted).</summary>
    public int MaxRollupSeries { get; set; } = 5_000;

    /// <summary>Scrape interval for jobs and targets that set none, unless prometheus.yml's global section does.</summary>
    public TimeSpan DefaultScrapeInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Scrape timeout for jobs and targets that set none, unless prometheus.yml's global section does.</summary>
    public TimeSpan DefaultScrapeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Scrapes in flight at once.</summary>
    public int MaxConcurrentScrapes { get; set; } = 256;

    /// <summary>A response larger than this fails the scrape (Prometheus' body_size_limit).</summary>
    public int MaxScrapeBodyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>How often the console's own metrics are pushed to <c>PROMETHEUS_PUSHGATEWAY</c> when it is set.</summary>
    public TimeSpan PushInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The <c>job</c> of the Pushgateway grouping key.</summary>
    public string PushJob { get; set; } = "mcp-monitoring";

    /// <summary>The <c>instance</c> of the Pushgateway grouping key (default: the host name).</summary>
    public string? PushInstance { get; set; }

    /// <summary>Upper bound on custom metric definitions made over the API.</summary>
    public int MaxCustomMetrics { get; set; } = 1_000;

    /// <summary>Upper bound on label-value combinations (series) per custom metric; samples that would add more are rejected.</summary>
    public int MaxCustomMetricSeries { get; set; } = 10_000;
}

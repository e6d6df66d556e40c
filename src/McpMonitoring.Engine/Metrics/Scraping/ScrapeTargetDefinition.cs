using System.Text.Json.Serialization;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>Where a scrape target comes from: prometheus.yml (read-only at run time), the API/UI, or the demo.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScrapeTargetSource>))]
public enum ScrapeTargetSource
{
    Config,
    Api,
    Demo,
}

/// <summary>
/// One endpoint to scrape. <see cref="Name"/> is its identity (config targets are named <c>job/host:port</c>);
/// every scraped series gets <c>job</c>, <c>instance</c> (host:port) and <see cref="Labels"/>, as Prometheus does.
/// </summary>
public sealed record ScrapeTargetDefinition
{
    public required string Name { get; init; }

    public required string Job { get; init; }

    /// <summary>scheme://host:port/metrics_path.</summary>
    public required Uri Url { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan Interval { get; init; }

    [JsonConverter(typeof(DurationJsonConverter))]
    public TimeSpan Timeout { get; init; }

    /// <summary>When true the scraped labels win over the target's; otherwise clashing scraped labels become <c>exported_*</c>.</summary>
    public bool HonorLabels { get; init; }

    /// <summary>Use the timestamps the exposition carries (Prometheus' default) rather than the scrape time.</summary>
    public bool HonorTimestamps { get; init; } = true;

    /// <summary>More samples than this fails the scrape (0 = no limit), as Prometheus' sample_limit.</summary>
    public int SampleLimit { get; init; }

    public ScrapeTargetSource Source { get; init; } = ScrapeTargetSource.Api;

    /// <summary>host:port, Prometheus' default <c>instance</c> label.</summary>
    public string Instance => Labels.TryGetValue("instance", out var instance) && instance.Length > 0 ? instance : HostPort;

    /// <summary>host:port with the port always written (Prometheus writes <c>host:80</c>, not <c>host</c>).</summary>
    [JsonIgnore]
    public string HostPort => Url.IsDefaultPort ? $"{Url.Host}:{Url.Port}" : Url.Authority;
}

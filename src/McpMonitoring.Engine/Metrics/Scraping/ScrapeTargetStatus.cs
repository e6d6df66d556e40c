using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Metrics.Scraping;

[JsonConverter(typeof(JsonStringEnumConverter<ScrapeHealth>))]
public enum ScrapeHealth
{
    /// <summary>Not scraped yet.</summary>
    Unknown,
    Up,
    Down,
}

/// <summary>A scrape target with the outcome of its last scrape, as /metrics/targets and the UI show it.</summary>
public sealed record ScrapeTargetStatus(
    ScrapeTargetDefinition Target,
    ScrapeHealth Health,
    DateTimeOffset? LastScrape,
    double? LastDurationSeconds,
    int SamplesScraped,
    int Series,
    string? LastError,
    long Scrapes,
    long Failures);

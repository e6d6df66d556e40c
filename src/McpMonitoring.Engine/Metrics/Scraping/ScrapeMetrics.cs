using McpMonitoring.Engine.Metrics.Storage;
using Prometheus;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>The console's own metrics about scraping and its time-series store, on /metrics.</summary>
public sealed class ScrapeMetrics
{
    private readonly Counter _scrapes;
    private readonly Gauge _targets;
    private readonly Gauge _series;
    private readonly Gauge _samples;
    private readonly Gauge _chunkBytes;
    private readonly Counter.Child _success;
    private readonly Counter.Child _failure;

    public ScrapeMetrics(CollectorRegistry registry, Func<ScrapeTargetRegistry> targets, TimeSeriesStore store)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _scrapes = factory.CreateCounter("mcpmon_scrapes_total", "Scrapes the console ran, by result.", "result");
        _success = _scrapes.WithLabels("success");
        _failure = _scrapes.WithLabels("failure");
        _targets = factory.CreateGauge("mcpmon_scrape_targets", "Scrape targets by the health of their last scrape.", "health");
        _series = factory.CreateGauge("mcpmon_tsdb_series", "Series held in the in-memory time-series store.");
        _samples = factory.CreateGauge("mcpmon_tsdb_samples", "Samples held in the in-memory time-series store.");
        _chunkBytes = factory.CreateGauge("mcpmon_tsdb_chunk_bytes", "Compressed bytes of the samples held in memory.");
        registry.AddBeforeCollectCallback(() =>
        {
            var byHealth = targets().All.GroupBy(t => t.Health).ToDictionary(g => g.Key, g => g.Count());
            foreach (var health in Enum.GetValues<ScrapeHealth>())
            {
                _targets.WithLabels(health.ToString().ToLowerInvariant()).Set(byHealth.GetValueOrDefault(health));
            }

            var stats = store.GetStats();
            _series.Set(stats.Series);
            _samples.Set(stats.Samples);
            _chunkBytes.Set(stats.ChunkBytes);
        });
    }

    public void Record(ScrapeOutcome outcome) => (outcome.Up ? _success : _failure).Inc();
}

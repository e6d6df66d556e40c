using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Scheduling;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>
/// One loop over a priority queue of due times, like the probe scheduler: each target keeps a stable phase
/// inside its interval (a hash of its name, as Prometheus spreads its scrapes), the next slot is computed from
/// the scheduled time so schedules never drift, and scrapes run concurrently up to a global limit.
/// </summary>
public sealed class ScrapeScheduler : BackgroundService
{
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan BusyPollInterval = TimeSpan.FromMilliseconds(50);
    private readonly ScrapeTargetRegistry _registry;
    private readonly Scraper _scraper;
    private readonly MonitoringEventStream _events;
    private readonly ScrapeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ScrapeScheduler> _logger;
    private readonly SemaphoreSlim _concurrency;
    private readonly PhasedSchedule<ScrapeTargetRuntime> _schedule = new(r => r.Definition.Name, r => r.Definition.Interval);
    private readonly ConcurrentQueue<string> _changed = new();
    private long _skippedBusy;
    private CancellationToken _stopping;

    public ScrapeScheduler(
        ScrapeTargetRegistry registry,
        Scraper scraper,
        MonitoringEventStream events,
        ScrapeMetrics metrics,
        TimeProvider time,
        IOptions<MetricsOptions> options,
        ILogger<ScrapeScheduler> logger)
    {
        _registry = registry;
        _scraper = scraper;
        _events = events;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _concurrency = new SemaphoreSlim(options.Value.MaxConcurrentScrapes);
        _registry.Changed += _changed.Enqueue;
        foreach (var runtime in _registry.All)
        {
            _changed.Enqueue(runtime.Definition.Name);
        }
    }

    /// <summary>Slots skipped because the previous scrape of that target was still running.</summary>
    public long SkippedBusy => Interlocked.Read(ref _skippedBusy);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var timer = new PeriodicTimer(TickInterval, _time);
        try
        {
            do
            {
                try
                {
                    Tick();
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Scrape scheduler tick failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Starts every scrape that is due now and returns their tasks (tests await them).</summary>
    public IReadOnlyList<Task> Tick()
    {
        var now = _time.GetUtcNow().UtcTicks;
        while (_changed.TryDequeue(out var name))
        {
            _schedule.Set(name, _registry.TryGet(name, out var runtime) ? runtime : null, now);
        }

        List<Task>? started = null;
        while (_schedule.TryTakeDue(now, out var runtime, out _))
        {
            if (!runtime.TryBegin())
            {
                Interlocked.Increment(ref _skippedBusy);
                continue;
            }

            (started ??= []).Add(RunAsync(runtime));
        }

        return started ?? (IReadOnlyList<Task>)[];
    }

    /// <summary>Scrapes one target now, outside its schedule (the API's "scrape now", tests).</summary>
    public async Task<ScrapeOutcome?> ScrapeNowAsync(string name, CancellationToken cancellationToken)
    {
        if (!_registry.TryGet(name, out var runtime))
        {
            return null;
        }

        while (!runtime.TryBegin())
        {
            if (runtime.Retired)
            {
                return null;
            }

            // A scheduled scrape of this target is running (at most its timeout): poll for its end rather than spin.
            await Task.Delay(BusyPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }

        return await ScrapeAsync(runtime, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunAsync(ScrapeTargetRuntime runtime)
    {
        try
        {
            await _concurrency.WaitAsync(_stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            runtime.End();
            return;
        }

        try
        {
            await ScrapeAsync(runtime, _stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Scraping {Target} failed unexpectedly", runtime.Definition.Name);
        }
        finally
        {
            _concurrency.Release();
        }
    }

    /// <summary>Runs one scrape of a runtime that <see cref="ScrapeTargetRuntime.TryBegin"/> reserved, then releases it.</summary>
    private async Task<ScrapeOutcome> ScrapeAsync(ScrapeTargetRuntime runtime, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield(); // parsing is synchronous: keep it off the scheduler's tick
            var outcome = await _scraper.ScrapeAsync(runtime, cancellationToken).ConfigureAwait(false);
            _metrics.Record(outcome);
            if (outcome.HealthChanged && _registry.TryGet(runtime.Definition.Name, out var current) && ReferenceEquals(current, runtime))
            {
                var target = runtime.Definition;
                if (!outcome.Up)
                {
                    _logger.LogWarning("Scrape target {Target} is down: {Error}", target.Name, outcome.Error);
                }

                _events.Publish(new ScrapeHealthChanged(target.Name, target.Job, target.Instance, outcome.Up, outcome.Error, _time.GetUtcNow()));
            }

            _events.Touch(EventTopics.Scrapes);
            return outcome;
        }
        finally
        {
            runtime.End();
        }
    }
}

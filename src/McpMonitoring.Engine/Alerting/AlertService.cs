using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Alerting;

/// <summary>
/// Every alert of the console, whatever its source: identity by label fingerprint (a re-sent alert updates,
/// never duplicates), the lifecycle pending -> firing -> acknowledged -> resolved (reopening with its history),
/// suppression (which silence, window or rule), and a durable timeline of who did what. State lives in
/// memory for speed; every change is group-committed (<see cref="AlertStore"/>) before a caller is answered.
/// </summary>
public sealed partial class AlertService : BackgroundService, IFiringAlerts, IAlertLookup
{
    public const string SystemActor = "system";

    private readonly ConcurrentDictionary<string, AlertRuntime> _byFingerprint = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, AlertRuntime> _byId = new();
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _evaluation = new(1, 1);
    private readonly AlertStore _store;
    private readonly MonitoringEventStream _events;
    private readonly TimeProvider _time;
    private readonly IServiceProvider _services;
    private readonly ILogger<AlertService> _logger;
    private readonly AlertingOptions _options;
    private ISuppressionEvaluator[]? _evaluators;
    private long _nextId;
    private long _firingVersion;
    private bool _loaded;

    public AlertService(
        AlertStore store,
        MonitoringEventStream events,
        TimeProvider time,
        IServiceProvider services,
        IOptions<AlertingOptions> options,
        ILogger<AlertService> logger)
    {
        _store = store;
        _events = events;
        _time = time;
        _services = services;
        _logger = logger;
        _options = options.Value;
    }

    public int Count => _byId.Count;

    /// <summary>Suppression evaluators, resolved lazily: they may themselves ask this service for firing alerts.</summary>
    private ISuppressionEvaluator[] Evaluators => _evaluators ??= [.. _services.GetServices<ISuppressionEvaluator>()];

    public AlertSnapshot? Get(long id)
    {
        if (!_byId.TryGetValue(id, out var runtime))
        {
            return null;
        }

        lock (_lock)
        {
            return runtime.ToSnapshot();
        }
    }

    /// <inheritdoc/>
    public long FiringVersion => Interlocked.Read(ref _firingVersion);

    public IEnumerable<IReadOnlyDictionary<string, string>> FiringLabelSets()
    {
        foreach (var runtime in _byId.Values)
        {
            if (runtime.State is AlertState.Firing or AlertState.Acknowledged)
            {
                yield return runtime.Labels;
            }
        }
    }

    /// <summary>Firing or acknowledged alerts (what a silence or inhibition rule would act on), newest first.</summary>
    public IReadOnlyList<AlertSnapshot> Active()
    {
        lock (_lock)
        {
            return [.. _byId.Values.Where(r => r.State is AlertState.Firing or AlertState.Acknowledged).OrderByDescending(r => r.Id).Select(r => r.ToSnapshot())];
        }
    }

    /// <summary>Active (pending, firing, acknowledged) alerts, newest first.</summary>
    public IReadOnlyList<AlertSnapshot> GetActive()
    {
        lock (_lock)
        {
            return [.. _byId.Values.Where(r => r.State != AlertState.Resolved).OrderByDescending(r => r.Id).Select(r => r.ToSnapshot())];
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Load before anything can ingest: an alert sent again after a restart must find its history.
        var since = _time.GetUtcNow().AddDays(-7).ToUnixTimeMilliseconds();
        var rows = await _store.LoadAsync(since, _options.MaxResolvedInMemory, cancellationToken).ConfigureAwait(false);
        var maxId = await _store.MaxIdAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            foreach (var row in rows)
            {
                var runtime = AlertMapping.FromEntity(row);
                _byFingerprint[runtime.Fingerprint] = runtime;
                _byId[runtime.Id] = runtime;
            }

            _nextId = maxId;
            _loaded = true;
        }

        _logger.LogInformation("{Count} alerts loaded", rows.Count);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var configuration = _events.Subscribe(EventTopics.AlertConfiguration | EventTopics.Health, () =>
        {
            _ = EvaluateAsync(CancellationToken.None);
            return Task.CompletedTask;
        }, TimeSpan.FromMilliseconds(200));
        using var timer = new PeriodicTimer(_options.EvaluationInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await EvaluateAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Alert evaluation failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void EnsureLoaded()
    {
        if (!_loaded)
        {
            throw new InvalidOperationException("Alerts are not loaded yet: the alert service has not started.");
        }
    }
}

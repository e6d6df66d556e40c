using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health.Probes;
using McpMonitoring.Engine.Scheduling;

namespace McpMonitoring.Engine.Health.Scheduling;

/// <summary>
/// One loop over a priority queue of due times, ticking every <see cref="ProbingOptions.SchedulerTick"/>.
/// Each target keeps a stable phase inside its interval (a hash of its name), so a fleet spreads its load
/// instead of probing everything at once; the next slot is computed from the scheduled time, not from when
/// the probe ran, so schedules never drift. Probes run concurrently up to a global limit, each bounded by
/// its own timeout: one slow target never delays the others.
/// </summary>
public sealed class ProbeScheduler : BackgroundService
{
    private readonly HealthMonitor _monitor;
    private readonly TimeProvider _time;
    private readonly ILogger<ProbeScheduler> _logger;
    private readonly Dictionary<TargetKind, IProbe> _probes;
    private readonly SemaphoreSlim _concurrency;
    private readonly TimeSpan _tick;
    private readonly PhasedSchedule<TargetRuntime> _schedule = new(r => r.Definition.Name, r => r.Definition.Interval);
    private readonly ConcurrentQueue<string> _changed = new();
    private int _inFlight;
    private long _skippedBusy;
    private long _started;
    private CancellationToken _stopping;

    public ProbeScheduler(
        HealthMonitor monitor,
        IEnumerable<IProbe> probes,
        TimeProvider time,
        IOptions<MonitoringOptions> options,
        ILogger<ProbeScheduler> logger)
    {
        _monitor = monitor;
        _time = time;
        _logger = logger;
        _probes = probes.ToDictionary(p => p.Kind);
        _concurrency = new SemaphoreSlim(options.Value.Probing.MaxConcurrentProbes);
        _tick = options.Value.Probing.SchedulerTick;
        _monitor.DefinitionChanged += OnDefinitionChanged;
        foreach (var runtime in _monitor.Runtimes)
        {
            _changed.Enqueue(runtime.Definition.Name);
        }
    }

    public LagRecorder Lag { get; } = new();

    public long ProbesStarted => Interlocked.Read(ref _started);

    /// <summary>Slots skipped because the previous probe of that target was still running.</summary>
    public long SkippedBusy => Interlocked.Read(ref _skippedBusy);

    public int InFlight => Volatile.Read(ref _inFlight);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var timer = new PeriodicTimer(_tick, _time);
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
                    _logger.LogError(ex, "Scheduler tick failed");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnDefinitionChanged(string name)
    {
        _changed.Enqueue(name);
        // A session or child process opened for the old definition (or a removed target) must not outlive it.
        // Every probe hears it: the target may have changed kind. Forgetting an unknown name is a no-op.
        foreach (var probe in _probes.Values)
        {
            _ = ForgetAsync(probe, name);
        }
    }

    private async Task ForgetAsync(IProbe probe, string name)
    {
        try
        {
            await probe.ForgetAsync(name).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Closing what the {Kind} probe kept open for {Target} failed", probe.Kind, name);
        }
    }

    /// <summary>Starts every probe that is due now and returns their tasks (tests await them).</summary>
    public IReadOnlyList<Task> Tick()
    {
        var now = _time.GetUtcNow().UtcTicks;
        while (_changed.TryDequeue(out var name))
        {
            _schedule.Set(name, _monitor.TryGetRuntime(name, out var runtime) ? runtime : null, now);
        }

        List<Task>? started = null;
        while (_schedule.TryTakeDue(now, out var runtime, out var due))
        {
            if (!runtime.TryBeginProbe())
            {
                Interlocked.Increment(ref _skippedBusy);
                continue;
            }

            Interlocked.Increment(ref _inFlight);
            (started ??= []).Add(RunProbeAsync(runtime, due));
        }

        return started ?? (IReadOnlyList<Task>)[];
    }

    private async Task RunProbeAsync(TargetRuntime runtime, long dueTicks)
    {
        try
        {
            await _concurrency.WaitAsync(_stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            EndProbe(runtime);
            return;
        }

        try
        {
            Lag.Record(TimeSpan.FromTicks(Math.Max(0, _time.GetUtcNow().UtcTicks - dueTicks)));
            Interlocked.Increment(ref _started);
            var result = await ProbeOnceAsync(runtime.Definition, _stopping).ConfigureAwait(false);
            if (!_monitor.TryGetRuntime(runtime.Definition.Name, out _) && _probes.TryGetValue(runtime.Definition.Kind, out var probe))
            {
                // Removed while this probe waited or ran: it may have opened a session after the removal's ForgetAsync.
                await ForgetAsync(probe, runtime.Definition.Name).ConfigureAwait(false);
            }
            else if (!_stopping.IsCancellationRequested)
            {
                _monitor.ApplyResult(runtime, result);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Applying the result of {Target} failed", runtime.Definition.Name);
        }
        finally
        {
            _concurrency.Release();
            EndProbe(runtime);
        }
    }

    private void EndProbe(TargetRuntime runtime)
    {
        runtime.EndProbe();
        Interlocked.Decrement(ref _inFlight);
    }

    /// <summary>Runs one probe bounded by the target's timeout; turns every failure into a result.</summary>
    public async Task<ProbeResult> ProbeOnceAsync(TargetDefinition target, CancellationToken stopping)
    {
        var start = _time.GetTimestamp();
        if (!_probes.TryGetValue(target.Kind, out var probe))
        {
            return ProbeResult.Fail(TimeSpan.Zero, $"no probe is registered for kind {target.Kind}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task<ProbeResult>? probing = null;
        try
        {
            // WaitAsync bounds even a probe that ignores its token.
            probing = probe.ProbeAsync(target, timeout.Token);
            return await probing.WaitAsync(target.Timeout, _time, stopping).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            return ProbeResult.Fail(_time.GetElapsedTime(start), $"timed out after {Duration.Format(target.Timeout)}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return ProbeResult.Fail(_time.GetElapsedTime(start), ex.Message);
        }
        finally
        {
            // Only a probe still running (timed out, or the host stopping) needs its token cancelled; cancelling
            // on every probe cost a thread-pool hop per result at 10k probes/s.
            if (probing is null || !probing.IsCompleted)
            {
                await timeout.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>A stable offset inside the interval, so restarts keep a target's slot.</summary>
    internal static long Phase(string name, TimeSpan interval) => StablePhase.Of(name, interval);

    public override void Dispose()
    {
        _concurrency.Dispose();
        base.Dispose();
    }
}

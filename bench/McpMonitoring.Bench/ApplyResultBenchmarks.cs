using BenchmarkDotNet.Attributes;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.History;
using McpMonitoring.Engine.Streaming;
using Microsoft.Extensions.Options;
using Prometheus;

namespace McpMonitoring.Bench;

/// <summary>
/// The per-result hot path: what the console does with one probe result after the probe returned
/// (state + cascade check + event-stream touch, then the history and metrics sinks).
/// Each operation applies one result to the next target of a fleet, round-robin, as the scheduler does.
/// </summary>
[MemoryDiagnoser]
public class ApplyResultBenchmarks
{
    private readonly ProbeResult _ok = ProbeResult.Ok(TimeSpan.FromMilliseconds(1.5));
    private TargetRuntime[] _runtimes = [];
    private HealthMonitor _bare = null!;
    private HealthMonitor _full = null!;
    private ProbeHistory _history = null!;
    private ProbeMetrics _metrics = null!;
    private IDisposable? _page;
    private int _next;

    /// <summary>Fleet size: the cost per result must not grow with it.</summary>
    [Params(10_000)]
    public int Targets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new MonitoringOptions());
        var events = new MonitoringEventStream(TimeProvider.System, options);
        // An open Overview page: every result signals its throttler.
        _page = events.Subscribe(EventTopics.All, () => Task.CompletedTask);
        _history = new ProbeHistory(options);
        _metrics = new ProbeMetrics(Metrics.NewCustomRegistry());
        var definitions = Enumerable.Range(0, Targets).Select(i => new TargetDefinition
        {
            Name = $"t{i:000000}",
            Kind = TargetKind.Http,
            Url = $"http://127.0.0.1:18080/ok?t={i}",
            Interval = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(5),
        }).ToList();

        _bare = new HealthMonitor(events, TimeProvider.System, [], options);
        _bare.UpsertMany(definitions, TargetSource.Config);
        _full = new HealthMonitor(events, TimeProvider.System, [_history, _metrics], options);
        _full.UpsertMany(definitions, TargetSource.Config);
        _runtimes = [.. definitions.Select(d => { _full.TryGetRuntime(d.Name, out var r); return r; })];

        // Warm every series and reach the steady state (all Healthy), as in a running console.
        foreach (var runtime in _runtimes)
        {
            _full.ApplyResult(runtime, _ok);
            _bare.TryGetRuntime(runtime.Definition.Name, out var bare);
            _bare.ApplyResult(bare, _ok);
        }

        Drain();
    }

    [GlobalCleanup]
    public void Cleanup() => _page?.Dispose();

    private TargetRuntime Next()
    {
        var runtime = _runtimes[_next];
        _next = _next + 1 == _runtimes.Length ? 0 : _next + 1;
        return runtime;
    }

    /// <summary>The history writer's side: keeps the bounded channel from filling (and dropping) during a run.</summary>
    private void Drain()
    {
        while (_history.Reader.TryRead(out _))
        {
        }
    }

    [Benchmark(Description = "ApplyResult, no sinks (state + events)")]
    public void ApplyResultStateOnly()
    {
        var runtime = Next();
        _bare.TryGetRuntime(runtime.Definition.Name, out var bare);
        _bare.ApplyResult(bare, _ok);
    }

    [Benchmark(Description = "ProbeHistory.Record")]
    public void HistoryRecord()
    {
        _history.Record(Next().Definition, DateTimeOffset.UtcNow, _ok);
        if (_next % 1024 == 0)
        {
            Drain();
        }
    }

    [Benchmark(Description = "ProbeMetrics.Record")]
    public void MetricsRecord() => _metrics.Record(Next().Definition, DateTimeOffset.UtcNow, _ok);

    [Benchmark(Baseline = true, Description = "ApplyResult + history + metrics")]
    public void ApplyResultFull()
    {
        _full.ApplyResult(Next(), _ok);
        if (_next % 1024 == 0)
        {
            Drain();
        }
    }
}

using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Scheduling;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpMonitoring.Tests.Unit.Health.Scheduling;

public sealed class ProbeSchedulerTests
{
    private readonly EngineFixture _engine;
    private readonly ScriptedProbe _probe;
    private readonly ProbeScheduler _scheduler;

    public ProbeSchedulerTests() : this(new MonitoringOptions())
    {
    }

    private ProbeSchedulerTests(MonitoringOptions options)
    {
        _engine = new EngineFixture(options);
        _probe = new ScriptedProbe { Time = _engine.Time };
        _scheduler = new ProbeScheduler(_engine.Monitor, [_probe], _engine.Time, _engine.Options, NullLogger<ProbeScheduler>.Instance);
    }

    private static ProbeSchedulerTests WithOptions(MonitoringOptions options) => new(options);

    /// <summary>Advances the fake clock in scheduler ticks, running every probe that falls due.</summary>
    private async Task RunForAsync(TimeSpan duration, TimeSpan? step = null)
    {
        var tick = step ?? TimeSpan.FromMilliseconds(10);
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += tick)
        {
            _engine.Time.Advance(tick);
            var started = _scheduler.Tick();
            await Task.WhenAll(started.Where(t => t.IsCompleted));
        }
    }

    /// <summary>
    /// Advances the clock until <paramref name="condition"/> holds. Work woken by the clock (a semaphore slot
    /// freed at a timeout) continues on the thread pool, so each step yields before moving time on.
    /// </summary>
    private async Task AdvanceUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        for (var elapsed = TimeSpan.Zero; !condition(); elapsed += TimeSpan.FromMilliseconds(10))
        {
            Assert.True(elapsed < limit, "condition not reached within the fake-time limit");
            await Task.Yield();
            SpinWait.SpinUntil(condition, TimeSpan.FromMilliseconds(1));
            _engine.Time.Advance(TimeSpan.FromMilliseconds(10));
            _scheduler.Tick();
        }
    }

    [Fact]
    public async Task Tick_OverSeveralIntervals_ProbesEachTargetOncePerInterval()
    {
        _engine.Add("a");
        _engine.Add("b");
        _scheduler.Tick();

        await RunForAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(3, _probe.CallsFor("a"));
        Assert.Equal(3, _probe.CallsFor("b"));
    }

    [Fact]
    public async Task Tick_Late_NextSlotKeepsPhaseWithoutDrift()
    {
        _engine.Add("a");
        _scheduler.Tick();
        var phase = ProbeScheduler.Phase("a", TimeSpan.FromSeconds(10));

        // Ticks every 70 ms: each probe starts up to 70 ms late, yet the slots stay on the 10 s grid.
        await RunForAsync(TimeSpan.FromSeconds(41), TimeSpan.FromMilliseconds(70));

        var start = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero).UtcTicks + phase;
        var calls = _probe.Calls.Select(c => c.At.UtcTicks).ToList();
        Assert.Equal(4, calls.Count);
        for (var i = 0; i < calls.Count; i++)
        {
            var due = start + (i * TimeSpan.FromSeconds(10).Ticks);
            Assert.InRange(calls[i] - due, 0, TimeSpan.FromMilliseconds(70).Ticks);
        }
    }

    [Fact]
    public async Task Probe_HangingTarget_DoesNotDelayOthersAndTimesOut()
    {
        _engine.Add("slow");
        _engine.Add("fast");
        _probe.Hang["slow"] = true;
        _scheduler.Tick();

        await RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HealthStatus.Healthy, _engine.StatusOf("fast"));
        var slowCall = _probe.Calls.First(c => c.Target == "slow").At;
        // Two seconds after it started, the slow probe is cut off at its timeout and counted as failed.
        Wait.Until(() => { lock (_engine.Sink.Results) { return _engine.Sink.Results.Any(r => r.Target == "slow"); } }, "the slow probe's result is recorded");
        var result = _engine.Sink.Results.First(r => r.Target == "slow").Result;
        Assert.NotNull(result);
        Assert.False(result.Success);
        Assert.Equal("timed out after 2s", result.Error);
        Assert.True(_engine.Time.GetUtcNow() - slowCall >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Tick_ConcurrencyLimit_NeverExceeded()
    {
        var test = WithOptions(new MonitoringOptions { Probing = new ProbingOptions { MaxConcurrentProbes = 2 } });
        for (var i = 0; i < 6; i++)
        {
            test._engine.Add($"t{i}");
            test._probe.Hang[$"t{i}"] = true;
        }

        test._scheduler.Tick();
        await test.RunForAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, test._probe.MaxConcurrent);
        // The hung ones time out and free their slots, so everyone gets probed eventually.
        await test.AdvanceUntilAsync(() => Enumerable.Range(0, 6).All(i => test._probe.CallsFor($"t{i}") >= 1), TimeSpan.FromMinutes(2));
        Assert.Equal(2, test._probe.MaxConcurrent);
    }

    [Fact]
    public async Task Remove_Target_NoLongerProbed()
    {
        _engine.Add("a");
        _scheduler.Tick();
        await RunForAsync(TimeSpan.FromSeconds(10));
        var before = _probe.CallsFor("a");

        _engine.Monitor.Remove("a");
        await RunForAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(before, _probe.CallsFor("a"));
    }

    [Fact]
    public async Task Upsert_ChangedInterval_TakesEffect()
    {
        _engine.Add("a");
        _scheduler.Tick();
        var faster = EngineFixture.Http("a");
        faster.Interval = TimeSpan.FromSeconds(1);
        faster.Timeout = TimeSpan.FromMilliseconds(500);
        _engine.Monitor.Upsert(faster, TargetSource.Api);

        await RunForAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(_probe.CallsFor("a"), 9, 11);
    }

    [Fact]
    public async Task Tick_Lag_Recorded()
    {
        _engine.Add("a");
        _scheduler.Tick();
        await RunForAsync(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50));

        Assert.Equal(2, _scheduler.Lag.Count);
        Assert.InRange(_scheduler.Lag.Quantile(0.99).TotalMilliseconds, 1, 51);
    }

    [Fact]
    public void Phase_StableAndWithinInterval()
    {
        var interval = TimeSpan.FromSeconds(15);
        Assert.Equal(ProbeScheduler.Phase("orders-api", interval), ProbeScheduler.Phase("orders-api", interval));
        var phases = Enumerable.Range(0, 1000).Select(i => ProbeScheduler.Phase($"t{i}", interval)).ToList();
        Assert.All(phases, p => Assert.InRange(p, 0, interval.Ticks - 1));
        // Spread: the targets do not all land in the same second.
        Assert.True(phases.Select(p => p / TimeSpan.TicksPerSecond).Distinct().Count() >= 14);
    }
}

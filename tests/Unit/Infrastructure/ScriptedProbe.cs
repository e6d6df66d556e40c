using System.Collections.Concurrent;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Probes;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// A probe whose answers the test scripts per target: succeed, fail, or hang until released. It stands in
/// for the network so scheduler tests can run on a fake clock; real probes have their own integration tests.
/// </summary>
internal sealed class ScriptedProbe : IProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ProbeResult>> _hanging = new();
    private int _running;

    public ConcurrentDictionary<string, bool> Hang { get; } = new();

    public ConcurrentQueue<(string Target, DateTimeOffset At)> Calls { get; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public int MaxConcurrent { get; private set; }

    public TargetKind Kind => TargetKind.Http;

    public async Task<ProbeResult> ProbeAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        Calls.Enqueue((target.Name, Time.GetUtcNow()));
        var running = Interlocked.Increment(ref _running);
        lock (this)
        {
            MaxConcurrent = Math.Max(MaxConcurrent, running);
        }

        try
        {
            if (Hang.GetValueOrDefault(target.Name))
            {
                // Continuations run inline so a cancelled probe has finished by the time the scheduler's
                // CancelAsync returns, as a well-behaved probe does; the concurrency test relies on that.
                var tcs = new TaskCompletionSource<ProbeResult>();
                _hanging[target.Name] = tcs;
                await using var registration = cancellationToken.Register(() => tcs.TrySetCanceled(cancellationToken));
                return await tcs.Task;
            }

            return ProbeResult.Ok(TimeSpan.FromMilliseconds(5));
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public int CallsFor(string target) => Calls.Count(c => c.Target == target);
}

using System.Numerics;

namespace McpMonitoring.Engine.Health;

/// <summary>
/// Turns a stream of probe results into a status without flapping: a single failed probe changes nothing,
/// repeated failures within the recent window make a target Degraded, <see cref="TargetDefinition.FailureThreshold"/>
/// consecutive failures make it Unhealthy, and it takes <see cref="TargetDefinition.RecoveryThreshold"/>
/// consecutive successes to come back.
/// </summary>
/// <remarks>Not thread-safe: the scheduler never runs two probes of one target at once.</remarks>
public sealed class HealthTracker
{
    /// <summary>How many recent results count towards "intermittent".</summary>
    public const int WindowSize = 10;

    /// <summary>Failures within the window that make a passing target Degraded.</summary>
    public const int IntermittentFailures = 2;

    private uint _window;
    private int _windowCount;

    public HealthStatus Status { get; private set; } = HealthStatus.Unknown;

    public int ConsecutiveFailures { get; private set; }

    public int ConsecutiveSuccesses { get; private set; }

    public int RecentFailures => BitOperations.PopCount(_window & WindowMask);

    private static uint WindowMask => (1u << WindowSize) - 1;

    public HealthStatus Apply(ProbeResult result, TargetDefinition target)
    {
        _window = (_window << 1) | (result.Success ? 0u : 1u);
        _windowCount = Math.Min(_windowCount + 1, WindowSize);
        if (result.Success)
        {
            ConsecutiveSuccesses++;
            ConsecutiveFailures = 0;
        }
        else
        {
            ConsecutiveFailures++;
            ConsecutiveSuccesses = 0;
        }

        Status = Next(result, target);
        return Status;
    }

    private HealthStatus Next(ProbeResult result, TargetDefinition target)
    {
        var intermittent = RecentFailures >= IntermittentFailures;
        if (result.Success)
        {
            if (Status == HealthStatus.Unhealthy)
            {
                if (ConsecutiveSuccesses < target.RecoveryThreshold)
                {
                    return HealthStatus.Unhealthy;
                }

                // Recovered: the outage's failures say nothing about intermittency from here on.
                _window = 0;
                intermittent = false;
            }

            return intermittent || result.Latency > target.EffectiveDegradedLatency
                ? HealthStatus.Degraded
                : HealthStatus.Healthy;
        }

        if (ConsecutiveFailures >= target.FailureThreshold)
        {
            return HealthStatus.Unhealthy;
        }

        return Status switch
        {
            HealthStatus.Unknown or HealthStatus.Unhealthy => Status,
            _ => intermittent ? HealthStatus.Degraded : Status,
        };
    }
}

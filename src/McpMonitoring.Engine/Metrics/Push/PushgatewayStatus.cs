namespace McpMonitoring.Engine.Metrics.Push;

/// <summary>The push's state at one moment, as the summary endpoint and pages show it.</summary>
/// <param name="Enabled">False when <c>PROMETHEUS_PUSHGATEWAY</c> is unset; the other fields are then empty.</param>
/// <param name="Target">The group URL pushed to (<c>.../metrics/job/{job}/instance/{instance}</c>), without credentials.</param>
/// <param name="LastError">The last failure's reason; null once a push succeeds again.</param>
public sealed record PushgatewayState(
    bool Enabled,
    string? Target = null,
    TimeSpan? Interval = null,
    DateTimeOffset? LastAttemptAt = null,
    DateTimeOffset? LastSuccessAt = null,
    DateTimeOffset? LastFailureAt = null,
    string? LastError = null,
    int ConsecutiveFailures = 0,
    long Pushes = 0,
    long Failures = 0);

/// <summary>Thread-safe holder of the latest <see cref="PushgatewayState"/>; the pusher writes it, anyone reads <see cref="Current"/>.</summary>
public sealed class PushgatewayStatus
{
    private readonly Lock _lock = new();
    private PushgatewayState _current = new(Enabled: false);

    public PushgatewayState Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    internal void Start(string target, TimeSpan interval)
    {
        lock (_lock)
        {
            _current = new PushgatewayState(true, target, interval);
        }
    }

    /// <summary>Records a successful push; returns how many failures in a row it ends (0 when none).</summary>
    internal int Succeeded(DateTimeOffset at)
    {
        lock (_lock)
        {
            var ended = _current.ConsecutiveFailures;
            _current = _current with { LastAttemptAt = at, LastSuccessAt = at, LastError = null, ConsecutiveFailures = 0, Pushes = _current.Pushes + 1 };
            return ended;
        }
    }

    /// <summary>Records a failed push; returns true when it is the first of a run (the state changed).</summary>
    internal bool Failed(DateTimeOffset at, string error)
    {
        lock (_lock)
        {
            var first = _current.ConsecutiveFailures == 0;
            _current = _current with
            {
                LastAttemptAt = at,
                LastFailureAt = at,
                LastError = error,
                ConsecutiveFailures = _current.ConsecutiveFailures + 1,
                Pushes = _current.Pushes + 1,
                Failures = _current.Failures + 1,
            };
            return first;
        }
    }
}

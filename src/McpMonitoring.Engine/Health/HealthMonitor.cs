using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Health;

/// <summary>
/// The latest state of every target, kept in memory. Applies probe results, works out the dependency
/// cascade (a failing target whose dependency is Unhealthy is Impacted, with the root cause named) and
/// publishes transitions on the event stream. History and metrics are someone else's job (<see cref="IProbeResultSink"/>).
/// </summary>
public sealed partial class HealthMonitor
{
    private readonly ConcurrentDictionary<string, TargetRuntime> _targets = new(StringComparer.Ordinal);
    private readonly MonitoringEventStream _events;
    private readonly TimeProvider _time;
    private readonly IProbeResultSink[] _sinks;
    private readonly Lock _graphLock = new();
    private readonly int[] _counts = new int[Enum.GetValues<HealthStatus>().Length];
    private readonly LinkedList<TargetStatusChanged> _recentChanges = new();
    private readonly int _recentCapacity;
    private readonly Dictionary<string, List<string>> _dependents = new(StringComparer.Ordinal);
    private int _nextVersion;

    public HealthMonitor(MonitoringEventStream events, TimeProvider time, IEnumerable<IProbeResultSink> sinks, IOptions<MonitoringOptions> options)
    {
        _events = events;
        _time = time;
        _sinks = [.. sinks];
        _recentCapacity = options.Value.RecentChangesCapacity;
    }

    /// <summary>Raised (outside any lock) when a target is added, changed or removed, so the scheduler can react.</summary>
    public event Action<string>? DefinitionChanged;

    public int Count => _targets.Count;

    public IEnumerable<TargetRuntime> Runtimes => _targets.Values;

    public bool TryGetRuntime(string name, out TargetRuntime runtime) => _targets.TryGetValue(name, out runtime!);

    public TargetState? Get(string name) => _targets.TryGetValue(name, out var runtime) ? runtime.ToState() : null;

    public IReadOnlyList<TargetState> GetAll() =>
        [.. _targets.Values.Select(r => r.ToState()).OrderBy(s => s.Name, StringComparer.Ordinal)];

    public IReadOnlyList<TargetDefinition> GetDefinitions() => [.. _targets.Values.Select(r => r.Definition)];

    public HealthCounts GetCounts()
    {
        lock (_graphLock)
        {
            return new HealthCounts(
                _targets.Count,
                _counts[(int)HealthStatus.Healthy],
                _counts[(int)HealthStatus.Degraded],
                _counts[(int)HealthStatus.Unhealthy],
                _counts[(int)HealthStatus.Impacted],
                _counts[(int)HealthStatus.Unknown]);
        }
    }

    /// <summary>The most recent status transitions, newest first.</summary>
    public IReadOnlyList<TargetStatusChanged> GetRecentChanges(int max = int.MaxValue)
    {
        lock (_recentChanges)
        {
            return [.. _recentChanges.Take(max)];
        }
    }

    /// <summary>Adds or replaces a target. The caller has validated it and the graph it joins.</summary>
    public void Upsert(TargetDefinition definition, TargetSource source) => UpsertMany([definition], source);

    /// <summary>Adds or replaces many targets at once (start-up, bulk import): one lock, one event each.</summary>
    public void UpsertMany(IReadOnlyCollection<TargetDefinition> definitions, TargetSource source)
    {
        var changes = new List<(string Name, ConfigurationChange Change)>(definitions.Count);
        lock (_graphLock)
        {
            foreach (var definition in definitions)
            {
                var runtime = new TargetRuntime(definition.Clone(), source, Interlocked.Increment(ref _nextVersion));
                if (_targets.TryGetValue(definition.Name, out var previous))
                {
                    _counts[(int)previous.Status]--;
                    RemoveEdges(previous.Definition);
                    changes.Add((definition.Name, ConfigurationChange.Updated));
                }
                else
                {
                    changes.Add((definition.Name, ConfigurationChange.Added));
                }

                _targets[definition.Name] = runtime;
                _counts[(int)HealthStatus.Unknown]++;
                AddEdges(runtime.Definition);
            }

            // A replaced target starts from Unknown; its dependents may no longer be Impacted through it.
            foreach (var (name, change) in changes)
            {
                if (change == ConfigurationChange.Updated)
                {
                    RecomputeFrom(name);
                }
            }
        }

        var now = _time.GetUtcNow();
        foreach (var (name, change) in changes)
        {
            _events.Publish(new TargetConfigurationChanged(name, change, now));
            DefinitionChanged?.Invoke(name);
        }
    }

    public bool Remove(string name)
    {
        lock (_graphLock)
        {
            if (!_targets.TryRemove(name, out var removed))
            {
                return false;
            }

            _counts[(int)removed.Status]--;
            var dependents = TransitiveDependents(name);
            RemoveEdges(removed.Definition);
            foreach (var dependent in dependents)
            {
                Recompute(dependent);
            }
        }

        foreach (var sink in _sinks)
        {
            sink.Forget(name);
        }

        _events.Publish(new TargetConfigurationChanged(name, ConfigurationChange.Removed, _time.GetUtcNow()));
        DefinitionChanged?.Invoke(name);
        return true;
    }

    /// <summary>Applies one probe result; ignored when the target changed since the probe started.</summary>
    public void ApplyResult(TargetRuntime runtime, ProbeResult result)
    {
        var now = _time.GetUtcNow();
        bool ownChanged;
        McpToolsDrifted? drift = null;
        lock (runtime)
        {
            if (!_targets.TryGetValue(runtime.Definition.Name, out var current) || !ReferenceEquals(current, runtime))
            {
                return;
            }

            var own = runtime.Tracker.Apply(result, runtime.Definition);
            runtime.LastCheckedAt = now;
            runtime.LastLatencyMs = result.Latency.TotalMilliseconds;
            runtime.LastError = result.Error;
            if (result.Mcp is { } mcp)
            {
                if (runtime.Mcp is { } before && before.ToolsHash != mcp.ToolsHash)
                {
                    drift = new McpToolsDrifted(runtime.Definition.Name, before.ToolsHash, mcp.ToolsHash, before.ToolCount, mcp.ToolCount, now);
                }

                runtime.Mcp = mcp;
            }

            ownChanged = own != runtime.OwnStatus;
            if (ownChanged)
            {
                runtime.OwnStatus = own;
            }
        }

        if (ownChanged)
        {
            lock (_graphLock)
            {
                RecomputeFrom(runtime.Definition.Name);
            }
        }

        if (drift is not null)
        {
            _events.Publish(drift);
        }

        foreach (var sink in _sinks)
        {
            sink.Record(runtime.Definition, now, result);
        }
        _events.Touch(EventTopics.ProbeResults);
    }

    /// <summary>
    /// Snapshot-then-changes for external clients: the watcher is registered before the snapshot is taken,
    /// so a change is either in the snapshot or in the stream (possibly both, never neither).
    /// </summary>
    public (IReadOnlyList<TargetState> Snapshot, MonitoringEventStream.EventWatcher Changes) Subscribe(EventTopics topics = EventTopics.Health)
    {
        var watcher = _events.Watch(topics | EventTopics.Health);
        return (GetAll(), watcher);
    }
}

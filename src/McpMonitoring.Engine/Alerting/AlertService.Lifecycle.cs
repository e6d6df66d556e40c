using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Alerting;

public sealed partial class AlertService
{
    /// <summary>
    /// Takes alerts from a source: creates, updates, reopens or (with an <c>EndsAt</c> in the past) resolves them.
    /// Returns once every resulting change is committed. Inputs must have been validated (<see cref="AlertInputValidator"/>).
    /// </summary>
    public async Task<IReadOnlyList<AlertSnapshot>> IngestAsync(IReadOnlyList<AlertInput> inputs, string source, string actor)
    {
        EnsureLoaded();
        var now = _time.GetUtcNow();
        var batch = new ChangeBatch(this);
        var results = new List<AlertSnapshot>(inputs.Count);
        lock (_lock)
        {
            foreach (var input in inputs)
            {
                results.Add(IngestOne(input, source, actor, now, batch));
            }
        }

        await CommitAsync(batch).ConfigureAwait(false);
        return results;
    }

    private AlertSnapshot IngestOne(AlertInput input, string source, string actor, DateTimeOffset now, ChangeBatch batch)
    {
        var fingerprint = Fingerprint.Of(input.Labels);
        var severity = input.Severity
            ?? (input.Labels.TryGetValue(AlertLabels.Severity, out var s) && AlertSeverities.TryParse(s, out var parsed) ? parsed : AlertSeverity.Warning);
        var endsAt = input.EndsAt ?? (source == AlertSources.Alertmanager ? now + _options.ResolveTimeout : null);
        var resolvedNow = input.EndsAt is { } e && e <= now;

        if (!_byFingerprint.TryGetValue(fingerprint, out var runtime))
        {
            if (resolvedNow)
            {
                // A sender resolving an alert we never saw (or already forgot): nothing to do.
                return Transient(fingerprint, input, severity, source, now);
            }

            runtime = new AlertRuntime
            {
                Id = ++_nextId,
                Fingerprint = fingerprint,
                Labels = new Dictionary<string, string>(input.Labels, StringComparer.Ordinal),
                Annotations = new Dictionary<string, string>(input.Annotations, StringComparer.Ordinal),
                Severity = severity,
                Source = source,
                StartsAt = input.StartsAt ?? now,
                LastReceivedAt = now,
                EndsAt = endsAt,
                For = input.For,
                GeneratorUrl = input.GeneratorUrl,
                State = input.For > TimeSpan.Zero ? AlertState.Pending : AlertState.Firing,
            };
            if (runtime.State == AlertState.Firing)
            {
                runtime.FiringSince = now;
            }

            runtime.Suppression = EvaluateSuppression(runtime, now);
            _byFingerprint[fingerprint] = runtime;
            _byId[runtime.Id] = runtime;
            batch.Add(runtime, AlertChangeKind.Created, actor, null, now);
            return runtime.ToSnapshot();
        }

        runtime.LastReceivedAt = now;
        if (runtime.State == AlertState.Resolved)
        {
            if (resolvedNow)
            {
                return runtime.ToSnapshot();
            }

            runtime.Occurrences++;
            runtime.State = input.For > TimeSpan.Zero ? AlertState.Pending : AlertState.Firing;
            runtime.StartsAt = input.StartsAt is { } started && started > (runtime.ResolvedAt ?? DateTimeOffset.MinValue) ? started : now;
            runtime.FiringSince = runtime.State == AlertState.Firing ? now : null;
            runtime.ResolvedAt = null;
            runtime.ResolvedBy = null;
            runtime.Acknowledgement = null;
            runtime.For = input.For;
            runtime.EndsAt = endsAt;
            runtime.Severity = severity;
            runtime.Annotations = new Dictionary<string, string>(input.Annotations, StringComparer.Ordinal);
            runtime.Suppression = EvaluateSuppression(runtime, now);
            batch.Add(runtime, AlertChangeKind.Reopened, actor, null, now);
            return runtime.ToSnapshot();
        }

        if (resolvedNow)
        {
            ResolveLocked(runtime, actor, null, now, batch);
            return runtime.ToSnapshot();
        }

        runtime.EndsAt = endsAt;
        var annotationsChanged = !SameLabels(runtime.Annotations, input.Annotations);
        if (annotationsChanged || runtime.Severity != severity)
        {
            runtime.Annotations = new Dictionary<string, string>(input.Annotations, StringComparer.Ordinal);
            runtime.Severity = severity;
            batch.Add(runtime, AlertChangeKind.Updated, actor, null, now);
        }

        // A plain re-send (Prometheus repeats active alerts every evaluation) changes nothing durable.
        return runtime.ToSnapshot();
    }

    /// <summary>Acknowledges an alert; repeating the same acknowledgement changes nothing.</summary>
    public async Task<AlertOperation> AcknowledgeAsync(long id, string by, string? comment, DateTimeOffset? snoozeUntil)
    {
        EnsureLoaded();
        var now = _time.GetUtcNow();
        var batch = new ChangeBatch(this);
        AlertSnapshot snapshot;
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out var runtime))
            {
                return AlertOperation.NotFound;
            }

            if (runtime.State == AlertState.Resolved)
            {
                return AlertOperation.Conflict($"alert {id} is resolved; there is nothing to acknowledge.", runtime.ToSnapshot());
            }

            if (snoozeUntil is { } until && until <= now)
            {
                return AlertOperation.Invalid("snoozeUntil", "snoozeUntil must be in the future.");
            }

            var current = runtime.Acknowledgement;
            if (runtime.State == AlertState.Acknowledged && current is not null && current.By == by && current.Comment == comment && current.SnoozeUntil == snoozeUntil)
            {
                return AlertOperation.Unchanged(runtime.ToSnapshot());
            }

            runtime.Acknowledgement = new Acknowledgement(by, now, comment, snoozeUntil);
            runtime.State = AlertState.Acknowledged;
            var note = snoozeUntil is { } s ? $"{comment} (snoozed until {s:O})".Trim() : comment;
            batch.Add(runtime, AlertChangeKind.Acknowledged, by, note, now);
            snapshot = runtime.ToSnapshot();
        }

        await CommitAsync(batch).ConfigureAwait(false);
        return AlertOperation.Changed(snapshot);
    }

    /// <summary>Resolves an alert by hand; resolving a resolved alert changes nothing.</summary>
    public async Task<AlertOperation> ResolveAsync(long id, string by, string? comment)
    {
        EnsureLoaded();
        var now = _time.GetUtcNow();
        var batch = new ChangeBatch(this);
        AlertSnapshot snapshot;
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out var runtime))
            {
                return AlertOperation.NotFound;
            }

            if (runtime.State == AlertState.Resolved)
            {
                return AlertOperation.Unchanged(runtime.ToSnapshot());
            }

            ResolveLocked(runtime, by, comment, now, batch);
            snapshot = runtime.ToSnapshot();
        }

        await CommitAsync(batch).ConfigureAwait(false);
        return AlertOperation.Changed(snapshot);
    }

    /// <summary>The condition behind matching open alerts cleared (a target recovered): resolve them as the system.</summary>
    public async Task<int> ResolveWhereAsync(Func<AlertSnapshot, bool> predicate, string comment)
    {
        EnsureLoaded();
        var now = _time.GetUtcNow();
        var batch = new ChangeBatch(this);
        lock (_lock)
        {
            foreach (var runtime in _byId.Values)
            {
                if (runtime.State != AlertState.Resolved && predicate(runtime.ToSnapshot()))
                {
                    ResolveLocked(runtime, SystemActor, comment, now, batch);
                }
            }
        }

        await CommitAsync(batch).ConfigureAwait(false);
        return batch.Count;
    }

    private static void ResolveLocked(AlertRuntime runtime, string by, string? comment, DateTimeOffset now, ChangeBatch batch)
    {
        runtime.State = AlertState.Resolved;
        runtime.ResolvedAt = now;
        runtime.ResolvedBy = by;
        runtime.Suppression = null;
        batch.Add(runtime, AlertChangeKind.Resolved, by, comment, now);
    }

    /// <summary>
    /// Time-driven transitions: pending past its <c>for</c>, snoozes that ran out, senders gone quiet, suppression.
    /// When it returns, every transition that was due is committed.
    /// </summary>
    public async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        if (!_loaded)
        {
            return;
        }

        // The timer, health events and callers all evaluate. Serialized, because a caller that finds the work
        // already done by a concurrent run must not return before that run has committed it.
        await _evaluation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EvaluateCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _evaluation.Release();
        }
    }

    private async Task EvaluateCoreAsync(CancellationToken cancellationToken)
    {

        var now = _time.GetUtcNow();
        var batch = new ChangeBatch(this);
        lock (_lock)
        {
            foreach (var runtime in _byId.Values)
            {
                if (runtime.State == AlertState.Resolved)
                {
                    continue;
                }

                if (runtime.EndsAt is { } endsAt && endsAt <= now)
                {
                    ResolveLocked(runtime, SystemActor, "the sender stopped reporting it (resolve timeout)", now, batch);
                    continue;
                }

                if (runtime.State == AlertState.Pending && runtime.StartsAt + runtime.For <= now)
                {
                    runtime.State = AlertState.Firing;
                    runtime.FiringSince = now;
                    batch.Add(runtime, AlertChangeKind.Firing, SystemActor, $"condition held for {Configuration.Duration.Format(runtime.For)}", now);
                }

                if (runtime.State == AlertState.Acknowledged && runtime.Acknowledgement?.SnoozeUntil is { } until && until <= now)
                {
                    runtime.State = AlertState.Firing;
                    runtime.Acknowledgement = null;
                    batch.Add(runtime, AlertChangeKind.Unacknowledged, SystemActor, "snooze ended", now);
                }

                var suppression = EvaluateSuppression(runtime, now);
                if (suppression != runtime.Suppression)
                {
                    runtime.Suppression = suppression;
                    batch.Add(runtime, AlertChangeKind.SuppressionChanged, SystemActor, suppression?.Reason ?? "no longer suppressed", now, persist: false);
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        await CommitAsync(batch).ConfigureAwait(false);
    }

    private SuppressionInfo? EvaluateSuppression(AlertRuntime runtime, DateTimeOffset now)
    {
        foreach (var evaluator in Evaluators)
        {
            if (evaluator.Evaluate(runtime.Labels, now) is { } suppression)
            {
                return suppression;
            }
        }

        return null;
    }

    private async Task CommitAsync(ChangeBatch batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        await _store.SaveAsync(batch.Entities, batch.Events).ConfigureAwait(false);
        // Published only once durable: a notifier never announces what a crash could take back.
        foreach (var change in batch.Published)
        {
            _events.Publish(change);
        }
    }

    private static AlertSnapshot Transient(string fingerprint, AlertInput input, AlertSeverity severity, string source, DateTimeOffset now) =>
        new(0, fingerprint, input.Labels.GetValueOrDefault(AlertLabels.AlertName, ""), severity, AlertState.Resolved, input.Labels,
            input.Annotations, source, input.StartsAt ?? now, null, now, input.EndsAt, SystemActor, null, 0, null, input.GeneratorUrl);

    private static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>Changes gathered under the lock, committed and published after it.</summary>
    private sealed class ChangeBatch(AlertService owner)
    {
        private readonly Dictionary<long, AlertEntity> _entities = [];

        public List<AlertEventEntity> Events { get; } = [];

        public List<AlertChanged> Published { get; } = [];

        public IReadOnlyList<AlertEntity> Entities => [.. _entities.Values];

        public int Count => Published.Count;

        public void Add(AlertRuntime runtime, AlertChangeKind kind, string actor, string? comment, DateTimeOffset now, bool persist = true)
        {
            if (kind is not (AlertChangeKind.SuppressionChanged or AlertChangeKind.Updated))
            {
                // Every state change goes through here, right after it: derived views of the firing set are stale.
                Interlocked.Increment(ref owner._firingVersion);
            }

            var snapshot = runtime.ToSnapshot();
            if (persist)
            {
                _entities[runtime.Id] = AlertMapping.ToEntity(runtime);
                Events.Add(new AlertEventEntity { AlertId = runtime.Id, AtMs = now.ToUnixTimeMilliseconds(), Kind = kind.ToString(), Actor = actor, Comment = comment });
            }

            Published.Add(new AlertChanged(snapshot, kind, actor, comment, now));
        }
    }
}

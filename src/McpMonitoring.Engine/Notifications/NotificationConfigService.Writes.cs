using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Notifications;

public enum ConfigWriteOutcome
{
    Created,
    Updated,
    Deleted,
    NotFound,
    Conflict,
    Invalid,
}

/// <summary>What a write did; <see cref="Receiver"/> is redacted.</summary>
public sealed record ConfigWriteResult(ConfigWriteOutcome Outcome, Dictionary<string, string[]>? Errors = null, string? Detail = null, ReceiverConfig? Receiver = null);

public sealed partial class NotificationConfigService
{
    /// <summary>Replaces the whole routing tree after validating it against the receivers.</summary>
    public async Task<ConfigWriteResult> ReplaceRouteAsync(RouteConfig route, string actor, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Current;
            var errors = NotificationConfigValidator.ValidateRoute(route, current.Receivers.Keys.ToList());
            if (errors.Count > 0)
            {
                return new ConfigWriteResult(ConfigWriteOutcome.Invalid, errors.ToProblem());
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var row = await db.NotificationRoutes.SingleAsync(r => r.Id == 1, cancellationToken).ConfigureAwait(false);
            row.TreeJson = JsonSerializer.Serialize(route, Json);
            row.Source = SourceApi;
            row.UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, current with { Route = route, Tree = RoutingTree.Compile(route) });
            logger.LogInformation("Routing tree replaced by {Actor}", actor);
            Publish("route", "route", ConfigurationChange.Updated, actor);
            return new ConfigWriteResult(ConfigWriteOutcome.Updated);
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Creates (<paramref name="create"/>) or replaces a receiver; omitted secrets keep their stored value.</summary>
    public async Task<ConfigWriteResult> SaveReceiverAsync(ReceiverConfig receiver, bool create, string actor, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Current;
            var existing = receiver.Name is null ? null : current.Receivers.GetValueOrDefault(receiver.Name);
            if (create && existing is not null)
            {
                return new ConfigWriteResult(ConfigWriteOutcome.Conflict, Detail: $"a receiver named '{receiver.Name}' already exists.");
            }

            if (!create && existing is null)
            {
                return new ConfigWriteResult(ConfigWriteOutcome.NotFound, Detail: $"no receiver named '{receiver.Name}'.");
            }

            var stored = ReceiverSecrets.Clone(receiver);
            ReceiverSecrets.KeepExisting(stored, existing);
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            NotificationConfigValidator.ValidateReceiver(stored, "receiver", errors);
            if (errors.Count > 0)
            {
                return new ConfigWriteResult(ConfigWriteOutcome.Invalid, errors.ToProblem());
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var row = await db.NotificationReceivers.SingleOrDefaultAsync(r => r.Name == stored.Name, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                row = new NotificationReceiverEntity { Name = stored.Name!, ConfigJson = "", Source = SourceApi };
                db.NotificationReceivers.Add(row);
            }

            row.ConfigJson = JsonSerializer.Serialize(stored, Json);
            row.Source = SourceApi;
            row.Deleted = false;
            row.UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, current with { Receivers = current.Receivers.SetItem(stored.Name!, stored) });
            logger.LogInformation("Receiver {Receiver} {Change} by {Actor}", stored.Name, create ? "created" : "updated", actor);
            Publish("receiver", stored.Name!, create ? ConfigurationChange.Added : ConfigurationChange.Updated, actor);
            return new ConfigWriteResult(create ? ConfigWriteOutcome.Created : ConfigWriteOutcome.Updated, Receiver: ReceiverSecrets.Redact(stored));
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Removes a receiver the routing tree does not use; one seeded from the file stays deleted across restarts.</summary>
    public async Task<ConfigWriteResult> DeleteReceiverAsync(string name, string actor, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Current;
            if (!current.Receivers.ContainsKey(name))
            {
                return new ConfigWriteResult(ConfigWriteOutcome.NotFound, Detail: $"no receiver named '{name}'.");
            }

            if (UsesReceiver(current.Route, name))
            {
                return new ConfigWriteResult(ConfigWriteOutcome.Conflict, Detail: $"receiver '{name}' is used by the routing tree; change the routes first.");
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var row = await db.NotificationReceivers.SingleAsync(r => r.Name == name, cancellationToken).ConfigureAwait(false);
            row.Deleted = true;
            row.Source = SourceApi;
            row.UpdatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds();
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, current with { Receivers = current.Receivers.Remove(name) });
            logger.LogInformation("Receiver {Receiver} deleted by {Actor}", name, actor);
            Publish("receiver", name, ConfigurationChange.Removed, actor);
            return new ConfigWriteResult(ConfigWriteOutcome.Deleted);
        }
        finally
        {
            _write.Release();
        }
    }
}

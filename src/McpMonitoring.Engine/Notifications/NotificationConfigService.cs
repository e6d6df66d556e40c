using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Notifications;

/// <summary>The routing tree and receivers in effect; immutable, swapped whole on every change.</summary>
public sealed record NotificationConfig(RouteConfig Route, RoutingTree Tree, ImmutableDictionary<string, ReceiverConfig> Receivers);

/// <summary>
/// Routes and receivers: seeded from config/alerting.yml, changed over the API, stored in the database. What an
/// operator changed wins over the file (the file's version of a receiver is re-read at start only while nobody has
/// edited it; a receiver an operator deleted stays deleted).
/// </summary>
public sealed partial class NotificationConfigService(
    IDbContextFactory<MonitoringDbContext> contexts,
    MonitoringEventStream events,
    TimeProvider time,
    IOptions<MonitoringOptions> monitoringOptions,
    IOptions<NotificationOptions> options,
    ILogger<NotificationConfigService> logger) : IHostedService
{
    public const string DefaultReceiver = "log";
    private const string SourceConfig = "config";
    private const string SourceApi = "api";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _write = new(1, 1);
    private NotificationConfig? _current;

    public NotificationConfig Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("Notification settings are not loaded yet.");

    public ReceiverConfig? GetReceiver(string name) => Current.Receivers.GetValueOrDefault(name);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(monitoringOptions.Value.ConfigDir, options.Value.FileName);
        var file = File.Exists(path) ? AlertingFile.Load(path) : new AlertingFile();
        var fileReceivers = file.Receivers ?? [];
        var problems = NotificationConfigValidator.ValidateReceivers(fileReceivers);
        if (file.Route is not null)
        {
            foreach (var (key, messages) in NotificationConfigValidator.ValidateRoute(file.Route, [.. fileReceivers.Select(r => r.Name!), DefaultReceiver]))
            {
                problems[key] = messages;
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, problems.SelectMany(p => p.Value.Select(m => $"{path}: {p.Key}: {m}"))));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var rows = await db.NotificationReceivers.ToDictionaryAsync(r => r.Name, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var receiver in fileReceivers)
        {
            if (!rows.TryGetValue(receiver.Name!, out var row))
            {
                row = new NotificationReceiverEntity { Name = receiver.Name!, ConfigJson = "", Source = SourceConfig };
                db.NotificationReceivers.Add(row);
                rows[row.Name] = row;
            }

            if (row.Source == SourceConfig && !row.Deleted)
            {
                row.ConfigJson = JsonSerializer.Serialize(receiver, Json);
                row.UpdatedAtMs = nowMs;
            }
        }

        // The file no longer has a receiver it seeded (and nobody edited): it goes.
        var fileNames = fileReceivers.Select(r => r.Name!).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in rows.Values.Where(r => r.Source == SourceConfig && !fileNames.Contains(r.Name)).ToList())
        {
            db.NotificationReceivers.Remove(stale);
            rows.Remove(stale.Name);
        }

        var routeRow = await db.NotificationRoutes.SingleOrDefaultAsync(r => r.Id == 1, cancellationToken).ConfigureAwait(false);
        var route = routeRow is { Source: SourceApi } ? JsonSerializer.Deserialize<RouteConfig>(routeRow.TreeJson, Json)! : file.Route;
        if (route is null)
        {
            // A first run without a file: every alert goes to the log, so nothing is lost silently.
            route = new RouteConfig { Receiver = DefaultReceiver };
        }

        if (routeRow is null)
        {
            routeRow = new NotificationRouteEntity { Id = 1, TreeJson = "", Source = SourceConfig };
            db.NotificationRoutes.Add(routeRow);
        }

        if (routeRow.Source == SourceConfig)
        {
            routeRow.TreeJson = JsonSerializer.Serialize(route, Json);
            routeRow.UpdatedAtMs = nowMs;
        }

        if (!rows.ContainsKey(DefaultReceiver) && UsesReceiver(route, DefaultReceiver))
        {
            var fallback = new ReceiverConfig { Name = DefaultReceiver, LogConfigs = [new LogConfig()] };
            var row = new NotificationReceiverEntity { Name = DefaultReceiver, ConfigJson = JsonSerializer.Serialize(fallback, Json), Source = SourceConfig, UpdatedAtMs = nowMs };
            db.NotificationReceivers.Add(row);
            rows[row.Name] = row;
        }

        var receivers = rows.Values.Where(r => !r.Deleted)
            .ToImmutableDictionary(r => r.Name, r => JsonSerializer.Deserialize<ReceiverConfig>(r.ConfigJson, Json)!, StringComparer.Ordinal);
        var effective = NotificationConfigValidator.ValidateRoute(route, receivers.Keys.ToList());
        if (effective.Count > 0)
        {
            throw new InvalidDataException("The stored routing tree does not fit the receivers: " +
                string.Join("; ", effective.SelectMany(p => p.Value.Select(m => $"{p.Key}: {m}"))));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _current, new NotificationConfig(route, RoutingTree.Compile(route), receivers));
        logger.LogInformation("Notifications: {Receivers} receivers, routing tree from {Source}", receivers.Count, routeRow.Source);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool UsesReceiver(RouteConfig route, string name) =>
        route.Receiver == name || route.EscalateTo == name || (route.Routes ?? []).Any(r => r is not null && UsesReceiver(r, name));

    private void Publish(string kind, string id, ConfigurationChange change, string actor) =>
        events.Publish(new AlertConfigurationChanged(kind, id, change, actor, time.GetUtcNow()));
}

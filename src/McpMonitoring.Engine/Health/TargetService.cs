using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using McpMonitoring.Engine.Storage;

namespace McpMonitoring.Engine.Health;

/// <summary>
/// Target CRUD: validates a change against the whole fleet (dependencies exist, no cycle), commits it to
/// the database, and only then applies it to the live monitor, so a 2xx always means durable.
/// </summary>
public sealed class TargetService(
    HealthMonitor monitor,
    IDbContextFactory<MonitoringDbContext> contexts,
    TimeProvider time,
    ILogger<TargetService> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _mutations = new(1, 1);

    public async Task<TargetMutation> CreateAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Validate(target) is { } invalid)
            {
                return invalid;
            }

            var demoActive = monitor.Runtimes.Any(r => r.Source == TargetSource.Demo);
            if (monitor.TryGetRuntime(target.Name, out var existing) && existing.Source != TargetSource.Demo)
            {
                return TargetMutation.Conflict($"a target named '{target.Name}' already exists.");
            }

            // The demo fleet steps aside for the first real target; the new one may not depend on it.
            var fleet = FleetWith(target, excludeDemo: demoActive);
            if (GraphErrors(fleet) is { } graphInvalid)
            {
                return graphInvalid;
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                var now = time.GetUtcNow().UtcDateTime;
                db.Targets.Add(new TargetEntity
                {
                    Name = target.Name,
                    Kind = target.Kind.ToString().ToLowerInvariant(),
                    DefinitionJson = JsonSerializer.Serialize(target, Json),
                    Source = nameof(TargetSource.Api),
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            if (demoActive)
            {
                RemoveDemoFleet();
            }

            monitor.Upsert(target, TargetSource.Api);
            return new TargetMutation(TargetMutationOutcome.Created, target.Clone());
        }
        finally
        {
            _mutations.Release();
        }
    }

    public async Task<TargetMutation> UpdateAsync(string name, TargetDefinition target, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!monitor.TryGetRuntime(name, out var existing))
            {
                return TargetMutation.NotFound;
            }

            if (existing.Source == TargetSource.Demo)
            {
                return TargetMutation.Conflict($"'{name}' belongs to the generated demo fleet; add your own targets or set Monitoring:Demo=false.");
            }

            if (!string.Equals(target.Name, name, StringComparison.Ordinal))
            {
                return TargetMutation.Invalid("name", $"name '{target.Name}' does not match the target '{name}' in the path; renaming is not supported, create a new target instead.");
            }

            if (Validate(target) is { } invalid)
            {
                return invalid;
            }

            if (GraphErrors(FleetWith(target, excludeDemo: false)) is { } graphInvalid)
            {
                return graphInvalid;
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                var entity = await db.Targets.SingleOrDefaultAsync(t => t.Name == name, cancellationToken).ConfigureAwait(false);
                if (entity is null)
                {
                    return TargetMutation.NotFound;
                }

                entity.Kind = target.Kind.ToString().ToLowerInvariant();
                entity.DefinitionJson = JsonSerializer.Serialize(target, Json);
                entity.UpdatedAt = time.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            monitor.Upsert(target, existing.Source);
            return new TargetMutation(TargetMutationOutcome.Ok, target.Clone());
        }
        finally
        {
            _mutations.Release();
        }
    }

    public async Task<TargetMutation> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!monitor.TryGetRuntime(name, out var existing))
            {
                return TargetMutation.NotFound;
            }

            if (existing.Source == TargetSource.Demo)
            {
                return TargetMutation.Conflict($"'{name}' belongs to the generated demo fleet; set Monitoring:Demo=false to turn it off.");
            }

            var dependents = monitor.Runtimes.Where(r => r.Definition.DependsOn.Contains(name, StringComparer.Ordinal))
                .Select(r => r.Definition.Name).Order(StringComparer.Ordinal).ToList();
            if (dependents.Count > 0)
            {
                return TargetMutation.Conflict($"'{name}' is a dependency of {string.Join(", ", dependents.Select(d => $"'{d}'"))}; remove it from their dependsOn first.");
            }

            await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
            {
                await db.Targets.Where(t => t.Name == name).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }

            monitor.Remove(name);
            return new TargetMutation(TargetMutationOutcome.Ok);
        }
        finally
        {
            _mutations.Release();
        }
    }

    /// <summary>
    /// Start-up: load stored targets, import targets.yml entries never seen before (what operators changed
    /// in the database wins), and fall back to the demo fleet when nothing is configured.
    /// </summary>
    public async Task LoadAsync(IReadOnlyList<TargetDefinition> seed, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var seeded = (await db.SeededTargets.Select(s => s.Name).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var stored = await db.Targets.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var storedNames = stored.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var target in seed.Where(t => !seeded.Contains(t.Name) && !storedNames.Contains(t.Name)))
        {
            db.Targets.Add(new TargetEntity
            {
                Name = target.Name,
                Kind = target.Kind.ToString().ToLowerInvariant(),
                DefinitionJson = JsonSerializer.Serialize(target, Json),
                Source = nameof(TargetSource.Config),
                CreatedAt = now,
                UpdatedAt = now,
            });
            db.SeededTargets.Add(new SeededTargetEntity { Name = target.Name, SeededAt = now });
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var all = await db.Targets.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var definitions = new List<(TargetDefinition Definition, TargetSource Source)>();
        foreach (var entity in all)
        {
            try
            {
                var definition = JsonSerializer.Deserialize<TargetDefinition>(entity.DefinitionJson, Json)!;
                definitions.Add((definition, Enum.Parse<TargetSource>(entity.Source)));
            }
            catch (JsonException ex)
            {
                logger.LogError(ex, "Stored target {Target} could not be read and is skipped", entity.Name);
            }
        }

        var graphErrors = DependencyGraph.Validate([.. definitions.Select(d => d.Definition)]);
        foreach (var error in graphErrors)
        {
            logger.LogWarning("Target graph: {Error}", error);
        }

        foreach (var group in definitions.GroupBy(d => d.Source))
        {
            monitor.UpsertMany([.. group.Select(d => d.Definition)], group.Key);
        }
    }

    /// <summary>Loads the demo fleet when no target is configured; returns whether it did.</summary>
    public bool LoadDemoFleetIfEmpty(Uri baseAddress)
    {
        if (monitor.Count > 0)
        {
            return false;
        }

        monitor.UpsertMany(DemoFleet.Create(baseAddress), TargetSource.Demo);
        return true;
    }

    private void RemoveDemoFleet()
    {
        foreach (var runtime in monitor.Runtimes.Where(r => r.Source == TargetSource.Demo).ToList())
        {
            monitor.Remove(runtime.Definition.Name);
        }
    }

    private static TargetMutation? Validate(TargetDefinition target)
    {
        var errors = TargetValidator.Validate(target);
        return errors.Count > 0 ? new TargetMutation(TargetMutationOutcome.Invalid, Errors: errors) : null;
    }

    private List<TargetDefinition> FleetWith(TargetDefinition target, bool excludeDemo) =>
    [
        .. monitor.Runtimes
            .Where(r => !string.Equals(r.Definition.Name, target.Name, StringComparison.Ordinal))
            .Where(r => !excludeDemo || r.Source != TargetSource.Demo)
            .Select(r => r.Definition),
        target,
    ];

    private static TargetMutation? GraphErrors(List<TargetDefinition> fleet)
    {
        var errors = DependencyGraph.Validate(fleet);
        return errors.Count > 0
            ? new TargetMutation(TargetMutationOutcome.Invalid, Errors: new Dictionary<string, string[]> { ["dependsOn"] = [.. errors] })
            : null;
    }
}

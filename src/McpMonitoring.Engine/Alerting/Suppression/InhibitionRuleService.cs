using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>
/// Inhibition rule CRUD and the start-up import from config/alerting.yml: a YAML rule is imported once (by id) and
/// from then on the database is authoritative, so what operators change or delete through the API wins.
/// </summary>
public sealed class InhibitionRuleService(
    IDbContextFactory<MonitoringDbContext> contexts,
    AuditLog audit,
    MonitoringEventStream events,
    TimeProvider time,
    ILogger<InhibitionRuleService> logger)
{
    private readonly SemaphoreSlim _mutations = new(1, 1);
    private ImmutableArray<InhibitionRule> _rules = [];

    public ImmutableArray<InhibitionRule> Rules => _rules;

    /// <summary>Imports YAML rules never seen before, then loads every stored rule.</summary>
    public async Task LoadAsync(IReadOnlyList<(string Id, InhibitionRuleInput Input)> seed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var seeded = (await db.SeededInhibitionRules.Select(s => s.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var stored = (await db.InhibitionRules.Select(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, input) in seed.Where(s => !seeded.Contains(s.Id) && !stored.Contains(s.Id)))
        {
            var errors = new Dictionary<string, string[]>();
            if (Build(input, id, InhibitionRule.FromConfig, now, errors) is not { } rule)
            {
                throw new InvalidDataException($"inhibit_rules '{id}': {string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
            }

            db.InhibitionRules.Add(ToEntity(rule, NewEntity(id, now), now));
            db.SeededInhibitionRules.Add(new SeededInhibitionRuleEntity { Id = id, SeededAt = now.UtcDateTime });
            audit.Stage(db, new AuditRecord(AuditActors.System, "import", SuppressionSubjects.InhibitionRule, id, Describe(rule)));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.InhibitionRules.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var rules = new List<InhibitionRule>();
        foreach (var row in rows)
        {
            try
            {
                rules.Add(ToModel(row));
            }
            catch (Exception ex) when (ex is FormatException or JsonException)
            {
                logger.LogError(ex, "Stored inhibition rule {Id} could not be read and is skipped", row.Id);
            }
        }

        _rules = [.. rules];
    }

    public Page<InhibitionRuleView> List(int offset, int limit)
    {
        var all = _rules.OrderBy(r => r.Name ?? r.Id, StringComparer.OrdinalIgnoreCase).ToList();
        return new Page<InhibitionRuleView>([.. all.Skip(offset).Take(limit).Select(r => r.ToView())], all.Count, offset, limit);
    }

    public InhibitionRuleView? Get(string id) => _rules.FirstOrDefault(r => r.Id == id)?.ToView();

    public async Task<ConfigMutation<InhibitionRuleView>> CreateAsync(InhibitionRuleInput input, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (Build(input, Guid.NewGuid().ToString(), InhibitionRule.FromApi, now, errors) is not { } rule)
        {
            return ConfigMutation<InhibitionRuleView>.Invalid(errors);
        }

        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.InhibitionRules.Add(ToEntity(rule, NewEntity(rule.Id, now), now));
            audit.Stage(db, new AuditRecord(actor, "create", SuppressionSubjects.InhibitionRule, rule.Id, Describe(rule)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            ImmutableInterlocked.Update(ref _rules, static (list, r) => list.Add(r), rule);
        }
        finally
        {
            _mutations.Release();
        }

        events.Publish(new AlertConfigurationChanged(SuppressionSubjects.InhibitionRule, rule.Id, ConfigurationChange.Added, actor, now));
        return new ConfigMutation<InhibitionRuleView>(ConfigMutationOutcome.Created, rule.ToView());
    }

    public async Task<ConfigMutation<InhibitionRuleView>> UpdateAsync(string id, InhibitionRuleInput input, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        InhibitionRule rule;
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entity = await db.InhibitionRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return ConfigMutation<InhibitionRuleView>.NotFound;
            }

            var errors = new Dictionary<string, string[]>();
            if (Build(input, id, entity.Source, now, errors) is not { } built)
            {
                return ConfigMutation<InhibitionRuleView>.Invalid(errors);
            }

            rule = built;
            var before = _rules.FirstOrDefault(r => r.Id == id) is { } previous ? Describe(previous) : "(unreadable)";
            ToEntity(rule, entity, now);
            audit.Stage(db, new AuditRecord(actor, "update", SuppressionSubjects.InhibitionRule, id, $"{before} -> {Describe(rule)}"));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            ImmutableInterlocked.Update(ref _rules, static (list, r) => [.. list.Where(x => x.Id != r.Id), r], rule);
        }
        finally
        {
            _mutations.Release();
        }

        events.Publish(new AlertConfigurationChanged(SuppressionSubjects.InhibitionRule, id, ConfigurationChange.Updated, actor, now));
        return new ConfigMutation<InhibitionRuleView>(ConfigMutationOutcome.Ok, rule.ToView());
    }

    public async Task<ConfigMutation<InhibitionRuleView>> DeleteAsync(string id, string actor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await _mutations.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var entity = await db.InhibitionRules.SingleOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return ConfigMutation<InhibitionRuleView>.NotFound;
            }

            db.InhibitionRules.Remove(entity);
            audit.Stage(db, new AuditRecord(actor, "delete", SuppressionSubjects.InhibitionRule, id,
                _rules.FirstOrDefault(r => r.Id == id) is { } rule ? Describe(rule) : null));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            ImmutableInterlocked.Update(ref _rules, static (list, id) => list.RemoveAll(x => x.Id == id), id);
        }
        finally
        {
            _mutations.Release();
        }

        events.Publish(new AlertConfigurationChanged(SuppressionSubjects.InhibitionRule, id, ConfigurationChange.Removed, actor, now));
        return new ConfigMutation<InhibitionRuleView>(ConfigMutationOutcome.Ok);
    }

    internal static InhibitionRule? Build(InhibitionRuleInput input, string id, string source, DateTimeOffset now, IDictionary<string, string[]> errors)
    {
        var sourceMatchers = MatcherValidation.Compile(input.SourceMatchers, "sourceMatchers", errors);
        var targetMatchers = MatcherValidation.Compile(input.TargetMatchers, "targetMatchers", errors);
        if (input.SourceMatchers is null || input.SourceMatchers.Count == 0)
        {
            errors["sourceMatchers"] = ["at least one source matcher is required: which firing alerts inhibit others."];
        }

        if (input.TargetMatchers is null || input.TargetMatchers.Count == 0)
        {
            errors["targetMatchers"] = ["at least one target matcher is required: which alerts get inhibited."];
        }

        var equal = input.Equal ?? [];
        var bad = equal.Where(l => l is null || !MatcherValidation.IsLabelName(l)).ToList();
        if (bad.Count > 0)
        {
            errors["equal"] = [$"{string.Join(", ", bad.Select(b => $"'{b}'"))} is not a label name."];
        }

        var name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim();
        if (name?.Length > 200)
        {
            errors["name"] = ["name must be at most 200 characters."];
        }

        return errors.Count == 0
            ? new InhibitionRule(id, name, sourceMatchers, targetMatchers, [.. equal.Distinct(StringComparer.Ordinal)], source, now)
            : null;
    }

    private static InhibitionRuleEntity NewEntity(string id, DateTimeOffset now) => new()
    {
        Id = id,
        SourceMatchersJson = "[]",
        TargetMatchersJson = "[]",
        EqualJson = "[]",
        Source = InhibitionRule.FromApi,
        CreatedAt = now.UtcDateTime,
    };

    private static InhibitionRuleEntity ToEntity(InhibitionRule rule, InhibitionRuleEntity e, DateTimeOffset now)
    {
        e.Name = rule.Name;
        e.SourceMatchersJson = SilenceService.SerializeMatchers(rule.SourceMatchers);
        e.TargetMatchersJson = SilenceService.SerializeMatchers(rule.TargetMatchers);
        e.EqualJson = JsonSerializer.Serialize(rule.Equal);
        e.Source = rule.Source;
        e.UpdatedAt = now.UtcDateTime;
        return e;
    }

    private static InhibitionRule ToModel(InhibitionRuleEntity e) => new(
        e.Id,
        e.Name,
        SilenceService.DeserializeMatchers(e.SourceMatchersJson),
        SilenceService.DeserializeMatchers(e.TargetMatchersJson),
        JsonSerializer.Deserialize<List<string>>(e.EqualJson) ?? [],
        e.Source,
        new DateTimeOffset(e.UpdatedAt, TimeSpan.Zero));

    private static string Describe(InhibitionRule r) =>
        $"{r.Name ?? r.Id}: source {{{string.Join(", ", r.SourceMatchers)}}} target {{{string.Join(", ", r.TargetMatchers)}}} equal [{string.Join(", ", r.Equal)}]";
}

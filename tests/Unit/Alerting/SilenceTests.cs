using McpMonitoring.Engine.Alerting;
using MatchType = McpMonitoring.Engine.Alerting.MatchType;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Tests.Unit.Infrastructure;
using static McpMonitoring.Tests.Unit.Infrastructure.SuppressionFixture;

namespace McpMonitoring.Tests.Unit.Alerting;

public sealed class SilenceTests
{
    private readonly SuppressionFixture _f = new();

    private SilenceInput Input(string matchers, TimeSpan? startIn = null, TimeSpan? length = null) => new()
    {
        Matchers = Matchers(matchers),
        StartsAt = startIn is { } s ? _f.Time.GetUtcNow() + s : null,
        EndsAt = _f.Time.GetUtcNow() + (startIn ?? TimeSpan.Zero) + (length ?? TimeSpan.FromHours(1)),
        Comment = "deploying",
    };

    [Fact]
    public async Task State_FollowsTheClock_PendingActiveExpired()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await _f.Silences.CreateAsync(Input("{target=\"orders\"}", startIn: TimeSpan.FromMinutes(10), length: TimeSpan.FromMinutes(30)), "alice", ct);
        Assert.Equal(ConfigMutationOutcome.Created, created.Outcome);
        var labels = Labels(("alertname", "Down"), ("target", "orders"));
        Assert.Equal(SilenceState.Pending, created.Value!.State);
        Assert.Null(_f.Pipeline.Evaluate(labels, _f.Time.GetUtcNow()));

        _f.Time.Advance(TimeSpan.FromMinutes(10));
        var suppression = _f.Pipeline.Evaluate(labels, _f.Time.GetUtcNow());
        Assert.Equal(SuppressionKind.Silence, suppression?.Kind);
        Assert.Equal(created.Value.Id, suppression?.Id);
        Assert.Contains("deploying", suppression!.Reason, StringComparison.Ordinal);
        Assert.Equal(SilenceState.Active, (await _f.Silences.GetAsync(created.Value.Id, ct))!.State);

        _f.Time.Advance(TimeSpan.FromMinutes(30));
        Assert.Null(_f.Pipeline.Evaluate(labels, _f.Time.GetUtcNow()));
        Assert.Equal(SilenceState.Expired, (await _f.Silences.GetAsync(created.Value.Id, ct))!.State);
    }

    [Fact]
    public async Task Evaluate_OnlyMatchingAlertsSilenced()
    {
        var ct = TestContext.Current.CancellationToken;
        await _f.Silences.CreateAsync(Input("{target=~\"orders-.*\", severity!=\"CRITICAL\"}"), "alice", ct);
        var now = _f.Time.GetUtcNow();
        Assert.NotNull(_f.Pipeline.Evaluate(Labels(("target", "orders-api"), ("severity", "WARNING")), now));
        Assert.Null(_f.Pipeline.Evaluate(Labels(("target", "orders-api"), ("severity", "CRITICAL")), now));
        Assert.Null(_f.Pipeline.Evaluate(Labels(("target", "orders"), ("severity", "WARNING")), now));
    }

    [Fact]
    public async Task Evaluate_ManySilences_IndexedAndRegexOnly_FirstLiveOneAnswers()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 50; i++)
        {
            await _f.Silences.CreateAsync(Input($"{{instance=\"maint-{i}\", job=\"node\"}}"), "alice", ct);
        }

        var regexOnly = (await _f.Silences.CreateAsync(Input("{instance=~\"web-.*\"}"), "bob", ct)).Value!;
        var byJob = (await _f.Silences.CreateAsync(Input("{job=\"node\", instance=~\"web-1|maint-7\"}"), "carol", ct)).Value!;
        var now = _f.Time.GetUtcNow();
        var first = _f.Silences.Live.First(s => s.Matches(Labels(("instance", "maint-7"), ("job", "node")))).Id;

        Assert.Equal(first, _f.Pipeline.Evaluate(Labels(("instance", "maint-7"), ("job", "node")), now)?.Id);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("instance", "maint-7"), ("job", "db")), now));
        Assert.Equal(regexOnly.Id, _f.Pipeline.Evaluate(Labels(("instance", "web-2"), ("job", "db")), now)?.Id);
        var web1 = _f.Silences.Live.First(s => s.Id == regexOnly.Id || s.Id == byJob.Id).Id;
        Assert.Equal(web1, _f.Pipeline.Evaluate(Labels(("instance", "web-1"), ("job", "node")), now)?.Id);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("instance", "node-1"), ("job", "node")), now));

        await _f.Silences.ExpireAsync(regexOnly.Id, "alice", ct);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("instance", "web-2"), ("job", "db")), _f.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Expire_EndsNow_AndIsAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await _f.Silences.CreateAsync(Input("{target=\"orders\"}"), "alice", ct)).Value!;
        _f.Time.Advance(TimeSpan.FromMinutes(5));

        var expired = await _f.Silences.ExpireAsync(created.Id, "bob", ct);

        Assert.Equal(SilenceState.Expired, expired.Value!.State);
        Assert.Equal(_f.Time.GetUtcNow(), expired.Value.EndsAt);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("target", "orders")), _f.Time.GetUtcNow()));
        var audit = await _f.Audit.GetAsync(new AuditFilter(SuppressionSubjects.Silence, created.Id), 0, 10, ct);
        Assert.Equal(["expire", "create"], audit.Items.Select(e => e.Action));
        Assert.Equal(["bob", "alice"], audit.Items.Select(e => e.Actor));
    }

    [Fact]
    public async Task Update_ChangesMatchersInPlace_AuditKeepsPreviousVersion()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await _f.Silences.CreateAsync(Input("{target=\"orders\"}"), "alice", ct)).Value!;

        var updated = await _f.Silences.UpdateAsync(created.Id, Input("{target=\"billing\"}"), "bob", ct);

        Assert.Equal(ConfigMutationOutcome.Ok, updated.Outcome);
        var now = _f.Time.GetUtcNow();
        Assert.Null(_f.Pipeline.Evaluate(Labels(("target", "orders")), now));
        Assert.NotNull(_f.Pipeline.Evaluate(Labels(("target", "billing")), now));
        var history = await _f.Audit.GetAsync(new AuditFilter(SuppressionSubjects.Silence, created.Id, Action: "update"), 0, 10, ct);
        Assert.Contains("target=\"orders\"", history.Items.Single().Detail, StringComparison.Ordinal);
        Assert.Contains("target=\"billing\"", history.Items.Single().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_Expired_Conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await _f.Silences.CreateAsync(Input("{a=\"b\"}"), "alice", ct)).Value!;
        _f.Time.Advance(TimeSpan.FromHours(2));
        var result = await _f.Silences.UpdateAsync(created.Id, Input("{a=\"c\"}"), "alice", ct);
        Assert.Equal(ConfigMutationOutcome.Conflict, result.Outcome);
    }

    [Fact]
    public async Task Update_ActiveMovesStart_RejectedOnStartsAt()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await _f.Silences.CreateAsync(Input("{a=\"b\"}"), "alice", ct)).Value!;
        var input = Input("{a=\"b\"}", startIn: TimeSpan.FromMinutes(5));
        var result = await _f.Silences.UpdateAsync(created.Id, input, "alice", ct);
        Assert.Equal(ConfigMutationOutcome.Invalid, result.Outcome);
        Assert.Contains("startsAt", result.Errors!.Keys);
    }

    [Fact]
    public async Task Create_Invalid_EveryProblemNamed()
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await _f.Silences.CreateAsync(new SilenceInput
        {
            Matchers = [MatcherSpec.Of("a", MatchType.Regex, ".*"), new MatcherSpec { Name = "9x", Value = "y" }],
            EndsAt = _f.Time.GetUtcNow() - TimeSpan.FromMinutes(1),
        }, "alice", ct);
        Assert.Equal(ConfigMutationOutcome.Invalid, result.Outcome);
        Assert.Equal(["comment", "endsAt", "matchers[1].name"], result.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Create_OnlyMatchersMatchingEmpty_Rejected()
    {
        var result = await _f.Silences.CreateAsync(Input("{a=~\".*\", b!=\"x\"}"), "alice", TestContext.Current.CancellationToken);
        Assert.Contains("must not match the empty string", result.Errors!["matchers"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_StartInPast_MovedToNow()
    {
        var input = Input("{a=\"b\"}", startIn: TimeSpan.FromHours(-1), length: TimeSpan.FromHours(2));
        var created = await _f.Silences.CreateAsync(input, "alice", TestContext.Current.CancellationToken);
        Assert.Equal(_f.Time.GetUtcNow(), created.Value!.StartsAt);
    }

    [Fact]
    public async Task Mutations_PublishAlertConfigurationChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        using var watcher = _f.Engine.Events.Watch(EventTopics.AlertConfiguration);
        var created = (await _f.Silences.CreateAsync(Input("{a=\"b\"}"), "alice", ct)).Value!;
        await _f.Silences.ExpireAsync(created.Id, "bob", ct);

        await using var batches = watcher.ReadBatchesAsync(ct).GetAsyncEnumerator(ct);
        var events = new List<MonitoringEvent>();
        while (events.Count < 2 && await batches.MoveNextAsync())
        {
            events.AddRange(batches.Current);
        }

        var changes = events.Cast<AlertConfigurationChanged>().ToList();
        Assert.Equal([ConfigurationChange.Added, ConfigurationChange.Removed], changes.Select(c => c.Change));
        Assert.All(changes, c => Assert.Equal(("silence", created.Id), (c.Kind, c.Id)));
        Assert.Equal(["alice", "bob"], changes.Select(c => c.Actor));
    }

    [Fact]
    public async Task List_FiltersByState()
    {
        var ct = TestContext.Current.CancellationToken;
        await _f.Silences.CreateAsync(Input("{a=\"active\"}"), "alice", ct);
        await _f.Silences.CreateAsync(Input("{a=\"pending\"}", startIn: TimeSpan.FromHours(1)), "alice", ct);
        var gone = (await _f.Silences.CreateAsync(Input("{a=\"expired\"}"), "alice", ct)).Value!;
        await _f.Silences.ExpireAsync(gone.Id, "alice", ct);

        foreach (var state in Enum.GetValues<SilenceState>())
        {
            var page = await _f.Silences.ListAsync(state, 0, 10, ct);
            Assert.Equal(state.ToString().ToLowerInvariant(), Assert.Single(page.Items).Matchers[0].Value);
        }

        Assert.Equal(3, (await _f.Silences.ListAsync(null, 0, 10, ct)).Total);
    }

    [Fact]
    public async Task Load_AfterRestart_KeepsLiveSilences_PrunesOldExpired()
    {
        var ct = TestContext.Current.CancellationToken;
        var live = (await _f.Silences.CreateAsync(Input("{a=\"b\"}", length: TimeSpan.FromDays(10)), "alice", ct)).Value!;
        var old = (await _f.Silences.CreateAsync(Input("{a=\"c\"}"), "alice", ct)).Value!;
        _f.Time.Advance(TimeSpan.FromDays(6));

        var restarted = new SilenceService(_f.Contexts, _f.Audit, _f.Engine.Events, _f.Time, Microsoft.Extensions.Options.Options.Create(new SuppressionOptions()));
        await restarted.LoadAsync(ct);

        Assert.Equal([live.Id], restarted.Live.Select(s => s.Id));
        Assert.Null(await restarted.GetAsync(old.Id, ct));
        Assert.NotNull(new SilenceSuppression(restarted).Evaluate(Labels(("a", "b")), _f.Time.GetUtcNow()));
    }
}

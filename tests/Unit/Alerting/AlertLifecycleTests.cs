using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Alerting;

public sealed class AlertLifecycleTests : IAsyncLifetime
{
    private AlertingFixture _f = null!;

    public async ValueTask InitializeAsync() => _f = await AlertingFixture.StartAsync();

    public async ValueTask DisposeAsync() => await _f.DisposeAsync();

    private async Task<AlertSnapshot> Raise(AlertInput input, string source = AlertSources.Manual) =>
        (await _f.Alerts.IngestAsync([input], source, "tester"))[0];

    private async Task<List<string>> TimelineKinds(long id) =>
        [.. (await _f.Store.GetTimelineAsync(id, TestContext.Current.CancellationToken)).Select(e => e.Kind)];

    [Fact]
    public async Task Ingest_SameLabelsTwice_UpdatesNeverDuplicates()
    {
        var first = await Raise(AlertingFixture.Input("DiskFull", summary: "90%"));
        var second = await Raise(AlertingFixture.Input("DiskFull", summary: "95%"));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Equal("95%", second.Annotations["summary"]);
        Assert.Equal(1, _f.Alerts.Query(new AlertQuery()).Total);
        Assert.Equal(["Created", "Updated"], await TimelineKinds(first.Id));
    }

    [Fact]
    public void Fingerprint_IndependentOfLabelOrder_DependsOnValues()
    {
        var a = Fingerprint.Of(new Dictionary<string, string> { ["alertname"] = "X", ["target"] = "db" });
        var b = Fingerprint.Of(new Dictionary<string, string> { ["target"] = "db", ["alertname"] = "X" });
        var c = Fingerprint.Of(new Dictionary<string, string> { ["alertname"] = "X", ["target"] = "api" });
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Matches("^[0-9a-f]{16}$", a);
    }

    [Fact]
    public async Task For_PendingUntilHeld_ThenFiring()
    {
        var alert = await Raise(AlertingFixture.Input("HighLatency", forDuration: TimeSpan.FromMinutes(5)));
        Assert.Equal(AlertState.Pending, alert.State);

        _f.Time.Advance(TimeSpan.FromMinutes(4));
        await _f.Alerts.EvaluateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(AlertState.Pending, _f.Alerts.Get(alert.Id)!.State);

        _f.Time.Advance(TimeSpan.FromMinutes(1));
        await _f.Alerts.EvaluateAsync(TestContext.Current.CancellationToken);
        var firing = _f.Alerts.Get(alert.Id)!;
        Assert.Equal(AlertState.Firing, firing.State);
        Assert.Equal(_f.Time.GetUtcNow(), firing.FiringSince);
    }

    [Fact]
    public async Task Acknowledge_RecordsWhoAndWhy_RepeatIsIdempotent()
    {
        var alert = await Raise(AlertingFixture.Input("DbDown"));

        var ack = await _f.Alerts.AcknowledgeAsync(alert.Id, "alice", "looking into it", null);
        var again = await _f.Alerts.AcknowledgeAsync(alert.Id, "alice", "looking into it", null);

        Assert.Equal(AlertOperationOutcome.Changed, ack.Outcome);
        Assert.Equal(AlertOperationOutcome.Unchanged, again.Outcome);
        Assert.Equal(AlertState.Acknowledged, again.Alert!.State);
        Assert.Equal(("alice", "looking into it"), (again.Alert.Acknowledgement!.By, again.Alert.Acknowledgement.Comment));
        Assert.Equal(["Created", "Acknowledged"], await TimelineKinds(alert.Id));
    }

    [Fact]
    public async Task Resolve_ThenAcknowledge_Conflict_ResolveAgainUnchanged()
    {
        var alert = await Raise(AlertingFixture.Input("DbDown"));
        Assert.Equal(AlertOperationOutcome.Changed, (await _f.Alerts.ResolveAsync(alert.Id, "bob", "fixed")).Outcome);
        Assert.Equal(AlertOperationOutcome.Unchanged, (await _f.Alerts.ResolveAsync(alert.Id, "bob", "fixed")).Outcome);
        var ack = await _f.Alerts.AcknowledgeAsync(alert.Id, "alice", null, null);
        Assert.Equal(AlertOperationOutcome.Conflict, ack.Outcome);
        Assert.Equal(AlertOperationOutcome.NotFound, (await _f.Alerts.ResolveAsync(9999, "bob", null)).Outcome);
    }

    [Fact]
    public async Task FiresAgainAfterResolve_ReopensWithHistory()
    {
        var alert = await Raise(AlertingFixture.Input("DbDown"));
        await _f.Alerts.AcknowledgeAsync(alert.Id, "alice", "on it", null);
        await _f.Alerts.ResolveAsync(alert.Id, "alice", "restarted");
        _f.Time.Advance(TimeSpan.FromMinutes(10));

        var reopened = await Raise(AlertingFixture.Input("DbDown"));

        Assert.Equal(alert.Id, reopened.Id);
        Assert.Equal(AlertState.Firing, reopened.State);
        Assert.Equal(2, reopened.Occurrences);
        Assert.Null(reopened.Acknowledgement);
        Assert.Equal(["Created", "Acknowledged", "Resolved", "Reopened"], await TimelineKinds(alert.Id));
    }

    [Fact]
    public async Task Snooze_Expires_BackToFiring()
    {
        var alert = await Raise(AlertingFixture.Input("DbDown"));
        await _f.Alerts.AcknowledgeAsync(alert.Id, "alice", null, _f.Time.GetUtcNow().AddMinutes(30));

        _f.Time.Advance(TimeSpan.FromMinutes(31));
        await _f.Alerts.EvaluateAsync(TestContext.Current.CancellationToken);

        var after = _f.Alerts.Get(alert.Id)!;
        Assert.Equal(AlertState.Firing, after.State);
        Assert.Contains("Unacknowledged", await TimelineKinds(alert.Id));
    }

    [Fact]
    public async Task Alertmanager_EndsAtPast_Resolves_SilentSenderTimesOut()
    {
        var sent = await Raise(AlertingFixture.Input("NodeDown", target: "n1", endsAt: null), AlertSources.Alertmanager);
        var other = await Raise(AlertingFixture.Input("NodeDown", target: "n2"), AlertSources.Alertmanager);
        await Raise(AlertingFixture.Input("NodeDown", target: "n1", endsAt: _f.Time.GetUtcNow().AddSeconds(-1)), AlertSources.Alertmanager);
        Assert.Equal(AlertState.Resolved, _f.Alerts.Get(sent.Id)!.State);

        _f.Time.Advance(TimeSpan.FromMinutes(6));
        await _f.Alerts.EvaluateAsync(TestContext.Current.CancellationToken);
        Assert.Equal(AlertState.Resolved, _f.Alerts.Get(other.Id)!.State);
    }

    [Fact]
    public async Task Suppressed_StaysListedWithReason_ChangeIsPublished()
    {
        _f.Suppression.SilencedTargets.Add("db");
        var alert = await Raise(AlertingFixture.Input("DbDown"));
        Assert.Equal(new SuppressionInfo(SuppressionKind.Silence, "s-1", "silenced: db"), alert.Suppression);
        Assert.Single(_f.Alerts.Query(new AlertQuery { Suppressed = true }).Items);

        using var watcher = _f.Events.Watch(EventTopics.Alerts);
        _f.Suppression.SilencedTargets.Clear();
        await _f.Alerts.EvaluateAsync(TestContext.Current.CancellationToken);

        Assert.Null(_f.Alerts.Get(alert.Id)!.Suppression);
        await using var batches = watcher.ReadBatchesAsync(TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await batches.MoveNextAsync());
        Assert.Contains(batches.Current, e => e is AlertChanged { Change: AlertChangeKind.SuppressionChanged });
    }

    [Fact]
    public async Task Restart_StateAndIdentitySurvive()
    {
        var alert = await Raise(AlertingFixture.Input("DbDown"));
        await _f.Alerts.AcknowledgeAsync(alert.Id, "alice", "on it", null);

        await _f.RestartAsync();

        var loaded = _f.Alerts.Get(alert.Id)!;
        Assert.Equal(AlertState.Acknowledged, loaded.State);
        Assert.Equal("alice", loaded.Acknowledgement!.By);
        var again = await Raise(AlertingFixture.Input("DbDown"));
        Assert.Equal(alert.Id, again.Id);
        var next = await Raise(AlertingFixture.Input("Other"));
        Assert.True(next.Id > alert.Id);
    }

    [Fact]
    public async Task Query_FiltersBySeverityStateAndMatchers()
    {
        await Raise(AlertingFixture.Input("A", target: "db", severity: AlertSeverity.Critical));
        await Raise(AlertingFixture.Input("B", target: "api", severity: AlertSeverity.Warning));
        var c = await Raise(AlertingFixture.Input("C", target: "api-2", severity: AlertSeverity.Info));
        await _f.Alerts.ResolveAsync(c.Id, "x", null);

        Assert.Equal(["A"], _f.Alerts.Query(new AlertQuery { Severities = [AlertSeverity.Critical] }).Items.Select(a => a.Name));
        Assert.Equal(["B"], _f.Alerts.Query(new AlertQuery { Matchers = Matcher.ParseList("target=~\"api\""), States = [AlertState.Firing] }).Items.Select(a => a.Name));
        Assert.Equal(["C"], _f.Alerts.Query(new AlertQuery { States = [AlertState.Resolved] }).Items.Select(a => a.Name));
        var counts = _f.Alerts.GetCounts();
        Assert.Equal(2, counts.Firing);
        Assert.Equal(1, counts.OpenBySeverity[AlertSeverity.Critical]);
    }
}

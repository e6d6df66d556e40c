using McpMonitoring.Engine.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace McpMonitoring.Tests.Unit.Notifications;

/// <summary>Grouping timers on a fake clock: group_wait 30s, group_interval 5m, repeat_interval 4h (Alertmanager's defaults).</summary>
public sealed class NotificationGrouperTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    private static NotificationGrouper Grouper(string? escalateAfter = null) => new(RoutingTree.Compile(new RouteConfig
    {
        Receiver = "team",
        GroupBy = ["alertname"],
        EscalateAfter = escalateAfter,
        EscalateTo = escalateAfter is null ? null : "leads",
    }));

    private IReadOnlyList<GroupNotification> Advance(NotificationGrouper grouper, TimeSpan by)
    {
        _time.Advance(by);
        return grouper.Flush(_time.GetUtcNow());
    }

    [Fact]
    public void Flush_NewGroup_WaitsGroupWaitThenSendsAllAlertsTogether()
    {
        var grouper = Grouper();
        var now = _time.GetUtcNow();
        grouper.Observe(TestAlerts.Firing(1, "DiskFull", now, ("host", "a")), now);
        Assert.Empty(Advance(grouper, TimeSpan.FromSeconds(10)));
        grouper.Observe(TestAlerts.Firing(2, "DiskFull", now, ("host", "b")), _time.GetUtcNow());

        Assert.Empty(Advance(grouper, TimeSpan.FromSeconds(19)));
        var sent = Assert.Single(Advance(grouper, TimeSpan.FromSeconds(1)));

        Assert.Equal("team", sent.Receiver);
        Assert.Equal("{}:{alertname=\"DiskFull\"}", sent.GroupKey);
        Assert.Equal([1L, 2L], sent.Firing.Select(a => a.Id));
    }

    [Fact]
    public void NextDue_FollowsTheEarliestGroupTick()
    {
        var grouper = Grouper();
        var start = _time.GetUtcNow();
        Assert.Null(grouper.NextDue);

        grouper.Observe(TestAlerts.Firing(1, "DiskFull", start, ("host", "a")), start);
        Assert.Equal(start + TimeSpan.FromSeconds(30), grouper.NextDue);
        _time.Advance(TimeSpan.FromSeconds(10));
        grouper.Observe(TestAlerts.Firing(2, "CpuHigh", start, ("host", "a")), _time.GetUtcNow());
        Assert.Equal(start + TimeSpan.FromSeconds(30), grouper.NextDue);

        Assert.Single(Advance(grouper, TimeSpan.FromSeconds(20)));
        Assert.Equal(start + TimeSpan.FromSeconds(40), grouper.NextDue);
        Assert.Single(Advance(grouper, TimeSpan.FromSeconds(10)));
        Assert.Equal(start + TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(5), grouper.NextDue);
    }

    [Fact]
    public void Flush_ChangesAfterFirstNotification_WaitForGroupInterval()
    {
        var grouper = Grouper();
        var start = _time.GetUtcNow();
        grouper.Observe(TestAlerts.Firing(1, "DiskFull", start, ("host", "a")), start);
        Assert.Single(Advance(grouper, TimeSpan.FromSeconds(30)));

        grouper.Observe(TestAlerts.Firing(2, "DiskFull", start, ("host", "b")), _time.GetUtcNow());
        Assert.Empty(Advance(grouper, TimeSpan.FromMinutes(4)));
        var second = Assert.Single(Advance(grouper, TimeSpan.FromMinutes(1)));
        Assert.Equal([1L, 2L], second.Firing.Select(a => a.Id));
    }

    [Fact]
    public void Flush_UnchangedGroup_RepeatsAfterRepeatInterval()
    {
        var grouper = Grouper();
        var start = _time.GetUtcNow();
        grouper.Observe(TestAlerts.Firing(1, "DiskFull", start), start);
        Assert.Single(Advance(grouper, TimeSpan.FromSeconds(30)));

        var quiet = 0;
        for (var i = 0; i < 47; i++)
        {
            quiet += Advance(grouper, TimeSpan.FromMinutes(5)).Count;
        }

        Assert.Equal(0, quiet);
        Assert.Single(Advance(grouper, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Flush_Resolved_SentOnceThenGroupGoes()
    {
        var grouper = Grouper();
        var start = _time.GetUtcNow();
        var alert = TestAlerts.Firing(1, "DiskFull", start);
        grouper.Observe(alert, start);
        Assert.Single(Advance(grouper, TimeSpan.FromSeconds(30)));

        grouper.Observe(TestAlerts.Resolve(alert, _time.GetUtcNow()), _time.GetUtcNow());
        var resolved = Assert.Single(Advance(grouper, TimeSpan.FromMinutes(5)));
        Assert.Empty(resolved.Firing);
        Assert.Equal(1, Assert.Single(resolved.Resolved).Id);
        Assert.Equal(0, grouper.GroupCount);
        Assert.Empty(Advance(grouper, TimeSpan.FromHours(5)));
    }

    [Fact]
    public void Flush_ResolvedBeforeFirstNotification_SendsNothing()
    {
        var grouper = Grouper();
        var start = _time.GetUtcNow();
        var alert = TestAlerts.Firing(1, "Blip", start);
        grouper.Observe(alert, start);
        grouper.Observe(TestAlerts.Resolve(alert, start.AddSeconds(5)), start.AddSeconds(5));
        Assert.Empty(Advance(grouper, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Flush_Suppressed_LeftOutUntilSuppressionEndsThenSentAtNextTick()
    {
        var grouper = Grouper();
        var start = _time.GetUtcNow();
        var loud = TestAlerts.Firing(1, "DiskFull", start, ("host", "a"));
        var quiet = TestAlerts.Suppress(TestAlerts.Firing(2, "DiskFull", start, ("host", "b")));
        grouper.Observe(loud, start);
        grouper.Observe(quiet, start);
        var first = Assert.Single(Advance(grouper, TimeSpan.FromSeconds(30)));
        Assert.Equal([1L], first.Firing.Select(a => a.Id));

        // The silence ends.
        grouper.Observe(quiet with { Suppression = null }, _time.GetUtcNow());
        var after = Assert.Single(Advance(grouper, TimeSpan.FromMinutes(5)));
        Assert.Equal([1L, 2L], after.Firing.Select(a => a.Id));
    }

    [Fact]
    public void Flush_NotifiedAlertSilencedThenUnsilenced_IsNotifiedAgain()
    {
        var grouper = Grouper();
        var start = _time.GetUtcNow();
        var alert = TestAlerts.Firing(1, "DiskFull", start);
        grouper.Observe(alert, start);
        Assert.Single(Advance(grouper, TimeSpan.FromSeconds(30)));
        grouper.Observe(TestAlerts.Suppress(alert), _time.GetUtcNow());
        Assert.Empty(Advance(grouper, TimeSpan.FromMinutes(5)));

        grouper.Observe(alert, _time.GetUtcNow());
        Assert.Single(Advance(grouper, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Flush_AllAcknowledged_NoRepeat_ButNewAlertStillSent()
    {
        var grouper = Grouper();
        var start = _time.GetUtcNow();
        var alert = TestAlerts.Firing(1, "DiskFull", start, ("host", "a"));
        grouper.Observe(alert, start);
        Assert.Single(Advance(grouper, TimeSpan.FromSeconds(30)));
        grouper.Observe(TestAlerts.Acknowledge(alert, _time.GetUtcNow()), _time.GetUtcNow());

        // Acknowledging is not news, and an acknowledged group is not repeated.
        Assert.Empty(Advance(grouper, TimeSpan.FromHours(5)));

        grouper.Observe(TestAlerts.Firing(2, "DiskFull", _time.GetUtcNow(), ("host", "b")), _time.GetUtcNow());
        var sent = Assert.Single(Advance(grouper, TimeSpan.FromMinutes(5)));
        Assert.Equal([1L, 2L], sent.Firing.Select(a => a.Id));

        // The repeat carries only what nobody acknowledged.
        var repeat = Enumerable.Range(0, 48).SelectMany(_ => Advance(grouper, TimeSpan.FromMinutes(5))).ToList();
        Assert.Equal([2L], Assert.Single(repeat).Firing.Select(a => a.Id));
    }

    [Fact]
    public void Flush_PendingAlert_OpensNoGroup()
    {
        var grouper = Grouper();
        var start = _time.GetUtcNow();
        grouper.Observe(TestAlerts.Make(1, "Slow", Engine.Alerting.AlertState.Pending, start, []), start);
        Assert.Empty(Advance(grouper, TimeSpan.FromMinutes(1)));
        Assert.Equal(0, grouper.GroupCount);
    }

    [Fact]
    public void Flush_UnacknowledgedPastEscalateAfter_EscalatesOnce()
    {
        var grouper = Grouper(escalateAfter: "15m");
        var start = _time.GetUtcNow();
        grouper.Observe(TestAlerts.Firing(1, "DiskFull", start), start);
        Assert.Single(Advance(grouper, TimeSpan.FromSeconds(30)));

        Assert.Empty(Advance(grouper, TimeSpan.FromMinutes(14)));
        var escalation = Assert.Single(Advance(grouper, TimeSpan.FromSeconds(30)));
        Assert.Equal("leads", escalation.Receiver);
        Assert.Equal(NotificationKinds.Escalation, escalation.Kind);
        Assert.Equal(1, Assert.Single(escalation.Firing).Id);
        Assert.Contains("escalated to leads", escalation.Comment, StringComparison.Ordinal);

        Assert.DoesNotContain(Enumerable.Range(0, 20).SelectMany(_ => Advance(grouper, TimeSpan.FromMinutes(1))), n => n.Kind == NotificationKinds.Escalation);
    }

    [Fact]
    public void Flush_AcknowledgedInTime_NeverEscalates()
    {
        var grouper = Grouper(escalateAfter: "15m");
        var start = _time.GetUtcNow();
        var alert = TestAlerts.Firing(1, "DiskFull", start);
        grouper.Observe(alert, start);
        Advance(grouper, TimeSpan.FromMinutes(10));
        grouper.Observe(TestAlerts.Acknowledge(alert, _time.GetUtcNow()), _time.GetUtcNow());

        Assert.DoesNotContain(Enumerable.Range(0, 30).SelectMany(_ => Advance(grouper, TimeSpan.FromMinutes(1))), n => n.Kind == NotificationKinds.Escalation);
    }
}

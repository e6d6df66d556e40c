using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Tests.Unit.Infrastructure;
using static McpMonitoring.Tests.Unit.Infrastructure.SuppressionFixture;

namespace McpMonitoring.Tests.Unit.Alerting;

public sealed class MaintenanceWindowTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private readonly SuppressionFixture _f = new();

    private static DateTimeOffset Utc(int month, int day, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Recurring_SpringForward_SkippedLocalTimeFiresAtEndOfGap()
    {
        var schedule = MaintenanceSchedule.Recurring("30 2 * * *", TimeSpan.FromHours(1), Berlin);

        var starts = schedule.From(Utc(3, 27, 12, 0)).Take(3).Select(o => o.StartsAt.ToUniversalTime()).ToList();

        // 28 Mar 02:30 CET; 29 Mar 02:30 does not exist, Cronos fires at 03:00 CEST; 30 Mar 02:30 CEST.
        Assert.Equal([Utc(3, 28, 1, 30), Utc(3, 29, 1, 0), Utc(3, 30, 0, 30)], starts);
        Assert.Null(schedule.ActiveAt(Utc(3, 29, 0, 59)));
        Assert.Equal(Utc(3, 29, 1, 0), schedule.ActiveAt(Utc(3, 29, 1, 0))!.StartsAt);
        Assert.NotNull(schedule.ActiveAt(Utc(3, 29, 1, 59)));
        Assert.Null(schedule.ActiveAt(Utc(3, 29, 2, 0)));
    }

    [Fact]
    public void Recurring_FallBack_RepeatedLocalTimeFiresOnce()
    {
        var schedule = MaintenanceSchedule.Recurring("30 2 * * *", TimeSpan.FromHours(1), Berlin);

        var starts = schedule.From(Utc(10, 23, 12, 0)).Take(3).Select(o => o.StartsAt.ToUniversalTime()).ToList();

        // 25 Oct: 02:30 happens at 00:30Z (CEST) and 01:30Z (CET); only the first counts.
        Assert.Equal([Utc(10, 24, 0, 30), Utc(10, 25, 0, 30), Utc(10, 26, 1, 30)], starts);
        Assert.NotNull(schedule.ActiveAt(Utc(10, 25, 1, 15)));
        Assert.Null(schedule.ActiveAt(Utc(10, 25, 1, 45)));
    }

    [Fact]
    public async Task Occurrences_AcrossSpringForward_InUtcAndWindowZone()
    {
        var ct = TestContext.Current.CancellationToken;
        // The fixture's clock starts in November 2026: the next spring-forward is Sunday 28 March 2027.
        _f.Time.SetUtcNow(new DateTimeOffset(2027, 3, 26, 12, 0, 0, TimeSpan.Zero));
        var window = (await _f.Windows.CreateAsync(new MaintenanceWindowInput
        {
            Name = "nightly backup",
            Targets = ["postgres-main"],
            Cron = "30 2 * * *",
            Duration = TimeSpan.FromHours(1),
            TimeZone = "Europe/Berlin",
        }, "alice", ct)).Value!;

        var occurrences = _f.Windows.Occurrences(window.Id, 3)!;

        Assert.Equal([Utc(3, 27, 1, 30).AddYears(1), Utc(3, 28, 1, 0).AddYears(1), Utc(3, 29, 0, 30).AddYears(1)], occurrences.Select(o => o.StartsAt));
        Assert.Equal(["02:30 +01:00", "03:00 +02:00", "02:30 +02:00"], occurrences.Select(o => o.LocalStartsAt.ToString("HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(occurrences, o => Assert.Equal(TimeSpan.FromHours(1), o.EndsAt - o.StartsAt));
        Assert.All(occurrences, o => Assert.Equal("Europe/Berlin", o.TimeZone));
    }

    [Fact]
    public void Recurring_OngoingOccurrence_ListedFirst()
    {
        var schedule = MaintenanceSchedule.Recurring("0 * * * *", TimeSpan.FromMinutes(30), TimeZoneInfo.Utc);
        var first = schedule.From(Utc(5, 1, 10, 10)).First();
        Assert.Equal(Utc(5, 1, 10, 0), first.StartsAt.ToUniversalTime());
        Assert.Equal(Utc(5, 1, 11, 0), schedule.NextAfter(Utc(5, 1, 10, 10))!.StartsAt.ToUniversalTime());
    }

    [Fact]
    public async Task OneOff_ScopedByTargetAndMatchers_SuppressesOnlyWhileOpen()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = _f.Time.GetUtcNow();
        var created = await _f.Windows.CreateAsync(new MaintenanceWindowInput
        {
            Name = "db upgrade",
            Targets = ["postgres-main"],
            Matchers = Matchers("{severity!=\"EMERGENCY\"}"),
            StartsAt = now + TimeSpan.FromMinutes(10),
            EndsAt = now + TimeSpan.FromMinutes(70),
        }, "alice", ct);
        Assert.Equal(ConfigMutationOutcome.Created, created.Outcome);
        var inScope = Labels(("target", "postgres-main"), ("severity", "ERROR"));

        Assert.Null(_f.Pipeline.Evaluate(inScope, now));
        _f.Time.Advance(TimeSpan.FromMinutes(10));
        var suppression = _f.Pipeline.Evaluate(inScope, _f.Time.GetUtcNow());
        Assert.Equal((SuppressionKind.MaintenanceWindow, created.Value!.Id), (suppression?.Kind, suppression?.Id));
        Assert.Contains("db upgrade", suppression!.Reason, StringComparison.Ordinal);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("target", "orders"), ("severity", "ERROR")), _f.Time.GetUtcNow()));
        Assert.Null(_f.Pipeline.Evaluate(Labels(("target", "postgres-main"), ("severity", "EMERGENCY")), _f.Time.GetUtcNow()));
        Assert.True(_f.Windows.Get(created.Value.Id)!.Active);

        _f.Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(_f.Pipeline.Evaluate(inScope, _f.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Create_Invalid_EveryProblemNamed()
    {
        var result = await _f.Windows.CreateAsync(new MaintenanceWindowInput
        {
            Cron = "61 * * * *",
            Duration = TimeSpan.FromSeconds(5),
            TimeZone = "Mars/Olympus",
        }, "alice", TestContext.Current.CancellationToken);

        Assert.Equal(ConfigMutationOutcome.Invalid, result.Outcome);
        Assert.Equal(["cron", "duration", "matchers", "name", "timeZone"], result.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Update_And_Delete_AppliedAndAudited()
    {
        var ct = TestContext.Current.CancellationToken;
        var input = new MaintenanceWindowInput { Name = "w", Targets = ["a"], Cron = "* * * * *", Duration = TimeSpan.FromMinutes(5) };
        var id = (await _f.Windows.CreateAsync(input, "alice", ct)).Value!.Id;
        Assert.NotNull(_f.Pipeline.Evaluate(Labels(("target", "a")), _f.Time.GetUtcNow()));

        input.Targets = ["b"];
        Assert.Equal(ConfigMutationOutcome.Ok, (await _f.Windows.UpdateAsync(id, input, "bob", ct)).Outcome);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("target", "a")), _f.Time.GetUtcNow()));
        Assert.NotNull(_f.Pipeline.Evaluate(Labels(("target", "b")), _f.Time.GetUtcNow()));

        Assert.Equal(ConfigMutationOutcome.Ok, (await _f.Windows.DeleteAsync(id, "carol", ct)).Outcome);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("target", "b")), _f.Time.GetUtcNow()));
        Assert.Equal(ConfigMutationOutcome.NotFound, (await _f.Windows.DeleteAsync(id, "carol", ct)).Outcome);
        var audit = await _f.Audit.GetAsync(new(SuppressionSubjects.MaintenanceWindow, id), 0, 10, ct);
        Assert.Equal(["delete", "update", "create"], audit.Items.Select(e => e.Action));
    }
}

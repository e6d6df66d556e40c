using McpMonitoring.Engine.Health;

namespace McpMonitoring.Tests.Unit.Health;

public sealed class HealthTrackerTests
{
    private static readonly TargetDefinition Target = new()
    {
        Name = "t",
        Kind = TargetKind.Http,
        Timeout = TimeSpan.FromSeconds(2),
        DegradedLatency = TimeSpan.FromMilliseconds(500),
        FailureThreshold = 3,
        RecoveryThreshold = 2,
    };

    private static ProbeResult Ok(double ms = 10) => ProbeResult.Ok(TimeSpan.FromMilliseconds(ms));

    private static ProbeResult Fail() => ProbeResult.Fail(TimeSpan.FromMilliseconds(5), "refused");

    [Fact]
    public void Apply_FirstSuccess_Healthy()
    {
        var tracker = new HealthTracker();
        Assert.Equal(HealthStatus.Healthy, tracker.Apply(Ok(), Target));
    }

    [Fact]
    public void Apply_SlowSuccess_Degraded()
    {
        var tracker = new HealthTracker();
        Assert.Equal(HealthStatus.Degraded, tracker.Apply(Ok(800), Target));
    }

    [Fact]
    public void Apply_SingleBlip_StaysHealthy()
    {
        var tracker = new HealthTracker();
        tracker.Apply(Ok(), Target);
        Assert.Equal(HealthStatus.Healthy, tracker.Apply(Fail(), Target));
        Assert.Equal(HealthStatus.Healthy, tracker.Apply(Ok(), Target));
    }

    [Fact]
    public void Apply_RepeatedBlipsWithinWindow_Degraded()
    {
        var tracker = new HealthTracker();
        tracker.Apply(Ok(), Target);
        tracker.Apply(Fail(), Target);
        tracker.Apply(Ok(), Target);
        Assert.Equal(HealthStatus.Degraded, tracker.Apply(Fail(), Target));
        Assert.Equal(HealthStatus.Degraded, tracker.Apply(Ok(), Target));
    }

    [Fact]
    public void Apply_ConsecutiveFailuresReachThreshold_Unhealthy()
    {
        var tracker = new HealthTracker();
        tracker.Apply(Ok(), Target);
        tracker.Apply(Fail(), Target);
        tracker.Apply(Fail(), Target);
        Assert.NotEqual(HealthStatus.Unhealthy, tracker.Status);
        Assert.Equal(HealthStatus.Unhealthy, tracker.Apply(Fail(), Target));
    }

    [Fact]
    public void Apply_FailuresFromStart_UnknownUntilThreshold()
    {
        var tracker = new HealthTracker();
        Assert.Equal(HealthStatus.Unknown, tracker.Apply(Fail(), Target));
        Assert.Equal(HealthStatus.Unknown, tracker.Apply(Fail(), Target));
        Assert.Equal(HealthStatus.Unhealthy, tracker.Apply(Fail(), Target));
    }

    [Fact]
    public void Apply_RecoveryNeedsConsecutiveSuccesses_ThenHealthyNotDegraded()
    {
        var tracker = new HealthTracker();
        for (var i = 0; i < 3; i++)
        {
            tracker.Apply(Fail(), Target);
        }

        Assert.Equal(HealthStatus.Unhealthy, tracker.Apply(Ok(), Target));
        Assert.Equal(HealthStatus.Unhealthy, tracker.Apply(Fail(), Target));
        Assert.Equal(HealthStatus.Unhealthy, tracker.Apply(Ok(), Target));
        // The outage's failures do not make the recovered target look intermittent.
        Assert.Equal(HealthStatus.Healthy, tracker.Apply(Ok(), Target));
    }
}

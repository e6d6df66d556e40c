using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Health;
using McpMonitoring.Tests.Unit.Infrastructure;
using static McpMonitoring.Tests.Unit.Infrastructure.SuppressionFixture;

namespace McpMonitoring.Tests.Unit.Alerting;

public sealed class DependencySuppressionTests
{
    private readonly SuppressionFixture _f = new();

    [Fact]
    public void Impacted_DependentsAlertsSuppressed_RootsAlertsNot()
    {
        _f.Engine.Add("db");
        _f.Engine.Add("api", "db");
        _f.Engine.Apply("db", success: false, count: 3);
        _f.Engine.Apply("api", success: false, count: 3);
        Assert.Equal(HealthStatus.Impacted, _f.Engine.StatusOf("api"));
        var now = _f.Time.GetUtcNow();

        var suppression = _f.Pipeline.Evaluate(Labels(("alertname", "TargetDown"), ("target", "api")), now);

        Assert.Equal(new SuppressionInfo(SuppressionKind.Dependency, "db", "dependency db is down"), suppression);
        Assert.Null(_f.Pipeline.Evaluate(Labels(("alertname", "TargetDown"), ("target", "db")), now));
        Assert.Null(_f.Pipeline.Evaluate(Labels(("alertname", "TargetDown"), ("target", "unknown")), now));
        Assert.Null(_f.Pipeline.Evaluate(Labels(("alertname", "NoTarget")), now));
    }

    [Fact]
    public void DependencyRecovers_SuppressionLifts()
    {
        _f.Engine.Add("db");
        _f.Engine.Add("api", "db");
        _f.Engine.Apply("db", success: false, count: 3);
        _f.Engine.Apply("api", success: false, count: 3);

        _f.Engine.Apply("db", success: true, count: 2);

        Assert.Equal(HealthStatus.Unhealthy, _f.Engine.StatusOf("api"));
        Assert.Null(_f.Pipeline.Evaluate(Labels(("target", "api")), _f.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Pipeline_SilenceBeforeDependency()
    {
        _f.Engine.Add("db");
        _f.Engine.Add("api", "db");
        _f.Engine.Apply("db", success: false, count: 3);
        _f.Engine.Apply("api", success: false, count: 3);
        await _f.Silences.CreateAsync(new SilenceInput
        {
            Matchers = Matchers("{target=\"api\"}"),
            EndsAt = _f.Time.GetUtcNow() + TimeSpan.FromHours(1),
            Comment = "known",
        }, "alice", TestContext.Current.CancellationToken);

        Assert.Equal(SuppressionKind.Silence, _f.Pipeline.Evaluate(Labels(("target", "api")), _f.Time.GetUtcNow())?.Kind);
    }
}

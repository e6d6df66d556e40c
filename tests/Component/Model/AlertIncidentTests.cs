using McpMonitoring.Engine.Alerting;
using McpMonitoring.Web.Model;

namespace McpMonitoring.Tests.Component.Model;

public sealed class AlertIncidentTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Group_RootCauseAnnotationAndOwnTarget_OneIncidentPerRoot()
    {
        AlertSnapshot[] alerts =
        [
            Alert(1, "demo-database", null, AlertSeverity.Critical),
            Alert(2, "demo-api", "demo-database", AlertSeverity.Critical),
            Alert(3, "demo-mcp", "demo-database", AlertSeverity.Warning),
            Alert(4, "billing", null, AlertSeverity.Warning),
            Alert(5, "old", null, AlertSeverity.Emergency, AlertState.Resolved),
        ];

        var incidents = AlertIncident.Group(alerts);

        Assert.Equal(["demo-database", "billing"], incidents.Select(i => i.RootCause));
        var database = incidents[0];
        Assert.Equal("demo-database down: 3 alerts", database.Title);
        Assert.Equal(1, database.Alerts[0].Id);
        Assert.Equal(AlertSeverity.Critical, database.Severity);
        Assert.Equal("billing down: 1 alert", incidents[1].Title);
    }

    [Fact]
    public void Group_RootNotAlerting_TitleDoesNotClaimItIsDown()
    {
        var incidents = AlertIncident.Group([Alert(2, "demo-api", "demo-database", AlertSeverity.Critical)]);

        Assert.Equal("demo-database: 1 alert", Assert.Single(incidents).Title);
    }

    private static AlertSnapshot Alert(long id, string target, string? rootCause, AlertSeverity severity, AlertState state = AlertState.Firing)
    {
        var annotations = new Dictionary<string, string>();
        if (rootCause is not null)
        {
            annotations["root_cause"] = rootCause;
        }

        return new AlertSnapshot(id, $"fp{id}", "TargetUnhealthy", severity, state,
            new Dictionary<string, string> { ["alertname"] = "TargetUnhealthy", ["target"] = target }, annotations, AlertSources.Health,
            Start.AddSeconds(id), Start.AddSeconds(id), Start, null, null, null, 1, null, null);
    }
}

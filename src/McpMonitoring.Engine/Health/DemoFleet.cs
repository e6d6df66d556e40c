namespace McpMonitoring.Engine.Health;

/// <summary>
/// What a newcomer sees on first run: the console itself, a demo database, a demo API and a demo MCP
/// server (hosted by the console) that depend on the database, so stopping it shows the cascade.
/// </summary>
public static class DemoFleet
{
    public const string Console = "console";
    public const string Database = "demo-database";
    public const string Api = "demo-api";
    public const string Mcp = "demo-mcp";

    public static IReadOnlyList<TargetDefinition> Create(Uri baseAddress)
    {
        Uri At(string path) => new(baseAddress, path);
        var labels = new Dictionary<string, string> { ["env"] = "demo" };
        return
        [
            new TargetDefinition
            {
                Name = Console, Kind = TargetKind.Http, Url = At("/health").ToString(), Interval = TimeSpan.FromSeconds(5),
                Timeout = TimeSpan.FromSeconds(2), Labels = new(labels) { ["team"] = "platform" },
            },
            new TargetDefinition
            {
                Name = Database, Kind = TargetKind.Http, Url = At("/demo/services/database/health").ToString(),
                Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(1), FailureThreshold = 2, RecoveryThreshold = 1,
                JsonPath = "$.status", JsonValue = "ok", Labels = new(labels) { ["team"] = "data" },
            },
            new TargetDefinition
            {
                Name = Api, Kind = TargetKind.Http, Url = At("/demo/services/api/health").ToString(),
                Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(1), FailureThreshold = 2, RecoveryThreshold = 1,
                Labels = new(labels) { ["team"] = "automation" }, DependsOn = [Database],
            },
            new TargetDefinition
            {
                Name = Mcp, Kind = TargetKind.Mcp, Url = At("/demo/mcp").ToString(), Transport = "streamable-http",
                Interval = TimeSpan.FromSeconds(2), Timeout = TimeSpan.FromSeconds(1.5), FailureThreshold = 2, RecoveryThreshold = 1,
                Labels = new(labels) { ["team"] = "automation" }, DependsOn = [Database],
            },
        ];
    }
}

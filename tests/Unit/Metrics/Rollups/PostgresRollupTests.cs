using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Metrics.Rollups;

/// <summary>The same rollup SQL on a real PostgreSQL (schema from EnsureCreated, as the console does there).</summary>
public sealed class PostgresRollupTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Rollups_WrittenThenReadAfterRestart_LongRangeChartFromPostgres()
    {
        var database = await server.CreateDatabaseAsync("rollups", TestContext.Current.CancellationToken);
        await RollupScenario.RunAsync(database);
    }
}

using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Probes;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Health.Probes;

/// <summary>The database probe against a real PostgreSQL cluster (see <see cref="PostgresServer"/>).</summary>
public sealed class PostgresProbeTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static TargetDefinition Target(string connectionString) => new()
    {
        Name = "pg",
        Kind = TargetKind.Database,
        Provider = "postgresql",
        ConnectionString = connectionString,
    };

    private static Task<ProbeResult> ProbeAsync(string connectionString) =>
        new DatabaseProbe(TimeProvider.System).ProbeAsync(Target(connectionString), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Running_Superuser_Success()
    {
        var result = await ProbeAsync(server.ConnectionString);
        Assert.True(result.Success, result.Error);
        Assert.True(result.Latency > TimeSpan.Zero);
    }

    [Fact]
    public async Task Running_PasswordRole_RightPassword_Success()
    {
        var result = await ProbeAsync(server.For("postgres", PostgresServer.PasswordUser, PostgresServer.Password));
        Assert.True(result.Success, result.Error);
    }

    [Fact]
    public async Task WrongPassword_FailureNamesProviderAndCause()
    {
        var result = await ProbeAsync(server.For("postgres", PostgresServer.PasswordUser, "not-the-password"));
        Assert.False(result.Success);
        Assert.StartsWith("postgresql: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("password authentication failed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownDatabase_FailureNamesProviderAndDatabase()
    {
        var result = await ProbeAsync(server.For("no_such_db"));
        Assert.False(result.Success);
        Assert.StartsWith("postgresql: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("\"no_such_db\" does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerStopped_Failure()
    {
        // A cluster of its own: stopping the class's shared one would break the other tests.
        await using var own = new PostgresServer();
        await own.InitializeAsync();
        var connectionString = own.ConnectionString;
        Assert.True((await ProbeAsync(connectionString)).Success);

        await own.StopAsync();
        var down = await ProbeAsync(connectionString);
        Assert.False(down.Success);
        Assert.StartsWith("postgresql: ", down.Error, StringComparison.Ordinal);
    }
}

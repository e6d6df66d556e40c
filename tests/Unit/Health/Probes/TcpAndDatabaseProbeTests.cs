using System.Net;
using System.Net.Sockets;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Probes;
using Microsoft.Data.Sqlite;

namespace McpMonitoring.Tests.Unit.Health.Probes;

public sealed class TcpAndDatabaseProbeTests
{
    [Fact]
    public async Task Tcp_Listening_Success_ThenStopped_Failure()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var probe = new TcpProbe(TimeProvider.System);
        var target = new TargetDefinition { Name = "queue", Kind = TargetKind.Tcp, Host = "127.0.0.1", Port = port };

        Assert.True((await probe.ProbeAsync(target, TestContext.Current.CancellationToken)).Success);

        listener.Stop();
        var down = await probe.ProbeAsync(target, TestContext.Current.CancellationToken);
        Assert.False(down.Success);
        Assert.Contains($"connect to 127.0.0.1:{port} failed: ConnectionRefused", down.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sqlite_ExistingFile_Success()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mcpmon-db-").FullName, "app.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE t (x INTEGER)";
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var result = await new DatabaseProbe(TimeProvider.System).ProbeAsync(
            new TargetDefinition { Name = "db", Kind = TargetKind.Database, Provider = "sqlite", ConnectionString = $"Data Source={path}" },
            TestContext.Current.CancellationToken);
        Assert.True(result.Success, result.Error);
    }

    [Fact]
    public async Task Sqlite_MissingFile_FailureAndNotCreated()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("mcpmon-db-").FullName, "missing.db");
        var result = await new DatabaseProbe(TimeProvider.System).ProbeAsync(
            new TargetDefinition { Name = "db", Kind = TargetKind.Database, Provider = "sqlite", ConnectionString = $"Data Source={path}" },
            TestContext.Current.CancellationToken);
        Assert.False(result.Success);
        Assert.StartsWith("sqlite: ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Postgres_NothingListening_FailureNamesProvider()
    {
        var port = HttpProbeTests.FreePort();
        var result = await new DatabaseProbe(TimeProvider.System).ProbeAsync(
            new TargetDefinition
            {
                Name = "pg", Kind = TargetKind.Database, Provider = "postgresql",
                ConnectionString = $"Host=127.0.0.1;Port={port};Username=monitor;Password=x;Timeout=2",
            },
            TestContext.Current.CancellationToken);
        Assert.False(result.Success);
        Assert.StartsWith("postgresql: ", result.Error, StringComparison.Ordinal);
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace McpMonitoring.Engine.Health.Probes;

/// <summary>Opens a connection and runs <c>SELECT 1</c> (SQLite or PostgreSQL). Provider pools keep this cheap.</summary>
public sealed class DatabaseProbe(TimeProvider time) : IProbe
{
    public TargetKind Kind => TargetKind.Database;

    public async Task<ProbeResult> ProbeAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        try
        {
            await using var connection = Create(target);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            var latency = time.GetElapsedTime(start);
            return Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 1
                ? ProbeResult.Ok(latency)
                : ProbeResult.Fail(latency, $"SELECT 1 returned {value}");
        }
        catch (DbException ex)
        {
            return ProbeResult.Fail(time.GetElapsedTime(start), $"{target.Provider}: {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            return ProbeResult.Fail(time.GetElapsedTime(start), $"{target.Provider}: invalid connection string: {ex.Message}");
        }
    }

    private static DbConnection Create(TargetDefinition target)
    {
        if (target.Provider == "postgresql")
        {
            return new NpgsqlConnection(target.ConnectionString);
        }

        // A health check must never create the database it checks: open existing files only.
        var builder = new SqliteConnectionStringBuilder(target.ConnectionString);
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadWrite;
        }

        return new SqliteConnection(builder.ToString());
    }
}

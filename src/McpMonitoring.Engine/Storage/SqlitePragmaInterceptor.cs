using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace McpMonitoring.Engine.Storage;

/// <summary>
/// Per-connection SQLite settings: wait for the writer instead of failing with "database is locked",
/// and with WAL, synchronous=NORMAL is durable across application crashes at a fraction of the fsyncs.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

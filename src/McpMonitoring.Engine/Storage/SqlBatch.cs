using System.Data;
using System.Data.Common;
using System.Text;

namespace McpMonitoring.Engine.Storage;

/// <summary>Raw ADO.NET helpers shared by the batching writers (probe history, metric rollups).</summary>
internal static class SqlBatch
{
    public const int RowsPerStatement = 256;

    /// <summary>
    /// Inserts <paramref name="rows"/> with multi-row VALUES statements of <see cref="RowsPerStatement"/> rows whose
    /// values are numeric literals written by <paramref name="appendRow"/>. Measured on one-row prepared inserts,
    /// the provider's per-statement and per-parameter work, not SQLite's b-tree, dominated; and named parameters
    /// do not scale to multi-row statements (SQLite looks each name up linearly, quadratic per statement).
    /// Only numbers and TRUE/FALSE formatted with the invariant culture are inlined, never text, so there is
    /// nothing to inject; the same SQL runs on SQLite and PostgreSQL.
    /// </summary>
    public static async Task InsertRowsAsync<T>(
        DbConnection connection,
        DbTransaction transaction,
        string head,
        string tail,
        IReadOnlyList<T> rows,
        Action<T, StringBuilder> appendRow,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(head.Length + tail.Length + (RowsPerStatement * 48));
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            sql.Clear().Append(head).Append(" VALUES ");
            var end = Math.Min(rows.Count, start + RowsPerStatement);
            for (var i = start; i < end; i++)
            {
                sql.Append(i == start ? "(" : ",(");
                appendRow(rows[i], sql);
                sql.Append(')');
            }

            command.CommandText = sql.Append(tail).ToString();
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            // SQLite's "async" calls run synchronously: without a yield, flushing a minute of rollups for 100k
            // targets held a thread-pool thread for about half a second, and on 2 cores probe continuations
            // queued behind it. Yielding per statement (about 1 ms of work) lets them run in between.
            await Task.Yield();
        }
    }

    /// <summary>Typed up front: PostgreSQL (unlike SQLite) needs each parameter's type to prepare a command.</summary>
    public static DbParameter AddParameter(DbCommand command, string name, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }
}

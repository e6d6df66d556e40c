using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace McpMonitoring.Engine.Storage;

/// <summary>SQLite (embedded default) or PostgreSQL (scale-out), chosen by the shape of the connection string.</summary>
public static class DatabaseProvider
{
    public static bool IsPostgres(string connectionString) =>
        connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase)
        || connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);

    public static void Configure(DbContextOptionsBuilder options, string connectionString)
    {
        if (IsPostgres(connectionString))
        {
            options.UseNpgsql(connectionString);
            return;
        }

        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 };
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        options.UseSqlite(builder.ToString());
        options.AddInterceptors(new SqlitePragmaInterceptor());
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace McpMonitoring.Engine.Storage;

/// <summary>Applies migrations before anything else starts (registered first among hosted services).</summary>
internal sealed class DatabaseInitializer(IDbContextFactory<MonitoringDbContext> contexts, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            // WAL lets pages read while the history writer writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The migrations in this assembly are SQLite's; PostgreSQL gets the same model created directly.
            await db.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

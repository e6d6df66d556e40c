using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Engine.Metrics.Rollups;
using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpMonitoring.Tests.Unit.Metrics.Rollups;

/// <summary>
/// One "process" of the console's metrics side over a real database: a fresh store (memory starts empty, as after a
/// restart), the rollup writer and the query engine. A second instance on the same database is the restart.
/// </summary>
internal sealed class RollupProcess : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private RollupProcess(ServiceProvider provider, FakeTimeProvider time, MetricsOptions options)
    {
        _provider = provider;
        var contexts = provider.GetRequiredService<IDbContextFactory<MonitoringDbContext>>();
        var wrapped = Options.Create(options);
        Contexts = contexts;
        Store = new TimeSeriesStore(wrapped, time);
        Repository = new MetricRollupRepository(contexts);
        Service = new MetricRollupService(Store, Repository, time, wrapped, NullLogger<MetricRollupService>.Instance);
        Engine = new MetricsQueryEngine(Store, wrapped, Repository);
    }

    public IDbContextFactory<MonitoringDbContext> Contexts { get; }

    public TimeSeriesStore Store { get; }

    public MetricRollupRepository Repository { get; }

    public MetricRollupService Service { get; }

    public MetricsQueryEngine Engine { get; }

    /// <summary>Migrates (SQLite) or creates (PostgreSQL) the schema as the console's initializer does, then builds the process.</summary>
    public static async Task<RollupProcess> StartAsync(string connectionString, FakeTimeProvider time, MetricsOptions options)
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<MonitoringDbContext>(o => DatabaseProvider.Configure(o, connectionString));
        var provider = services.BuildServiceProvider();
        await new DatabaseInitializer(provider.GetRequiredService<IDbContextFactory<MonitoringDbContext>>(), NullLogger<DatabaseInitializer>.Instance)
            .StartAsync(CancellationToken.None);
        return new RollupProcess(provider, time, options);
    }

    /// <summary>Persisted buckets as "metric{labels} bucket-minute: min max sum count last", for readable assertions.</summary>
    public async Task<List<string>> RowsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var rows = await db.MetricRollups.AsNoTracking()
            .Join(db.MetricSeries, r => r.SeriesId, s => s.Id, (r, s) => new { s.MetricName, s.Labels, r })
            .ToListAsync(TestContext.Current.CancellationToken);
        return
        [
            .. rows
                .Select(x => $"{x.MetricName}{x.Labels} {(x.r.BucketMs - MetricsTestData.T0Ms) / 60_000}: {x.r.MinValue} {x.r.MaxValue} {x.r.SumValue} {x.r.Count} {x.r.LastValue}")
                .Order(StringComparer.Ordinal),
        ];
    }

    public async Task<int> SeriesRowsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.MetricSeries.CountAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Service.Dispose();
        await _provider.DisposeAsync();
    }
}

using BenchmarkDotNet.Attributes;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.History;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Bench;

/// <summary>
/// The SQLite side of raw history: one operation writes one batch of <see cref="BatchSize"/> results
/// (2,000 = 200 ms of a 100k-target fleet at 10 s) through <see cref="ProbeHistoryWriter.RunOnceAsync"/>
/// into a WAL-mode file, as the console does. Divide by BatchSize for the cost per row.
/// </summary>
[MemoryDiagnoser]
public class HistoryWriterBenchmarks
{
    private readonly ProbeResult _ok = ProbeResult.Ok(TimeSpan.FromMilliseconds(1.5));
    private string _folder = "";
    private ProbeHistory _history = null!;
    private ProbeHistoryWriter _writer = null!;
    private TargetDefinition[] _targets = [];
    private int _next;

    [Params(2_000)]
    public int BatchSize { get; set; }

    [Params(true, false)]
    public bool PersistRawResults { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "mcpmon-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        var options = Options.Create(new MonitoringOptions
        {
            History = new HistoryOptions { PersistRawResults = PersistRawResults, MaintenanceInterval = TimeSpan.FromDays(1) },
        });
        var builder = new DbContextOptionsBuilder<MonitoringDbContext>();
        DatabaseProvider.Configure(builder, $"Data Source={Path.Combine(_folder, "m.db")}");
        var contexts = new PooledDbContextFactory<MonitoringDbContext>(builder.Options);
        using (var db = contexts.CreateDbContext())
        {
            db.Database.Migrate();
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode = WAL;");
        }

        _history = new ProbeHistory(options);
        _writer = new ProbeHistoryWriter(
            _history, new MonitoringEventStream(TimeProvider.System, options), contexts, TimeProvider.System, options,
            NullLogger<ProbeHistoryWriter>.Instance);
        _targets = [.. Enumerable.Range(0, 100_000).Select(i => new TargetDefinition { Name = $"t{i:000000}", Kind = TargetKind.Http })];

        // Create every series once, as a running console has.
        foreach (var target in _targets)
        {
            _history.Record(target, DateTimeOffset.UtcNow, _ok);
        }

        _writer.RunOnceAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [IterationSetup]
    public void Fill()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < BatchSize; i++)
        {
            _history.Record(_targets[_next], now, _ok);
            _next = (_next + 1) % _targets.Length;
        }
    }

    [Benchmark(Description = "ProbeHistoryWriter: one batch")]
    public Task WriteBatch() => _writer.RunOnceAsync(CancellationToken.None);
}

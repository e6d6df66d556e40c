using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Storage;

namespace McpMonitoring.Engine.Health.History;

/// <summary>One point of a latency chart: an interval's average and worst latency and how many probes failed.</summary>
public sealed record LatencyPoint(DateTimeOffset At, double AverageMs, double MaxMs, int Count, int Failures);

/// <summary>Reads history for charts: raw results for short ranges, per-minute rollups beyond, always aggregated in SQL.</summary>
public sealed class ProbeHistoryQuery(IDbContextFactory<MonitoringDbContext> contexts, IOptions<MonitoringOptions> options)
{
    public async Task<IReadOnlyList<LatencyPoint>> GetLatencyAsync(
        string target, DateTimeOffset from, DateTimeOffset to, int maxPoints, CancellationToken cancellationToken)
    {
        maxPoints = Math.Clamp(maxPoints, 10, 2000);
        var fromMs = from.ToUnixTimeMilliseconds();
        var toMs = to.ToUnixTimeMilliseconds();
        var useRaw = to - from <= TimeSpan.FromHours(1) && to - from <= options.Value.History.RawRetention && options.Value.History.PersistRawResults;
        var minimumStep = useRaw ? 1_000L : RollupAccumulator.BucketMs;
        var step = Math.Max(minimumStep, (toMs - fromMs) / maxPoints);
        step = (step + minimumStep - 1) / minimumStep * minimumStep;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var seriesId = await db.HistorySeries.Where(s => s.TargetName == target).Select(s => (int?)s.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (seriesId is null)
        {
            return [];
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = useRaw
            ? "SELECT (at_ms / @step) * @step AS b, COUNT(*), SUM(CASE WHEN success THEN 0 ELSE 1 END), SUM(latency_ms), MAX(latency_ms) " +
              "FROM probe_results WHERE series_id = @s AND at_ms >= @from AND at_ms <= @to GROUP BY b ORDER BY b"
            : "SELECT (bucket_ms / @step) * @step AS b, SUM(count), SUM(failures), SUM(sum_latency_ms), MAX(max_latency_ms) " +
              "FROM probe_rollups WHERE series_id = @s AND bucket_ms >= @from AND bucket_ms <= @to GROUP BY b ORDER BY b";
        Add(command, "@step", step);
        Add(command, "@s", seriesId.Value);
        Add(command, "@from", fromMs - (fromMs % minimumStep));
        Add(command, "@to", toMs);
        var points = new List<LatencyPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var count = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            var sum = Convert.ToDouble(reader.GetValue(3), CultureInfo.InvariantCulture);
            points.Add(new LatencyPoint(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                count == 0 ? 0 : Math.Round(sum / count, 2),
                Math.Round(Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture), 2),
                count,
                Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }

        return points;
    }

    /// <summary>Status transitions of one target (or all when null), newest first.</summary>
    public async Task<IReadOnlyList<StatusChangeEntity>> GetStatusChangesAsync(string? target, int take, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.StatusChanges.AsNoTracking();
        if (target is not null)
        {
            query = query.Where(c => c.TargetName == target);
        }

        return await query.OrderByDescending(c => c.Id).Take(Math.Clamp(take, 1, 1000)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

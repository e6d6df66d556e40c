using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Engine.Storage;

namespace McpMonitoring.Engine.Metrics.Rollups;

/// <summary>
/// Reads and writes <c>metric_series</c> and <c>metric_rollups</c> with raw ADO.NET on the EF connection, like the
/// probe history: multi-row literal inserts for the numbers, parameters for text, the same SQL on SQLite and PostgreSQL.
/// </summary>
public sealed class MetricRollupRepository(IDbContextFactory<MonitoringDbContext> contexts)
{
    private const int IdsPerQuery = 500;

    internal readonly record struct Row(int SeriesId, long BucketMs, SampleAggregate Aggregate);

    /// <summary>The database ids of these series, created when new (one upsert each, in one transaction).</summary>
    internal async Task<int[]> EnsureSeriesAsync(IReadOnlyList<LabelSet> series, CancellationToken cancellationToken)
    {
        var ids = new int[series.Count];
        if (series.Count == 0)
        {
            return ids;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText =
            "INSERT INTO metric_series (metric_name, labels, series_key) VALUES (@m, @l, @k) ON CONFLICT (series_key) DO NOTHING; " +
            "SELECT id FROM metric_series WHERE series_key = @k";
        var name = SqlBatch.AddParameter(upsert, "@m", DbType.String);
        var labels = SqlBatch.AddParameter(upsert, "@l", DbType.String);
        var key = SqlBatch.AddParameter(upsert, "@k", DbType.String);
        for (var i = 0; i < series.Count; i++)
        {
            var json = SeriesIdentity.LabelsJson(series[i]);
            name.Value = series[i].MetricName;
            labels.Value = json;
            key.Value = SeriesIdentity.Key(series[i].MetricName, json);
            ids[i] = Convert.ToInt32(await upsert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return ids;
    }

    /// <summary>
    /// Writes buckets in one transaction. A bucket already stored (the part written at shutdown, completed after a
    /// restart) merges: counts and sums add up, min and max widen, the later write's last value wins.
    /// </summary>
    internal async Task WriteAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await SqlBatch.InsertRowsAsync(
            connection,
            transaction,
            "INSERT INTO metric_rollups (series_id, bucket_ms, min_value, max_value, sum_value, count, last_value)",
            " ON CONFLICT (series_id, bucket_ms) DO UPDATE SET " +
            "min_value = CASE WHEN excluded.min_value < metric_rollups.min_value THEN excluded.min_value ELSE metric_rollups.min_value END, " +
            "max_value = CASE WHEN excluded.max_value > metric_rollups.max_value THEN excluded.max_value ELSE metric_rollups.max_value END, " +
            "sum_value = metric_rollups.sum_value + excluded.sum_value, count = metric_rollups.count + excluded.count, " +
            "last_value = excluded.last_value",
            rows,
            static (row, sql) =>
            {
                var a = row.Aggregate;
                sql.Append(CultureInfo.InvariantCulture, $"{row.SeriesId},{row.BucketMs},{a.Min:R},{a.Max:R},{a.Sum:R},{a.Count},{a.Last:R}");
            },
            cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes buckets older than the cutoff and series left without any; returns the ids of the deleted series.</summary>
    internal async Task<(int Rows, IReadOnlyList<int> Series)> PruneAsync(long cutoffMs, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.MetricRollups.Where(r => r.BucketMs < cutoffMs).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "DELETE FROM metric_series WHERE NOT EXISTS (SELECT 1 FROM metric_rollups r WHERE r.series_id = metric_series.id) RETURNING id";
        var deleted = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            deleted.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return (rows, deleted);
    }

    /// <summary>The persisted series of a metric that satisfy the matchers, with their buckets starting in [fromMs, toMs].</summary>
    public async Task<IReadOnlyList<RollupSeries>> ReadAsync(
        string metricName, IReadOnlyList<Matcher> matchers, long fromMs, long toMs, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var candidates = await db.MetricSeries.AsNoTracking().Where(s => s.MetricName == metricName)
            .Select(s => new { s.Id, s.Labels }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var filter = new LabelFilter(matchers);
        var selected = new Dictionary<int, (LabelSet Labels, List<RollupPoint> Points)>();
        foreach (var candidate in candidates)
        {
            var labels = SeriesIdentity.Parse(metricName, candidate.Labels);
            if (filter.Matches(labels))
            {
                selected[candidate.Id] = (labels, []);
            }
        }

        if (selected.Count == 0)
        {
            return [];
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ids = selected.Keys.Order().ToArray();
        for (var start = 0; start < ids.Length; start += IdsPerQuery)
        {
            await using var command = connection.CreateCommand();
            // Ids are integers from the database: inlined, nothing to inject, and no parameter-count limits.
            var list = new StringBuilder();
            foreach (var id in ids.AsSpan(start, Math.Min(IdsPerQuery, ids.Length - start)))
            {
                list.Append(list.Length == 0 ? "" : ",").Append(id.ToString(CultureInfo.InvariantCulture));
            }

            command.CommandText =
                "SELECT series_id, bucket_ms, min_value, max_value, sum_value, count, last_value FROM metric_rollups " +
                $"WHERE series_id IN ({list}) AND bucket_ms >= @from AND bucket_ms <= @to ORDER BY series_id, bucket_ms";
            SqlBatch.AddParameter(command, "@from", DbType.Int64).Value = fromMs;
            SqlBatch.AddParameter(command, "@to", DbType.Int64).Value = toMs;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                selected[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)].Points.Add(new RollupPoint(
                    reader.GetInt64(1),
                    ReadDouble(reader, 2),
                    ReadDouble(reader, 3),
                    ReadDouble(reader, 4),
                    Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                    ReadDouble(reader, 6)));
            }
        }

        return selected.Values.Where(s => s.Points.Count > 0).Select(s => new RollupSeries(s.Labels, s.Points)).ToList();
    }

    private static double ReadDouble(DbDataReader reader, int ordinal) => Convert.ToDouble(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

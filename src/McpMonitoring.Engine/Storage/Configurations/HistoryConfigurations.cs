using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McpMonitoring.Engine.Storage.Configurations;

internal sealed class HistorySeriesEntityConfiguration : IEntityTypeConfiguration<HistorySeriesEntity>
{
    public void Configure(EntityTypeBuilder<HistorySeriesEntity> builder)
    {
        builder.ToTable("history_series");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.TargetName).HasMaxLength(128).IsRequired();
        builder.HasIndex(s => s.TargetName).IsUnique();
    }
}

internal sealed class ProbeResultEntityConfiguration : IEntityTypeConfiguration<ProbeResultEntity>
{
    public void Configure(EntityTypeBuilder<ProbeResultEntity> builder)
    {
        builder.ToTable("probe_results");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SeriesId).HasColumnName("series_id");
        builder.Property(r => r.AtMs).HasColumnName("at_ms");
        builder.Property(r => r.Success).HasColumnName("success");
        builder.Property(r => r.LatencyMs).HasColumnName("latency_ms");
        builder.HasIndex(r => new { r.SeriesId, r.AtMs });
        // Pruning deletes by time across all series.
        builder.HasIndex(r => r.AtMs);
    }
}

internal sealed class ProbeRollupEntityConfiguration : IEntityTypeConfiguration<ProbeRollupEntity>
{
    public void Configure(EntityTypeBuilder<ProbeRollupEntity> builder)
    {
        builder.ToTable("probe_rollups");
        builder.HasKey(r => new { r.SeriesId, r.BucketMs });
        builder.Property(r => r.SeriesId).HasColumnName("series_id");
        builder.Property(r => r.BucketMs).HasColumnName("bucket_ms");
        builder.Property(r => r.Count).HasColumnName("count");
        builder.Property(r => r.Failures).HasColumnName("failures");
        builder.Property(r => r.SumLatencyMs).HasColumnName("sum_latency_ms");
        builder.Property(r => r.MinLatencyMs).HasColumnName("min_latency_ms");
        builder.Property(r => r.MaxLatencyMs).HasColumnName("max_latency_ms");
        builder.HasIndex(r => r.BucketMs);
    }
}

internal sealed class StatusChangeEntityConfiguration : IEntityTypeConfiguration<StatusChangeEntity>
{
    public void Configure(EntityTypeBuilder<StatusChangeEntity> builder)
    {
        builder.ToTable("status_changes");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.TargetName).HasMaxLength(128).IsRequired();
        builder.Property(c => c.FromStatus).HasMaxLength(16);
        builder.Property(c => c.ToStatus).HasMaxLength(16);
        builder.Property(c => c.Error).HasMaxLength(2000);
        builder.Property(c => c.At).HasConversion<UtcDateTimeConverter>();
        builder.HasIndex(c => new { c.TargetName, c.At });
        builder.HasIndex(c => c.At);
    }
}

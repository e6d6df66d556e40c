using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McpMonitoring.Engine.Storage.Configurations;

internal sealed class MetricSeriesEntityConfiguration : IEntityTypeConfiguration<MetricSeriesEntity>
{
    public void Configure(EntityTypeBuilder<MetricSeriesEntity> builder)
    {
        builder.ToTable("metric_series");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.MetricName).HasColumnName("metric_name").IsRequired();
        builder.Property(s => s.Labels).HasColumnName("labels").IsRequired();
        builder.Property(s => s.SeriesKey).HasColumnName("series_key").HasMaxLength(32).IsRequired();
        builder.HasIndex(s => s.SeriesKey).IsUnique();
        // Queries select a metric's series by name, then match labels in memory.
        builder.HasIndex(s => s.MetricName);
    }
}

internal sealed class MetricRollupEntityConfiguration : IEntityTypeConfiguration<MetricRollupEntity>
{
    public void Configure(EntityTypeBuilder<MetricRollupEntity> builder)
    {
        builder.ToTable("metric_rollups");
        builder.HasKey(r => new { r.SeriesId, r.BucketMs });
        builder.Property(r => r.SeriesId).HasColumnName("series_id");
        builder.Property(r => r.BucketMs).HasColumnName("bucket_ms");
        builder.Property(r => r.MinValue).HasColumnName("min_value");
        builder.Property(r => r.MaxValue).HasColumnName("max_value");
        builder.Property(r => r.SumValue).HasColumnName("sum_value");
        builder.Property(r => r.Count).HasColumnName("count");
        builder.Property(r => r.LastValue).HasColumnName("last_value");
        // Retention deletes by time across all series.
        builder.HasIndex(r => r.BucketMs);
    }
}

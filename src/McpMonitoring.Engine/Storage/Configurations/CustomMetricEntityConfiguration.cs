using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McpMonitoring.Engine.Storage.Configurations;

internal sealed class CustomMetricEntityConfiguration : IEntityTypeConfiguration<CustomMetricEntity>
{
    public void Configure(EntityTypeBuilder<CustomMetricEntity> builder)
    {
        builder.ToTable("custom_metrics");
        builder.HasKey(m => m.Name);
        builder.Property(m => m.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(m => m.Type).HasColumnName("type").HasMaxLength(16).IsRequired();
        builder.Property(m => m.Help).HasColumnName("help").HasMaxLength(1024).IsRequired();
        builder.Property(m => m.LabelNamesJson).HasColumnName("label_names_json").IsRequired();
        builder.Property(m => m.BucketsJson).HasColumnName("buckets_json");
        builder.Property(m => m.CreatedAt).HasColumnName("created_at").HasConversion<UtcDateTimeConverter>();
        builder.Property(m => m.CreatedBy).HasColumnName("created_by").HasMaxLength(128).IsRequired();
    }
}

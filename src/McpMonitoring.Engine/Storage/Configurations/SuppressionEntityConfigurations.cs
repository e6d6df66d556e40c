using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McpMonitoring.Engine.Storage.Configurations;

internal sealed class SilenceEntityConfiguration : IEntityTypeConfiguration<SilenceEntity>
{
    public void Configure(EntityTypeBuilder<SilenceEntity> builder)
    {
        builder.ToTable("silences");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(s => s.MatchersJson).HasColumnName("matchers_json").IsRequired();
        builder.Property(s => s.StartsAt).HasColumnName("starts_at").HasConversion<UtcDateTimeConverter>();
        builder.Property(s => s.EndsAt).HasColumnName("ends_at").HasConversion<UtcDateTimeConverter>();
        builder.Property(s => s.CreatedBy).HasColumnName("created_by").HasMaxLength(128).IsRequired();
        builder.Property(s => s.Comment).HasColumnName("comment").HasMaxLength(4000).IsRequired();
        builder.Property(s => s.CreatedAt).HasColumnName("created_at").HasConversion<UtcDateTimeConverter>();
        builder.Property(s => s.UpdatedAt).HasColumnName("updated_at").HasConversion<UtcDateTimeConverter>();
        // State filters (active/pending/expired) and retention pruning compare against the ends.
        builder.HasIndex(s => s.EndsAt);
    }
}

internal sealed class MaintenanceWindowEntityConfiguration : IEntityTypeConfiguration<MaintenanceWindowEntity>
{
    public void Configure(EntityTypeBuilder<MaintenanceWindowEntity> builder)
    {
        builder.ToTable("maintenance_windows");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(w => w.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
        builder.Property(w => w.Comment).HasColumnName("comment").HasMaxLength(4000);
        builder.Property(w => w.CreatedBy).HasColumnName("created_by").HasMaxLength(128).IsRequired();
        builder.Property(w => w.MatchersJson).HasColumnName("matchers_json").IsRequired();
        builder.Property(w => w.TargetsJson).HasColumnName("targets_json").IsRequired();
        builder.Property(w => w.StartsAt).HasColumnName("starts_at").HasConversion<UtcDateTimeConverter>();
        builder.Property(w => w.EndsAt).HasColumnName("ends_at").HasConversion<UtcDateTimeConverter>();
        builder.Property(w => w.Cron).HasColumnName("cron").HasMaxLength(200);
        builder.Property(w => w.DurationSeconds).HasColumnName("duration_seconds");
        builder.Property(w => w.TimeZone).HasColumnName("time_zone").HasMaxLength(100);
        builder.Property(w => w.CreatedAt).HasColumnName("created_at").HasConversion<UtcDateTimeConverter>();
        builder.Property(w => w.UpdatedAt).HasColumnName("updated_at").HasConversion<UtcDateTimeConverter>();
    }
}

internal sealed class InhibitionRuleEntityConfiguration : IEntityTypeConfiguration<InhibitionRuleEntity>
{
    public void Configure(EntityTypeBuilder<InhibitionRuleEntity> builder)
    {
        builder.ToTable("inhibition_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(r => r.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(r => r.SourceMatchersJson).HasColumnName("source_matchers_json").IsRequired();
        builder.Property(r => r.TargetMatchersJson).HasColumnName("target_matchers_json").IsRequired();
        builder.Property(r => r.EqualJson).HasColumnName("equal_json").IsRequired();
        builder.Property(r => r.Source).HasColumnName("source").HasMaxLength(16).IsRequired();
        builder.Property(r => r.CreatedAt).HasColumnName("created_at").HasConversion<UtcDateTimeConverter>();
        builder.Property(r => r.UpdatedAt).HasColumnName("updated_at").HasConversion<UtcDateTimeConverter>();
    }
}

internal sealed class SeededInhibitionRuleEntityConfiguration : IEntityTypeConfiguration<SeededInhibitionRuleEntity>
{
    public void Configure(EntityTypeBuilder<SeededInhibitionRuleEntity> builder)
    {
        builder.ToTable("seeded_inhibition_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").HasMaxLength(64);
        builder.Property(r => r.SeededAt).HasColumnName("seeded_at").HasConversion<UtcDateTimeConverter>();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McpMonitoring.Engine.Storage.Configurations;

internal sealed class TargetEntityConfiguration : IEntityTypeConfiguration<TargetEntity>
{
    public void Configure(EntityTypeBuilder<TargetEntity> builder)
    {
        builder.ToTable("targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(128).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.Kind).HasMaxLength(16).IsRequired();
        builder.Property(t => t.Source).HasMaxLength(16).IsRequired();
        builder.Property(t => t.DefinitionJson).IsRequired();
        builder.Property(t => t.CreatedAt).HasConversion<UtcDateTimeConverter>();
        builder.Property(t => t.UpdatedAt).HasConversion<UtcDateTimeConverter>();
    }
}

internal sealed class SeededTargetEntityConfiguration : IEntityTypeConfiguration<SeededTargetEntity>
{
    public void Configure(EntityTypeBuilder<SeededTargetEntity> builder)
    {
        builder.ToTable("seeded_targets");
        builder.HasKey(t => t.Name);
        builder.Property(t => t.Name).HasMaxLength(128);
        builder.Property(t => t.SeededAt).HasConversion<UtcDateTimeConverter>();
    }
}

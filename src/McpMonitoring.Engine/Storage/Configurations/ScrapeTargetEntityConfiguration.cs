using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McpMonitoring.Engine.Storage.Configurations;

internal sealed class ScrapeTargetEntityConfiguration : IEntityTypeConfiguration<ScrapeTargetEntity>
{
    public void Configure(EntityTypeBuilder<ScrapeTargetEntity> builder)
    {
        builder.ToTable("scrape_targets");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.DefinitionJson).IsRequired();
        builder.Property(t => t.CreatedAt).HasConversion<UtcDateTimeConverter>();
        builder.Property(t => t.UpdatedAt).HasConversion<UtcDateTimeConverter>();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McpMonitoring.Engine.Storage.Configurations;

internal sealed class AuditEntityConfiguration : IEntityTypeConfiguration<AuditEntity>
{
    public void Configure(EntityTypeBuilder<AuditEntity> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.At).HasColumnName("at").HasConversion<UtcDateTimeConverter>();
        builder.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(128).IsRequired();
        builder.Property(e => e.Action).HasColumnName("action").HasMaxLength(64).IsRequired();
        builder.Property(e => e.SubjectKind).HasColumnName("subject_kind").HasMaxLength(64).IsRequired();
        builder.Property(e => e.SubjectId).HasColumnName("subject_id").HasMaxLength(256).IsRequired();
        builder.Property(e => e.Detail).HasColumnName("detail");
        // "History of this silence" reads by subject; pruning and the global feed read by time.
        builder.HasIndex(e => new { e.SubjectKind, e.SubjectId });
        builder.HasIndex(e => e.At);
    }
}

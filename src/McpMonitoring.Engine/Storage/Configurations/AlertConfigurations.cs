using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McpMonitoring.Engine.Storage.Configurations;

internal sealed class AlertEntityConfiguration : IEntityTypeConfiguration<AlertEntity>
{
    public void Configure(EntityTypeBuilder<AlertEntity> builder)
    {
        builder.ToTable("alerts");
        builder.HasKey(a => a.Id);
        // Ids are assigned by the service (memory first, group-committed after), never by the database.
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(a => a.Fingerprint).HasColumnName("fingerprint").HasMaxLength(32);
        builder.HasIndex(a => a.Fingerprint).IsUnique();
        builder.Property(a => a.Name).HasColumnName("name").HasMaxLength(256);
        builder.Property(a => a.Severity).HasColumnName("severity");
        builder.Property(a => a.State).HasColumnName("state");
        builder.Property(a => a.LabelsJson).HasColumnName("labels_json");
        builder.Property(a => a.AnnotationsJson).HasColumnName("annotations_json");
        builder.Property(a => a.Source).HasColumnName("source").HasMaxLength(32);
        builder.Property(a => a.StartsAtMs).HasColumnName("starts_at_ms");
        builder.Property(a => a.FiringSinceMs).HasColumnName("firing_since_ms");
        builder.Property(a => a.LastReceivedMs).HasColumnName("last_received_ms");
        builder.Property(a => a.EndsAtMs).HasColumnName("ends_at_ms");
        builder.Property(a => a.ResolvedAtMs).HasColumnName("resolved_at_ms");
        builder.Property(a => a.ResolvedBy).HasColumnName("resolved_by").HasMaxLength(256);
        builder.Property(a => a.AckBy).HasColumnName("ack_by").HasMaxLength(256);
        builder.Property(a => a.AckAtMs).HasColumnName("ack_at_ms");
        builder.Property(a => a.AckComment).HasColumnName("ack_comment").HasMaxLength(4000);
        builder.Property(a => a.SnoozeUntilMs).HasColumnName("snooze_until_ms");
        builder.Property(a => a.Occurrences).HasColumnName("occurrences");
        builder.Property(a => a.ForMs).HasColumnName("for_ms");
        builder.Property(a => a.GeneratorUrl).HasColumnName("generator_url").HasMaxLength(2000);
        builder.HasIndex(a => new { a.State, a.ResolvedAtMs });
    }
}

internal sealed class AlertEventEntityConfiguration : IEntityTypeConfiguration<AlertEventEntity>
{
    public void Configure(EntityTypeBuilder<AlertEventEntity> builder)
    {
        builder.ToTable("alert_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasColumnName("id");
        builder.Property(e => e.AlertId).HasColumnName("alert_id");
        builder.Property(e => e.AtMs).HasColumnName("at_ms");
        builder.Property(e => e.Kind).HasColumnName("kind").HasMaxLength(32);
        builder.Property(e => e.Actor).HasColumnName("actor").HasMaxLength(256);
        builder.Property(e => e.Comment).HasColumnName("comment").HasMaxLength(4000);
        builder.HasIndex(e => new { e.AlertId, e.Id });
        builder.HasIndex(e => e.AtMs);
    }
}

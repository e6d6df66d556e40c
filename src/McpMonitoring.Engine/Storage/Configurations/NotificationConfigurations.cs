using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace McpMonitoring.Engine.Storage.Configurations;

internal sealed class NotificationEntityConfiguration : IEntityTypeConfiguration<NotificationEntity>
{
    public void Configure(EntityTypeBuilder<NotificationEntity> builder)
    {
        builder.ToTable("notification_outbox");
        builder.HasKey(n => n.Id);
        // Ids are GUIDs (v7, time-ordered) chosen by the console: they are the idempotency key receivers see.
        builder.Property(n => n.Id).HasColumnName("id").HasMaxLength(36).ValueGeneratedNever();
        builder.Property(n => n.Receiver).HasColumnName("receiver").HasMaxLength(64);
        builder.Property(n => n.Channel).HasColumnName("channel").HasMaxLength(16);
        builder.Property(n => n.ChannelIndex).HasColumnName("channel_index");
        builder.Property(n => n.Kind).HasColumnName("kind").HasMaxLength(16);
        builder.Property(n => n.Status).HasColumnName("status").HasMaxLength(16);
        builder.Property(n => n.GroupKey).HasColumnName("group_key").HasMaxLength(2000);
        builder.Property(n => n.DedupKey).HasColumnName("dedup_key").HasMaxLength(300);
        builder.Property(n => n.AlertCount).HasColumnName("alert_count");
        builder.Property(n => n.PayloadJson).HasColumnName("payload_json");
        builder.Property(n => n.State).HasColumnName("state").HasMaxLength(16);
        builder.Property(n => n.Attempts).HasColumnName("attempts");
        builder.Property(n => n.CreatedAtMs).HasColumnName("created_at_ms");
        builder.Property(n => n.NextAttemptAtMs).HasColumnName("next_attempt_at_ms");
        builder.Property(n => n.LastAttemptAtMs).HasColumnName("last_attempt_at_ms");
        builder.Property(n => n.SentAtMs).HasColumnName("sent_at_ms");
        builder.Property(n => n.LastError).HasColumnName("last_error").HasMaxLength(2000);
        builder.HasIndex(n => new { n.State, n.NextAttemptAtMs });
        builder.HasIndex(n => new { n.Receiver, n.CreatedAtMs });
        builder.HasIndex(n => n.CreatedAtMs);
        builder.HasIndex(n => n.DedupKey);
    }
}

internal sealed class NotificationReceiverEntityConfiguration : IEntityTypeConfiguration<NotificationReceiverEntity>
{
    public void Configure(EntityTypeBuilder<NotificationReceiverEntity> builder)
    {
        builder.ToTable("notification_receivers");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasColumnName("name").HasMaxLength(64);
        builder.Property(r => r.ConfigJson).HasColumnName("config_json");
        builder.Property(r => r.Source).HasColumnName("source").HasMaxLength(16);
        builder.Property(r => r.Deleted).HasColumnName("deleted");
        builder.Property(r => r.UpdatedAtMs).HasColumnName("updated_at_ms");
    }
}

internal sealed class NotificationRouteEntityConfiguration : IEntityTypeConfiguration<NotificationRouteEntity>
{
    public void Configure(EntityTypeBuilder<NotificationRouteEntity> builder)
    {
        builder.ToTable("notification_routes");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(r => r.TreeJson).HasColumnName("tree_json");
        builder.Property(r => r.Source).HasColumnName("source").HasMaxLength(16);
        builder.Property(r => r.UpdatedAtMs).HasColumnName("updated_at_ms");
    }
}

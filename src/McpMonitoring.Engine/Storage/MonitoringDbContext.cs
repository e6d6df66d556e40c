using Microsoft.EntityFrameworkCore;

namespace McpMonitoring.Engine.Storage;

public sealed class MonitoringDbContext(DbContextOptions<MonitoringDbContext> options) : DbContext(options)
{
    public DbSet<TargetEntity> Targets => Set<TargetEntity>();

    public DbSet<ScrapeTargetEntity> ScrapeTargets => Set<ScrapeTargetEntity>();

    public DbSet<SeededTargetEntity> SeededTargets => Set<SeededTargetEntity>();

    public DbSet<HistorySeriesEntity> HistorySeries => Set<HistorySeriesEntity>();

    public DbSet<ProbeResultEntity> ProbeResults => Set<ProbeResultEntity>();

    public DbSet<ProbeRollupEntity> ProbeRollups => Set<ProbeRollupEntity>();

    public DbSet<StatusChangeEntity> StatusChanges => Set<StatusChangeEntity>();

    public DbSet<MetricSeriesEntity> MetricSeries => Set<MetricSeriesEntity>();

    public DbSet<MetricRollupEntity> MetricRollups => Set<MetricRollupEntity>();

    public DbSet<AlertEntity> Alerts => Set<AlertEntity>();

    public DbSet<AlertEventEntity> AlertEvents => Set<AlertEventEntity>();

    public DbSet<AuditEntity> AuditLog => Set<AuditEntity>();

    public DbSet<SilenceEntity> Silences => Set<SilenceEntity>();

    public DbSet<MaintenanceWindowEntity> MaintenanceWindows => Set<MaintenanceWindowEntity>();

    public DbSet<InhibitionRuleEntity> InhibitionRules => Set<InhibitionRuleEntity>();

    public DbSet<SeededInhibitionRuleEntity> SeededInhibitionRules => Set<SeededInhibitionRuleEntity>();

    public DbSet<NotificationEntity> Notifications => Set<NotificationEntity>();

    public DbSet<NotificationReceiverEntity> NotificationReceivers => Set<NotificationReceiverEntity>();

    public DbSet<NotificationRouteEntity> NotificationRoutes => Set<NotificationRouteEntity>();

    public DbSet<CustomMetricEntity> CustomMetrics => Set<CustomMetricEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MonitoringDbContext).Assembly);
}

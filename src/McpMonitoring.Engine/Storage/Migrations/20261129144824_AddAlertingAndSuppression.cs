using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McpMonitoring.Engine.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AddAlertingAndSuppression : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    alert_id = table.Column<long>(type: "INTEGER", nullable: false),
                    at_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    severity = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<int>(type: "INTEGER", nullable: false),
                    labels_json = table.Column<string>(type: "TEXT", nullable: false),
                    annotations_json = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    starts_at_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    firing_since_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    last_received_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    resolved_at_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    resolved_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ack_by = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ack_at_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    ack_comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    snooze_until_ms = table.Column<long>(type: "INTEGER", nullable: true),
                    occurrences = table.Column<int>(type: "INTEGER", nullable: false),
                    for_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    generator_url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    actor = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    subject_id = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    detail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inhibition_rules",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    source_matchers_json = table.Column<string>(type: "TEXT", nullable: false),
                    target_matchers_json = table.Column<string>(type: "TEXT", nullable: false),
                    equal_json = table.Column<string>(type: "TEXT", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inhibition_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "maintenance_windows",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    matchers_json = table.Column<string>(type: "TEXT", nullable: false),
                    targets_json = table.Column<string>(type: "TEXT", nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    cron = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    duration_seconds = table.Column<long>(type: "INTEGER", nullable: true),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_windows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "seeded_inhibition_rules",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    seeded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seeded_inhibition_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "silences",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    matchers_json = table.Column<string>(type: "TEXT", nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_silences", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_events_alert_id_id",
                table: "alert_events",
                columns: new[] { "alert_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_events_at_ms",
                table: "alert_events",
                column: "at_ms");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_fingerprint",
                table: "alerts",
                column: "fingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_alerts_state_resolved_at_ms",
                table: "alerts",
                columns: new[] { "state", "resolved_at_ms" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_subject_kind_subject_id",
                table: "audit_log",
                columns: new[] { "subject_kind", "subject_id" });

            migrationBuilder.CreateIndex(
                name: "IX_silences_ends_at",
                table: "silences",
                column: "ends_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_events");

            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "inhibition_rules");

            migrationBuilder.DropTable(
                name: "maintenance_windows");

            migrationBuilder.DropTable(
                name: "seeded_inhibition_rules");

            migrationBuilder.DropTable(
                name: "silences");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McpMonitoring.Engine.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AddAlerts : Migration
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_events");

            migrationBuilder.DropTable(
                name: "alerts");
        }
    }
}

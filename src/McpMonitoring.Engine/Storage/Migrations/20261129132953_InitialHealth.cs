using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McpMonitoring.Engine.Storage.Migrations
{
    /// <inheritdoc />
    public partial class InitialHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "history_series",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history_series", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "probe_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    series_id = table.Column<int>(type: "INTEGER", nullable: false),
                    at_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    success = table.Column<bool>(type: "INTEGER", nullable: false),
                    latency_ms = table.Column<float>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_probe_results", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "probe_rollups",
                columns: table => new
                {
                    series_id = table.Column<int>(type: "INTEGER", nullable: false),
                    bucket_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    failures = table.Column<int>(type: "INTEGER", nullable: false),
                    sum_latency_ms = table.Column<double>(type: "REAL", nullable: false),
                    min_latency_ms = table.Column<float>(type: "REAL", nullable: false),
                    max_latency_ms = table.Column<float>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_probe_rollups", x => new { x.series_id, x.bucket_ms });
                });

            migrationBuilder.CreateTable(
                name: "seeded_targets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    SeededAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_seeded_targets", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "status_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TargetName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RootCause = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "targets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_targets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_history_series_TargetName",
                table: "history_series",
                column: "TargetName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_probe_results_at_ms",
                table: "probe_results",
                column: "at_ms");

            migrationBuilder.CreateIndex(
                name: "IX_probe_results_series_id_at_ms",
                table: "probe_results",
                columns: new[] { "series_id", "at_ms" });

            migrationBuilder.CreateIndex(
                name: "IX_probe_rollups_bucket_ms",
                table: "probe_rollups",
                column: "bucket_ms");

            migrationBuilder.CreateIndex(
                name: "IX_status_changes_At",
                table: "status_changes",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_status_changes_TargetName_At",
                table: "status_changes",
                columns: new[] { "TargetName", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_targets_Name",
                table: "targets",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "history_series");

            migrationBuilder.DropTable(
                name: "probe_results");

            migrationBuilder.DropTable(
                name: "probe_rollups");

            migrationBuilder.DropTable(
                name: "seeded_targets");

            migrationBuilder.DropTable(
                name: "status_changes");

            migrationBuilder.DropTable(
                name: "targets");
        }
    }
}

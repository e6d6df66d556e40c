using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McpMonitoring.Engine.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AddMetricRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "metric_rollups",
                columns: table => new
                {
                    series_id = table.Column<int>(type: "INTEGER", nullable: false),
                    bucket_ms = table.Column<long>(type: "INTEGER", nullable: false),
                    min_value = table.Column<double>(type: "REAL", nullable: false),
                    max_value = table.Column<double>(type: "REAL", nullable: false),
                    sum_value = table.Column<double>(type: "REAL", nullable: false),
                    count = table.Column<int>(type: "INTEGER", nullable: false),
                    last_value = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_metric_rollups", x => new { x.series_id, x.bucket_ms });
                });

            migrationBuilder.CreateTable(
                name: "metric_series",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    metric_name = table.Column<string>(type: "TEXT", nullable: false),
                    labels = table.Column<string>(type: "TEXT", nullable: false),
                    series_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_metric_series", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_metric_rollups_bucket_ms",
                table: "metric_rollups",
                column: "bucket_ms");

            migrationBuilder.CreateIndex(
                name: "IX_metric_series_metric_name",
                table: "metric_series",
                column: "metric_name");

            migrationBuilder.CreateIndex(
                name: "IX_metric_series_series_key",
                table: "metric_series",
                column: "series_key",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "metric_rollups");

            migrationBuilder.DropTable(
                name: "metric_series");
        }
    }
}

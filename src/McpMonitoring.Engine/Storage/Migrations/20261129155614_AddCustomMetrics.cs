using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace McpMonitoring.Engine.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AddCustomMetrics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "custom_metrics",
                columns: table => new
                {
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    help = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    label_names_json = table.Column<string>(type: "TEXT", nullable: false),
                    buckets_json = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custom_metrics", x => x.name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "custom_metrics");
        }
    }
}

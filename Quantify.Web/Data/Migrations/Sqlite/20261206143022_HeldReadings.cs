using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HeldReadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeviceReadAt",
                table: "MeterReadings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HoldReason",
                table: "MeterReadings",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ResolvedAt",
                table: "MeterReadings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeterReadings_Held",
                table: "MeterReadings",
                columns: new[] { "Status", "MeterId" },
                filter: "Status = 'Held'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MeterReadings_Held",
                table: "MeterReadings");

            migrationBuilder.DropColumn(
                name: "DeviceReadAt",
                table: "MeterReadings");

            migrationBuilder.DropColumn(
                name: "HoldReason",
                table: "MeterReadings");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "MeterReadings");
        }
    }
}

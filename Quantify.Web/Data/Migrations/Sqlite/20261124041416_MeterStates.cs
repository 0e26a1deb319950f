using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeterStates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeterStates",
                columns: table => new
                {
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommsStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    LastReading = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: true),
                    LastReadingAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: true),
                    BatteryPercent = table.Column<int>(type: "INTEGER", nullable: true),
                    RelayClosed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeterStates", x => x.MeterId);
                    table.ForeignKey(
                        name: "FK_MeterStates_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeterStates_CommsStatus",
                table: "MeterStates",
                column: "CommsStatus");

            // Carry each meter's live state over before the columns go (telemetry only; the meter row keeps its history).
            migrationBuilder.Sql(
                "INSERT INTO MeterStates (MeterId, CommsStatus, LastReading, LastReadingAt, LastSeenAt, BatteryPercent, RelayClosed) " +
                "SELECT Id, CommsStatus, LastReading, LastReadingAt, LastSeenAt, BatteryPercent, RelayClosed FROM Meters;");

            migrationBuilder.DropColumn(
                name: "BatteryPercent",
                table: "Meters");

            migrationBuilder.DropColumn(
                name: "CommsStatus",
                table: "Meters");

            migrationBuilder.DropColumn(
                name: "LastReading",
                table: "Meters");

            migrationBuilder.DropColumn(
                name: "LastReadingAt",
                table: "Meters");

            migrationBuilder.DropColumn(
                name: "LastSeenAt",
                table: "Meters");

            migrationBuilder.DropColumn(
                name: "RelayClosed",
                table: "Meters");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeterStates");

            migrationBuilder.AddColumn<int>(
                name: "BatteryPercent",
                table: "Meters",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CommsStatus",
                table: "Meters",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "LastReading",
                table: "Meters",
                type: "TEXT",
                precision: 18,
                scale: 3,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastReadingAt",
                table: "Meters",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastSeenAt",
                table: "Meters",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RelayClosed",
                table: "Meters",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }
    }
}

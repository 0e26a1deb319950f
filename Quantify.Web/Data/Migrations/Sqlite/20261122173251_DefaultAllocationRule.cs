using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DefaultAllocationRule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "DefaultElectricitySharePercent",
                table: "EstateSettings",
                type: "TEXT",
                precision: 9,
                scale: 4,
                nullable: false,
                defaultValue: 80m); // Defaults.DefaultElectricitySharePercent for existing estates
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DefaultElectricitySharePercent",
                table: "EstateSettings");
        }
    }
}

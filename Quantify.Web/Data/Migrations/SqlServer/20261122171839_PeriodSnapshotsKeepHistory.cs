using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PeriodSnapshotsKeepHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PeriodBalances_PeriodId_AccountId",
                table: "PeriodBalances");

            migrationBuilder.CreateIndex(
                name: "IX_PeriodBalances_PeriodId_AccountId",
                table: "PeriodBalances",
                columns: new[] { "PeriodId", "AccountId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PeriodBalances_PeriodId_AccountId",
                table: "PeriodBalances");

            migrationBuilder.CreateIndex(
                name: "IX_PeriodBalances_PeriodId_AccountId",
                table: "PeriodBalances",
                columns: new[] { "PeriodId", "AccountId" },
                unique: true);
        }
    }
}

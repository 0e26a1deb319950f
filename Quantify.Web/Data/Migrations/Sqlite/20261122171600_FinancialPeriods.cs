using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FinancialPeriods : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerTransactions_ValueDate",
                table: "LedgerTransactions");

            migrationBuilder.AddColumn<int>(
                name: "EstateId",
                table: "LedgerTransactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OriginalValueDate",
                table: "LedgerTransactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FinancialPeriods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EstateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedById = table.Column<string>(type: "TEXT", nullable: true),
                    LockedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FinancialPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FinancialPeriods_AspNetUsers_ClosedById",
                        column: x => x.ClosedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FinancialPeriods_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PeriodBalances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PeriodId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Balance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PeriodBalances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PeriodBalances_FinancialPeriods_PeriodId",
                        column: x => x.PeriodId,
                        principalTable: "FinancialPeriods",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PeriodBalances_LedgerAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "LedgerAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransactions_EstateId_ValueDate",
                table: "LedgerTransactions",
                columns: new[] { "EstateId", "ValueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_FinancialPeriods_ClosedById",
                table: "FinancialPeriods",
                column: "ClosedById");

            migrationBuilder.CreateIndex(
                name: "IX_FinancialPeriods_EstateId_Year_Month",
                table: "FinancialPeriods",
                columns: new[] { "EstateId", "Year", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PeriodBalances_AccountId",
                table: "PeriodBalances",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_PeriodBalances_PeriodId_AccountId",
                table: "PeriodBalances",
                columns: new[] { "PeriodId", "AccountId" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_LedgerTransactions_Estates_EstateId",
                table: "LedgerTransactions",
                column: "EstateId",
                principalTable: "Estates",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        
            // SQLite triggers are installed at start-up (Data/Guards/SqliteGuards.cs): table rebuilds would drop them here.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.DropForeignKey(
                name: "FK_LedgerTransactions_Estates_EstateId",
                table: "LedgerTransactions");

            migrationBuilder.DropTable(
                name: "PeriodBalances");

            migrationBuilder.DropTable(
                name: "FinancialPeriods");

            migrationBuilder.DropIndex(
                name: "IX_LedgerTransactions_EstateId_ValueDate",
                table: "LedgerTransactions");

            migrationBuilder.DropColumn(
                name: "EstateId",
                table: "LedgerTransactions");

            migrationBuilder.DropColumn(
                name: "OriginalValueDate",
                table: "LedgerTransactions");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTransactions_ValueDate",
                table: "LedgerTransactions",
                column: "ValueDate");
        }
    }
}

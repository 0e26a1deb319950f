using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.SqlServer
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OriginalValueDate",
                table: "LedgerTransactions",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FinancialPeriods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EstateId = table.Column<int>(type: "int", nullable: false),
                    Year = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ClosedById = table.Column<string>(type: "nvarchar(450)", nullable: true),
                    LockedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ReopenReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    PeriodId = table.Column<int>(type: "int", nullable: false),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    Balance = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false)
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
        
            // Nothing posts with a value date in a closed or locked month, even behind the application's back.
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [TR_LedgerTransactions_PeriodOpen] ON [LedgerTransactions] AFTER INSERT AS BEGIN IF EXISTS (SELECT 1 FROM inserted i JOIN [FinancialPeriods] p ON p.[EstateId] = i.[EstateId] AND p.[Year] = YEAR(i.[ValueDate]) AND p.[Month] = MONTH(i.[ValueDate]) AND p.[Status] <> ''Open'') THROW 51001, ''The value date falls in a closed or locked financial period: post it in the open period.'', 1; END;');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [TR_LedgerTransactions_PeriodOpen];");

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

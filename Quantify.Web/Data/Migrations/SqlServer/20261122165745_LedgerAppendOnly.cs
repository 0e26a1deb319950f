using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LedgerAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ledger is append-only in the database itself: corrections are reversals (decision 0006).
            foreach (var table in new[] { "LedgerTransactions", "LedgerLines" })
                migrationBuilder.Sql($"EXEC(N'CREATE TRIGGER [TR_{table}_AppendOnly] ON [{table}] INSTEAD OF UPDATE, DELETE AS BEGIN THROW 51000, ''{table} is append-only: post a reversal instead.'', 1; END;');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "LedgerTransactions", "LedgerLines" })
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS [TR_{table}_AppendOnly];");
        }
    }
}

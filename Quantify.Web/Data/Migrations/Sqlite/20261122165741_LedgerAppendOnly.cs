using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ledger is append-only in the database itself: corrections are reversals (decision 0006).
            foreach (var table in new[] { "LedgerTransactions", "LedgerLines" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER \"TR_{table}_NoUpdate\" BEFORE UPDATE ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{table} is append-only: post a reversal instead.'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER \"TR_{table}_NoDelete\" BEFORE DELETE ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{table} is append-only: post a reversal instead.'); END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "LedgerTransactions", "LedgerLines" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"TR_{table}_NoUpdate\";");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS \"TR_{table}_NoDelete\";");
            }
        }
    }
}

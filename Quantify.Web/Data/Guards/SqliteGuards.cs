using Microsoft.EntityFrameworkCore;

namespace Quantify.Web.Data.Guards;

/// <summary>
/// Database-level guards on SQLite: the ledger tables are append-only, and nothing is inserted into a closed or locked
/// financial month. Installed after migrations at every start-up (idempotent), because SQLite rebuilds a table to
/// alter it and a rebuild drops its triggers. On SQL Server the same guards are created by migrations
/// (LedgerAppendOnly, FinancialPeriods) and survive ALTER TABLE.
/// </summary>
public static class SqliteGuards
{
    public static IEnumerable<string> Script()
    {
        foreach (var table in new[] { "LedgerTransactions", "LedgerLines" })
        {
            yield return $"DROP TRIGGER IF EXISTS \"TR_{table}_NoUpdate\"";
            yield return $"CREATE TRIGGER \"TR_{table}_NoUpdate\" BEFORE UPDATE ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{table} is append-only: post a reversal instead.'); END";
            yield return $"DROP TRIGGER IF EXISTS \"TR_{table}_NoDelete\"";
            yield return $"CREATE TRIGGER \"TR_{table}_NoDelete\" BEFORE DELETE ON \"{table}\" BEGIN SELECT RAISE(ABORT, '{table} is append-only: post a reversal instead.'); END";
        }
        yield return "DROP TRIGGER IF EXISTS \"TR_LedgerTransactions_PeriodOpen\"";
        yield return "CREATE TRIGGER \"TR_LedgerTransactions_PeriodOpen\" BEFORE INSERT ON \"LedgerTransactions\" WHEN NEW.\"EstateId\" IS NOT NULL AND EXISTS " +
                     "(SELECT 1 FROM \"FinancialPeriods\" p WHERE p.\"EstateId\" = NEW.\"EstateId\" AND p.\"Year\" = CAST(strftime('%Y', NEW.\"ValueDate\") AS INTEGER) " +
                     "AND p.\"Month\" = CAST(strftime('%m', NEW.\"ValueDate\") AS INTEGER) AND p.\"Status\" <> 'Open') " +
                     "BEGIN SELECT RAISE(ABORT, 'The value date falls in a closed or locked financial period: post it in the open period.'); END";
    }

    public static async Task InstallAsync(QuantifyDbContext db, CancellationToken ct = default)
    {
        foreach (var sql in Script()) await db.Database.ExecuteSqlRawAsync(sql, ct);
    }
}

using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data.Sql;

namespace Quantify.Web.Data.Guards;

/// <summary>
/// Database-level guards on SQLite: the ledger tables are append-only, and nothing is inserted into a closed or locked
/// financial month. The SQL is in Data/Sql/Sqlite/*.sql (the SQL Server twins in Data/Sql/SqlServer/ are applied by the
/// baseline migration). Installed after migrations at every start-up (each file drops and recreates its triggers),
/// because SQLite rebuilds a table to alter it and a rebuild drops its triggers.
/// </summary>
public static class SqliteGuards
{
    public static IEnumerable<string> Script() =>
        DatabaseScripts.Files(DatabaseProvider.Sqlite).Select(f => DatabaseScripts.Read(DatabaseProvider.Sqlite, f));

    public static async Task InstallAsync(QuantifyDbContext db, CancellationToken ct = default)
    {
        foreach (var sql in Script()) await db.Database.ExecuteSqlRawAsync(sql, ct);
    }
}

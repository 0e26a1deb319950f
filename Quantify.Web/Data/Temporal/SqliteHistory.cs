using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Quantify.Domain.Common;

namespace Quantify.Web.Data.Temporal;

/// <summary>
/// SQLite has no temporal tables. For every versioned table this keeps a history table of the same shape plus
/// ValidFrom/ValidTo, fed by AFTER UPDATE and AFTER DELETE triggers, derived from the EF model so it never drifts.
/// Idempotent: run after migrations at every start-up (docs/decisions/0002-history-on-sqlite.md).
/// </summary>
public static class SqliteHistory
{
    /// <summary>UTC now in the DateTimeOffsetToBinaryConverter encoding ((ticks/1000) &lt;&lt; 11 | offset=0).</summary>
    public const string NowBinarySql = "(CAST((julianday('now') - 1721425.5) * 864000000 AS INTEGER) << 11)";

    public static string HistoryTable(string table) => table + "History";

    public static IReadOnlyList<string> Columns(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return entity.GetProperties().Select(p => p.GetColumnName(table)).OfType<string>().ToList();
    }

    public static async Task InstallAsync(QuantifyDbContext db, CancellationToken ct = default)
    {
        foreach (var type in QuantifyDbContext.VersionedTypes)
        {
            var entity = db.Model.FindEntityType(type)!;
            foreach (var sql in Script(entity, await ExistingColumns(db, HistoryTable(entity.GetTableName()!), ct)))
                await db.Database.ExecuteSqlRawAsync(sql, ct);
        }
    }

    public static IEnumerable<string> Script(IEntityType entity, IReadOnlyCollection<string> existingHistoryColumns)
    {
        var table = entity.GetTableName()!;
        var history = HistoryTable(table);
        var columns = Columns(entity);
        if (existingHistoryColumns.Count == 0)
        {
            var sb = new StringBuilder($"CREATE TABLE IF NOT EXISTS \"{history}\" (\"HistoryId\" INTEGER PRIMARY KEY AUTOINCREMENT");
            foreach (var c in columns) sb.Append($", \"{c}\"");
            sb.Append(", \"ValidFrom\" INTEGER NOT NULL, \"ValidTo\" INTEGER NOT NULL)");
            yield return sb.ToString();
            yield return $"CREATE INDEX IF NOT EXISTS \"IX_{history}_Id_ValidTo\" ON \"{history}\" (\"Id\", \"ValidTo\")";
        }
        else
        {
            foreach (var c in columns.Where(c => !existingHistoryColumns.Contains(c)))
                yield return $"ALTER TABLE \"{history}\" ADD COLUMN \"{c}\"";
        }
        var colList = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var oldList = string.Join(", ", columns.Select(c => $"OLD.\"{c}\""));
        // Audited rows carry their own validity (UpdatedAt); others (e.g. estate settings) start where their last history
        // row ended (or at the beginning) and end now.
        var audited = typeof(IAuditable).IsAssignableFrom(entity.ClrType);
        var updatedAt = nameof(IAuditable.UpdatedAt);
        var from = audited ? $"OLD.\"{updatedAt}\"" : $"COALESCE((SELECT MAX(\"ValidTo\") FROM \"{history}\" WHERE \"Id\" = OLD.\"Id\"), 0)";
        var to = audited ? $"NEW.\"{updatedAt}\"" : NowBinarySql;
        yield return $"DROP TRIGGER IF EXISTS \"TR_{table}_History_Update\"";
        yield return $"CREATE TRIGGER \"TR_{table}_History_Update\" AFTER UPDATE ON \"{table}\" BEGIN " +
                     $"INSERT INTO \"{history}\" ({colList}, \"ValidFrom\", \"ValidTo\") VALUES ({oldList}, {from}, {to}); END";
        yield return $"DROP TRIGGER IF EXISTS \"TR_{table}_History_Delete\"";
        yield return $"CREATE TRIGGER \"TR_{table}_History_Delete\" AFTER DELETE ON \"{table}\" BEGIN " +
                     $"INSERT INTO \"{history}\" ({colList}, \"ValidFrom\", \"ValidTo\") VALUES ({oldList}, {from}, {NowBinarySql}); END";
    }

    private static async Task<IReadOnlyCollection<string>> ExistingColumns(QuantifyDbContext db, string table, CancellationToken ct)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
        var names = new List<string>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        return names;
    }
}

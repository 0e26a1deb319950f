using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.People;
using Quantify.Web.Data;
using Quantify.Web.Data.Temporal;

namespace Quantify.Web.Features.Family;

/// <summary>
/// POPIA erasure beyond the person row: every value the person was known by (each version's name, ID number, email and
/// phones, and their logins' email, user name, display name and phone) is replaced, in every text column of every table
/// and history table (audit entries, notifications, invitations, import runs, snapshots, webhook payloads ...), in plain,
/// JSON-escaped and URL-encoded form. The ledger (transactions, lines: hash-chained and append-only) is never touched;
/// it holds no personal text. On SQLite the file is then checkpointed and vacuumed so no freed page keeps a copy.
/// </summary>
public static class PersonalDataScrubber
{
    /// <summary>What to replace: pairs (old, new) replaced everywhere, and the person's own row id (names are also scrubbed field by field there).</summary>
    public sealed record Values(int PersonId, IReadOnlyList<(string Old, string New)> Replacements);

    private static readonly HashSet<string> Untouched = new(StringComparer.Ordinal) { "LedgerTransactions", "LedgerLines", "__EFMigrationsHistory" };

    /// <summary>Reads, before anonymising, every value the person (all versions) and their logins carry.</summary>
    public static async Task<Values> CaptureAsync(QuantifyDbContext db, HistoryService? history, int personId, CancellationToken ct)
    {
        var versions = new List<Person>();
        if (await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct) is { } current) versions.Add(current);
        if (history is not null) versions.AddRange((await history.VersionsAsync<Person>(personId, ct)).Select(v => v.Row));
        var pairs = new List<(string, string)>();
        var anonymisedName = $"{Person.AnonymisedName} #{personId}";
        foreach (var p in versions)
        {
            pairs.Add(($"{p.FirstName} {p.LastName}", anonymisedName));
            pairs.Add(($"{p.LastName}, {p.FirstName}", anonymisedName));
            if (p.IdNumber is { } id) pairs.Add((id, "[removed]"));
            if (p.Email is { } e) pairs.Add((e, $"anonymised-person-{personId}@invalid"));
            if (p.Phone is { } ph) pairs.Add((ph, "[removed]"));
            if (p.AlternativePhone is { } alt) pairs.Add((alt, "[removed]"));
        }
        foreach (var u in await db.Users.AsNoTracking().Where(u => u.PersonId == personId).ToListAsync(ct))
        {
            var replacement = $"anonymised-{u.Id}@invalid";
            foreach (var v in new[] { u.Email, u.UserName }) if (v is not null) pairs.Add((v, replacement));
            if (!string.IsNullOrWhiteSpace(u.DisplayName)) pairs.Add((u.DisplayName, anonymisedName));
            if (u.PhoneNumber is { } ph) pairs.Add((ph, "[removed]"));
        }
        // First and last names alone are too common to replace everywhere: they are scrubbed in the person's own rows and audit entries.
        var own = versions.SelectMany(p => new[] { (p.FirstName, Person.AnonymisedName), (p.LastName, $"#{personId}") });
        var all = pairs.Concat(own.Select(o => ("\u0001own:" + o.Item1, o.Item2)))
            .Where(p => p.Item1.Trim().Length >= 3 && p.Item1 != p.Item2).Distinct().ToList();
        return new Values(personId, all);
    }

    /// <summary>Replaces the captured values (run inside the anonymisation's transaction, after its save).</summary>
    public static async Task ScrubAsync(QuantifyDbContext db, Values values, CancellationToken ct)
    {
        var everywhere = Variants(values.Replacements.Where(r => !r.Old.StartsWith('\u0001')));
        var own = Variants(values.Replacements.Where(r => r.Old.StartsWith('\u0001')).Select(r => (r.Old[5..], r.New)));
        var sqlServer = db.Provider == DatabaseProvider.SqlServer;
        var args = everywhere.SelectMany(p => new object[] { p.Old, p.New }).ToArray();
        if (everywhere.Count == 0) return;
        var versioned = QuantifyDbContext.VersionedTypes.Select(t => db.Model.FindEntityType(t)!.GetTableName()!).ToHashSet(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            var table = entity.GetTableName()!;
            if (Untouched.Contains(table)) continue;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            var columns = entity.GetProperties().Where(p => p.ClrType == typeof(string) && !p.IsPrimaryKey()).Select(p => p.GetColumnName(store)).OfType<string>().Distinct().ToList();
            if (columns.Count == 0) continue;
            var tables = versioned.Contains(table) ? new[] { table, SqliteHistory.HistoryTable(table) } : [table];
            if (sqlServer && versioned.Contains(table)) await Exec(db, $"ALTER TABLE [{table}] SET (SYSTEM_VERSIONING = OFF)", [], ct);
            foreach (var t in tables) await Exec(db, ReplaceSql(t, columns, everywhere.Count, sqlServer), args, ct);
            if (sqlServer && versioned.Contains(table))
                await Exec(db, $"ALTER TABLE [{table}] SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [dbo].[{SqliteHistory.HistoryTable(table)}]))", [], ct);
        }
        // The person's own versions and audit entries: first and last names on their own too.
        var personTable = db.Model.FindEntityType(typeof(Person))!.GetTableName()!;
        var historyTable = SqliteHistory.HistoryTable(personTable);
        if (sqlServer) await Exec(db, $"ALTER TABLE [{personTable}] SET (SYSTEM_VERSIONING = OFF)", [], ct);
        await Exec(db, sqlServer
            ? $"UPDATE [{historyTable}] SET [FirstName] = {{1}}, [LastName] = {{2}}, [IdNumber] = NULL, [Email] = NULL, [Phone] = NULL, [AlternativePhone] = NULL, [DateOfBirth] = NULL WHERE [Id] = {{0}}"
            : $"UPDATE \"{historyTable}\" SET \"FirstName\" = {{1}}, \"LastName\" = {{2}}, \"IdNumber\" = NULL, \"Email\" = NULL, \"Phone\" = NULL, \"AlternativePhone\" = NULL, \"DateOfBirth\" = NULL WHERE \"Id\" = {{0}}",
            [values.PersonId, Person.AnonymisedName, $"#{values.PersonId}"], ct);
        if (sqlServer) await Exec(db, $"ALTER TABLE [{personTable}] SET (SYSTEM_VERSIONING = ON (HISTORY_TABLE = [dbo].[{historyTable}]))", [], ct);
        var entityId = values.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var audit in await db.AuditEntries.Where(a => a.EntityType == nameof(Person) && a.EntityId == entityId).ToListAsync(ct))
            foreach (var (old, @new) in own) audit.ChangesJson = audit.ChangesJson.Replace(old, @new, StringComparison.Ordinal);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>SQLite keeps deleted and overwritten text in free pages and the WAL until they are reused: checkpoint and vacuum.</summary>
    public static async Task CompactAsync(QuantifyDbContext db, ILogger? log, CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Sqlite) return;
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
            await db.Database.ExecuteSqlRawAsync("VACUUM;", ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            log?.LogWarning(ex, "POPIA: VACUUM after anonymising did not run (busy); freed pages keep old text until the next VACUUM");
        }
    }

    /// <summary>One UPDATE per table: each text column through every replacement, only rows where some column holds some old value.</summary>
    private static string ReplaceSql(string table, IReadOnlyList<string> columns, int pairs, bool sqlServer)
    {
        string Q(string name) => sqlServer ? $"[{name}]" : $"\"{name}\"";
        string Expr(string c)
        {
            var e = Q(c);
            for (var i = 0; i < pairs; i++) e = $"REPLACE({e}, {{{2 * i}}}, {{{2 * i + 1}}})";
            return e;
        }
        string Has(string c, int i) => sqlServer ? $"CHARINDEX({{{2 * i}}}, {Q(c)}) > 0" : $"instr({Q(c)}, {{{2 * i}}}) > 0";
        var set = string.Join(", ", columns.Select(c => $"{Q(c)} = {Expr(c)}"));
        var where = string.Join(" OR ", columns.SelectMany(c => Enumerable.Range(0, pairs).Select(i => Has(c, i))));
        return $"UPDATE {Q(table)} SET {set} WHERE {where}";
    }

    private static List<(string Old, string New)> Variants(IEnumerable<(string Old, string New)> pairs) =>
        pairs.SelectMany(p => new[]
            {
                (p.Old, p.New),
                (JsonSerializer.Serialize(p.Old)[1..^1], JsonSerializer.Serialize(p.New)[1..^1]),
                (WebUtility.UrlEncode(p.Old), WebUtility.UrlEncode(p.New)),
                (Uri.EscapeDataString(p.Old), Uri.EscapeDataString(p.New)),
                (p.Old.ToUpperInvariant(), p.New.ToUpperInvariant()),
            })
            .Where(p => p.Item1.Length >= 3 && p.Item1 != p.Item2).Distinct()
            // Longest first, so "First Last" is replaced before a shorter value inside it.
            .OrderByDescending(p => p.Item1.Length).ToList();

#pragma warning disable EF1002 // table and column names come from the EF model; values are parameters
    private static Task<int> Exec(QuantifyDbContext db, string sql, object[] args, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(sql, args, ct);
#pragma warning restore EF1002
}

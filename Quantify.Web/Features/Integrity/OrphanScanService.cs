using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Integrity;

public sealed record OrphanFinding(string Check, string Kind, long Count);

public sealed record OrphanReport(IReadOnlyList<OrphanFinding> Findings, int ChecksRun)
{
    public long TotalOrphans => Findings.Sum(f => f.Count);

    public string Summary => TotalOrphans == 0
        ? $"{ChecksRun} reference checks, 0 orphans."
        : $"{ChecksRun} reference checks, {Quantify.Domain.Common.Plural.Count(TotalOrphans, "orphan")}: " + string.Join("; ", Findings.Where(f => f.Count > 0).Select(f => $"{f.Check} ({f.Count})"));
}

/// <summary>A reference the database cannot enforce with a foreign key, checked by a query that counts the rows breaking it.</summary>
public sealed record SoftReference(string Name, string CountSql);

/// <summary>
/// Checks every reference: each foreign key in the EF model (rows whose parent is missing, which can only happen if
/// constraints were bypassed) and each soft reference (same-estate rules, codes that must name something real).
/// </summary>
public sealed class OrphanScanService(IDbContextFactory<QuantifyDbContext> factory, IEnumerable<SoftReference> softReferences)
{
    /// <summary>Soft references of the foundation; other features register theirs as <see cref="SoftReference"/> services.</summary>
    public static IEnumerable<SoftReference> FoundationSoftReferences() =>
    [
        new("Meter's estate differs from its unit's estate",
            "SELECT COUNT(*) FROM \"Meters\" m JOIN \"Units\" u ON u.\"Id\" = m.\"UnitId\" WHERE m.\"EstateId\" <> u.\"EstateId\""),
        new("Ticket's estate differs from its unit's estate",
            "SELECT COUNT(*) FROM \"Tickets\" t JOIN \"Units\" u ON u.\"Id\" = t.\"UnitId\" WHERE t.\"EstateId\" <> u.\"EstateId\""),
        new("Estate assignment names an unknown role",
            "SELECT COUNT(*) FROM \"EstateAssignments\" a WHERE NOT EXISTS (SELECT 1 FROM \"AspNetRoles\" r WHERE r.\"Name\" = a.\"Role\")"),
        new("Invitation names an unknown role",
            "SELECT COUNT(*) FROM \"Invitations\" i WHERE NOT EXISTS (SELECT 1 FROM \"AspNetRoles\" r WHERE r.\"Name\" = i.\"Role\")"),
        new("Active meter assigned to an archived unit",
            "SELECT COUNT(*) FROM \"Meters\" m JOIN \"Units\" u ON u.\"Id\" = m.\"UnitId\" WHERE m.\"IsActive\" = 1 AND u.\"IsActive\" = 0"),
        new("Estate without its settings row",
            "SELECT COUNT(*) FROM \"Estates\" e WHERE NOT EXISTS (SELECT 1 FROM \"EstateSettings\" s WHERE s.\"EstateId\" = e.\"Id\")"),
    ];

    public async Task<OrphanReport> ScanAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var checks = ForeignKeyChecks(db.Model).Select(c => (c.Name, Kind: "foreign key", c.Sql))
            .Concat(softReferences.Select(s => (s.Name, Kind: "soft reference", Sql: s.CountSql)))
            .ToList();
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        var findings = new List<OrphanFinding>();
        foreach (var (name, kind, sql) in checks)
        {
            await using DbCommand cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            var count = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            findings.Add(new OrphanFinding(name, kind, count));
        }
        return new OrphanReport(findings.Where(f => f.Count > 0).ToList(), checks.Count);
    }

    public static IEnumerable<(string Name, string Sql)> ForeignKeyChecks(IModel model)
    {
        foreach (var entity in model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            var table = entity.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var fk in entity.GetForeignKeys())
            {
                var principal = fk.PrincipalEntityType;
                var pTable = principal.GetTableName()!;
                var pStore = StoreObjectIdentifier.Table(pTable, principal.GetSchema());
                var depCols = fk.Properties.Select(p => p.GetColumnName(store)!).ToList();
                var prinCols = fk.PrincipalKey.Properties.Select(p => p.GetColumnName(pStore)!).ToList();
                var notNull = string.Join(" AND ", depCols.Select(c => $"d.\"{c}\" IS NOT NULL"));
                var join = string.Join(" AND ", depCols.Zip(prinCols, (d, p) => $"p.\"{p}\" = d.\"{d}\""));
                yield return ($"{table}.{string.Join(",", depCols)} -> {pTable}",
                    $"SELECT COUNT(*) FROM \"{table}\" d WHERE {notNull} AND NOT EXISTS (SELECT 1 FROM \"{pTable}\" p WHERE {join})");
            }
        }
    }
}

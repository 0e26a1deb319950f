using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Quantify.Web.Data;

/// <summary>Generates docs/relationships.md from the EF model: every foreign key, its delete behaviour and why.</summary>
public static class RelationshipsDocument
{
    public sealed record Row(string Parent, string Child, string Column, string OnDelete, string? Reason);

    public static IReadOnlyList<Row> Rows(IModel model) =>
        model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .SelectMany(e => e.GetForeignKeys().Select(fk =>
            {
                var table = StoreObjectIdentifier.Table(e.GetTableName()!, e.GetSchema());
                return new Row(
                    fk.PrincipalEntityType.GetTableName()!,
                    e.GetTableName()!,
                    string.Join(", ", fk.Properties.Select(p => p.GetColumnName(table))),
                    Describe(fk.DeleteBehavior),
                    fk.FindAnnotation(RelationshipPolicy.ReasonAnnotation)?.Value as string);
            }))
            .DistinctBy(r => (r.Parent, r.Child, r.Column))
            .OrderBy(r => r.Parent, StringComparer.Ordinal).ThenBy(r => r.Child, StringComparer.Ordinal).ThenBy(r => r.Column, StringComparer.Ordinal)
            .ToList();

    public static string Generate(IModel model)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Relationships");
        sb.AppendLine();
        sb.AppendLine("<!-- Generated from the EF Core model by Quantify.Web/Data/RelationshipsDocument.cs. Do not edit by hand:");
        sb.AppendLine("     run `UPDATE_DOCS=1 ./test.sh` (or the RelationshipsDocument test with UPDATE_DOCS=1) to regenerate. -->");
        sb.AppendLine();
        sb.AppendLine("## The rule");
        sb.AppendLine();
        sb.AppendLine("- **Dependent configuration cascades** with its parent (estate settings, feature flags, estate assignments, invitations).");
        sb.AppendLine("- **Optional references become null** (a ticket's unit, a meter's unit, a notification's unit).");
        sb.AppendLine("- **Master data is never hard-deleted** while anything refers to it: estates and units are archived, meters decommissioned,");
        sb.AppendLine("  persons deactivated (or anonymised under POPIA). Where a hard delete is allowed (nothing refers to the row), a JSON snapshot");
        sb.AppendLine("  goes to `ArchivedRecords` first so it can be restored.");
        sb.AppendLine("- **Financial, telemetry and audit rows are never deleted** (`Restrict`): alerts, device commands, readings, ledger entries.");
        sb.AppendLine("- **Users are deactivated, never deleted**, so every created-by/updated-by stays valid.");
        sb.AppendLine();
        sb.AppendLine("Before any archive, deactivate or delete, `ImpactAnalysis` lists what the action ends, keeps and is blocked by;");
        sb.AppendLine("the admin UI shows it in a dialog. The nightly orphan scan checks every foreign key below and the soft references.");
        sb.AppendLine();
        sb.AppendLine("## Every foreign key");
        sb.AppendLine();
        sb.AppendLine("| Parent | Child | Column | On delete | Why |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var r in Rows(model))
            sb.AppendLine($"| {r.Parent} | {r.Child} | {r.Column} | {r.OnDelete} | {r.Reason ?? "**MISSING: no deliberate choice**"} |");
        return sb.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    private static string Describe(DeleteBehavior b) => b switch
    {
        DeleteBehavior.Cascade => "Cascade",
        DeleteBehavior.SetNull => "Set null",
        DeleteBehavior.Restrict or DeleteBehavior.NoAction => "Restrict",
        _ => b.ToString(),
    };
}

using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Web.Data;
using Quantify.Web.Features.MasterData;

namespace Quantify.Web.Features.Import;

/// <summary>Units by estate + unit number: new ones are created (with a payment reference), existing ones updated when a field differs.</summary>
public sealed class UnitsImport : ImportHandler
{
    private sealed record Planned(EstateRef Estate, int? ExistingId, UnitInput Input);

    public override ImportSchema Schema => ImportSchemas.Units;

    public override async Task<IReadOnlyList<PlannedRow>> PlanAsync(QuantifyDbContext db, ImportContext context, IReadOnlyList<SheetRow> rows, CancellationToken ct)
    {
        var estateIds = context.EstateIds;
        var existing = await db.Units.AsNoTracking().Where(u => estateIds.Contains(u.EstateId)).ToListAsync(ct);
        var byKey = existing.ToDictionary(u => (u.EstateId, u.UnitNumber));
        var byFolded = existing.GroupBy(u => (u.EstateId, u.UnitNumber.ToUpperInvariant())).ToDictionary(g => g.Key, g => g.First());
        var seen = new Dictionary<(int, string), int>();
        var plan = new List<PlannedRow>(rows.Count);
        foreach (var sheetRow in rows)
        {
            var row = new PlannedRow(sheetRow);
            plan.Add(row);
            var estate = context.ResolveEstate(row);
            var r = sheetRow;
            var input = new UnitInput(estate?.Id ?? 0, r.Text(ImportSchemas.UnitNumber) ?? "", r.Text("Floor"), r.Text("Building"), r.Dec("Size m2"),
                r.Dec("Participation quota %"), r.Int("Bedrooms"), r.Int("Bathrooms"));
            row.Key = $"{estate?.Name ?? r.Text(ImportSchemas.Estate)} / {input.UnitNumber}";
            // The Domain's rules (lengths, ranges), exactly as the unit form applies them.
            var candidate = Unit.Create(input.EstateId, input.UnitNumber, input.Floor, input.Building, input.SizeSqm, input.ParticipationQuota, input.Bedrooms, input.Bathrooms);
            if (candidate.IsFailure) row.AddErrors(candidate.Errors, Schema);
            if (estate is null || candidate.IsFailure || row.HasErrors) { row.Action = RowAction.Invalid; continue; }
            var number = candidate.Value.UnitNumber;
            if (Duplicate(seen, (estate.Id, number), row, ImportSchemas.UnitNumber, $"unit number '{number}' for {estate.Name}")) { row.Action = RowAction.Invalid; continue; }
            if (!byKey.TryGetValue((estate.Id, number), out var unit))
            {
                if (byFolded.TryGetValue((estate.Id, number.ToUpperInvariant()), out var near))
                {
                    row.Error(ImportSchemas.UnitNumber, $"Unit number '{number}' differs only in upper/lower case from the existing unit '{near.UnitNumber}' in {estate.Name}: use '{near.UnitNumber}' to update it.");
                    row.Action = RowAction.Invalid;
                    continue;
                }
                row.Action = RowAction.Create;
                row.Detail = "New unit";
                row.Data = new Planned(estate, null, input with { UnitNumber = number });
                continue;
            }
            if (!unit.IsActive)
            {
                row.Error(ImportSchemas.UnitNumber, $"Unit {unit.UnitNumber} in {estate.Name} is archived: restore it before importing changes to it.");
                row.Action = RowAction.Invalid;
                continue;
            }
            var c = candidate.Value;
            var changes = Changes(("Floor", unit.Floor, c.Floor), ("Building", unit.Building, c.Building), ("Size m2", unit.SizeSqm, c.SizeSqm),
                ("Participation quota %", unit.ParticipationQuota, c.ParticipationQuota), ("Bedrooms", unit.Bedrooms, c.Bedrooms), ("Bathrooms", unit.Bathrooms, c.Bathrooms));
            row.Action = changes.Length == 0 ? RowAction.Unchanged : RowAction.Update;
            row.Detail = changes.Length == 0 ? "Already up to date" : changes;
            row.Data = new Planned(estate, unit.Id, input with { UnitNumber = number });
        }
        return plan;
    }

    public override async Task<Result> ApplyAsync(QuantifyDbContext db, ImportContext context, PlannedRow row, CancellationToken ct)
    {
        var (estate, existingId, i) = (Planned)row.Data!;
        if (existingId is int id)
        {
            var unit = await db.Units.FirstAsync(u => u.Id == id, ct);
            var updated = unit.Update(i.UnitNumber, i.Floor, i.Building, i.SizeSqm, i.ParticipationQuota, i.Bedrooms, i.Bathrooms);
            if (updated.IsFailure) return updated;
        }
        else
        {
            var created = Unit.Create(estate.Id, i.UnitNumber, i.Floor, i.Building, i.SizeSqm, i.ParticipationQuota, i.Bedrooms, i.Bathrooms);
            if (created.IsFailure) return created;
            created.Value.AssignPaymentReference(await UnitService.NewPaymentReferenceAsync(db, estate.Name, i.UnitNumber, ct));
            db.Units.Add(created.Value);
        }
        return await MasterDataErrors.SaveAsync(db, () => UnitService.Clash(i.UnitNumber, estate.Name), ct);
    }
}

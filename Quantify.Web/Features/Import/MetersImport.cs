using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Features.MasterData;

namespace Quantify.Web.Features.Import;

/// <summary>Meters by serial number (EUIs unique too), with their unit assignment. A meter row is created and fitted in one step or not at all.</summary>
public sealed class MetersImport : ImportHandler
{
    private sealed record Planned(EstateRef Estate, int? ExistingId, MeterInput Input, int? UnitId, bool Reassign);

    public override ImportSchema Schema => ImportSchemas.Meters;

    public override async Task<IReadOnlyList<PlannedRow>> PlanAsync(QuantifyDbContext db, ImportContext context, IReadOnlyList<SheetRow> rows, CancellationToken ct)
    {
        var serials = rows.Select(r => r.Text("Serial number")).Where(s => s is not null).Distinct().ToList();
        var bySerial = (await db.Meters.AsNoTracking().Where(m => serials.Contains(m.SerialNumber)).ToListAsync(ct)).ToDictionary(m => m.SerialNumber);
        var euis = rows.Select(r => r.Text("Device EUI") is { } e ? DeviceEui.Parse(e, "DeviceEui") : null).Where(e => e is { IsSuccess: true }).Select(e => e!.Value.Value).Distinct().ToList();
        var byEui = (await db.Meters.AsNoTracking().Where(m => m.DeviceEui != null && euis.Contains(m.DeviceEui)).Select(m => new { m.Id, m.SerialNumber, m.DeviceEui }).ToListAsync(ct))
            .ToDictionary(m => m.DeviceEui!);
        var estateIds = context.EstateIds;
        var units = (await db.Units.AsNoTracking().Where(u => estateIds.Contains(u.EstateId)).Select(u => new { u.Id, u.EstateId, u.UnitNumber, u.IsActive }).ToListAsync(ct))
            .ToDictionary(u => (u.EstateId, u.UnitNumber));
        // One meter per utility per unit: who holds each (unit, type) now.
        var unitIds = units.Values.Select(u => u.Id).ToList();
        var fitted = (await db.Meters.AsNoTracking().Where(m => m.UnitId != null && unitIds.Contains(m.UnitId.Value)).Select(m => new { m.Id, UnitId = m.UnitId!.Value, m.Type, m.SerialNumber })
            .ToListAsync(ct)).GroupBy(m => (m.UnitId, m.Type)).ToDictionary(g => g.Key, g => g.First());
        var seenSerial = new Dictionary<string, int>();
        var seenEui = new Dictionary<string, int>();
        var seenFitting = new Dictionary<(int, MeterType), int>();
        var plan = new List<PlannedRow>(rows.Count);
        foreach (var r in rows)
        {
            var row = new PlannedRow(r);
            plan.Add(row);
            var estate = context.ResolveEstate(row);
            var type = Enum.TryParse<MeterType>(r.Text("Meter type"), out var t) ? t : MeterType.Electricity;
            var comms = Enum.TryParse<CommsType>(r.Text("Comms"), out var c) ? c : CommsType.Lora;
            var input = new MeterInput(estate?.Id ?? 0, r.Text("Serial number") ?? "", type, comms, r.Text("Device EUI"), r.Text("Manufacturer"), r.Text("Model"),
                r.Date("Installation date"), r.Int("Modbus address"));
            row.Key = input.SerialNumber;
            var candidate = Meter.Create(input.EstateId, input.SerialNumber, input.Type, input.Comms, input.DeviceEui, input.Manufacturer, input.Model, input.InstallationDate, input.ModbusAddress);
            if (candidate.IsFailure) row.AddErrors(candidate.Errors, Schema);
            int? unitId = null;
            var unitNumber = r.Text(ImportSchemas.UnitNumber);
            if (estate is not null && unitNumber is not null)
            {
                if (!units.TryGetValue((estate.Id, unitNumber), out var unit)) row.Error(ImportSchemas.UnitNumber, $"Unknown unit '{unitNumber}' in {estate.Name}: import the units first.");
                else if (!unit.IsActive) row.Error(ImportSchemas.UnitNumber, $"Unit {unitNumber} in {estate.Name} is archived.");
                else if (type.IsBulk()) row.Error(ImportSchemas.UnitNumber, "A bulk meter measures the whole estate and cannot be assigned to a unit: leave the unit blank.");
                else unitId = unit.Id;
            }
            if (estate is null || candidate.IsFailure || row.HasErrors) { row.Action = RowAction.Invalid; continue; }
            var m = candidate.Value;
            if (Duplicate(seenSerial, m.SerialNumber, row, "Serial number", $"serial number '{m.SerialNumber}'")) { row.Action = RowAction.Invalid; continue; }
            if (m.DeviceEui is { } eui && Duplicate(seenEui, eui, row, "Device EUI", $"device EUI {eui}")) { row.Action = RowAction.Invalid; continue; }
            if (unitId is int fitTo && Duplicate(seenFitting, (fitTo, type), row, ImportSchemas.UnitNumber, $"{type} meter for unit {unitNumber}")) { row.Action = RowAction.Invalid; continue; }

            bySerial.TryGetValue(m.SerialNumber, out var existing);
            if (m.DeviceEui is { } e2 && byEui.TryGetValue(e2, out var holder) && holder.Id != existing?.Id)
                row.Error("Device EUI", $"Device EUI {e2} is already taken by meter #{holder.Id} ({holder.SerialNumber}).");
            if (unitId is int u && fitted.TryGetValue((u, type), out var occupant) && occupant.Id != existing?.Id)
                row.Error(ImportSchemas.UnitNumber, $"Unit {unitNumber} already has a {type} meter ({occupant.SerialNumber}): unassign or decommission it first.");
            if (existing is not null)
            {
                if (existing.EstateId != estate.Id) row.Error("Serial number", $"Serial number '{m.SerialNumber}' is already used by meter #{existing.Id} in another estate.");
                else if (existing.Type != type) row.Error("Meter type", $"Meter {m.SerialNumber} is a {existing.Type} meter; the type of a meter cannot change (decommission it and add a new one).");
                else if (!existing.IsActive) row.Error("Serial number", $"Meter {m.SerialNumber} is decommissioned: recommission it before importing changes.");
            }
            if (row.HasErrors) { row.Action = RowAction.Invalid; continue; }
            if (existing is null)
            {
                row.Action = RowAction.Create;
                row.Detail = unitId is null ? "New meter" : $"New meter, fitted to {unitNumber}";
                row.Data = new Planned(estate, null, input, unitId, unitId is not null);
                continue;
            }
            var changes = Changes(("Comms", existing.Comms.ToString(), m.Comms.ToString()), ("Device EUI", existing.DeviceEui, m.DeviceEui),
                ("Modbus address", existing.ModbusAddress, m.ModbusAddress), ("Manufacturer", existing.Manufacturer, m.Manufacturer), ("Model", existing.Model, m.Model),
                ("Installation date", existing.InstallationDate, m.InstallationDate),
                ("Unit", existing.UnitId is int was ? units.Values.FirstOrDefault(x => x.Id == was)?.UnitNumber ?? $"#{was}" : null, unitNumber));
            row.Action = changes.Length == 0 ? RowAction.Unchanged : RowAction.Update;
            row.Detail = changes.Length == 0 ? "Already up to date" : changes;
            row.Data = new Planned(estate, existing.Id, input, unitId, existing.UnitId != unitId);
        }
        return plan;
    }

    public override async Task<Result> ApplyAsync(QuantifyDbContext db, ImportContext context, PlannedRow row, CancellationToken ct)
    {
        var p = (Planned)row.Data!;
        var i = p.Input;
        Meter meter;
        if (p.ExistingId is int id)
        {
            meter = await db.Meters.FirstAsync(m => m.Id == id, ct);
            var updated = meter.Update(i.SerialNumber, i.Comms, i.DeviceEui, i.Manufacturer, i.Model, i.InstallationDate, i.ModbusAddress);
            if (updated.IsFailure) return updated;
        }
        else
        {
            var created = Meter.Create(p.Estate.Id, i.SerialNumber, i.Type, i.Comms, i.DeviceEui, i.Manufacturer, i.Model, i.InstallationDate, i.ModbusAddress);
            if (created.IsFailure) return created;
            meter = created.Value;
            db.Meters.Add(meter);
        }
        // The same checks as the meter form, against the database as it is now (inside this row's savepoint).
        var clashes = await MeterService.ClashesAsync(db, meter, p.ExistingId, ct);
        if (clashes.Count > 0) return Result.Fail(clashes);
        if (p.Reassign)
        {
            if (p.UnitId is int unitId && await MeterService.AssignmentErrorAsync(db, meter, unitId, ct) is { } refused) return Result.Fail(refused);
            var assigned = meter.AssignToUnit(p.UnitId);
            if (assigned.IsFailure) return assigned;
        }
        return await MasterDataErrors.SaveAsync(db, () => new Error("duplicate", "Another meter with this serial number or EUI was saved just now.", "SerialNumber"), ct);
    }
}

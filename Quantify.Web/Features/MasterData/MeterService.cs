using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.MasterData;

public sealed record MeterInput(int EstateId, string SerialNumber, MeterType Type, CommsType Comms, string? DeviceEui, string? Manufacturer = null,
    string? Model = null, DateOnly? InstallationDate = null, int? ModbusAddress = null);

public sealed record MeterRow(int Id, string EstateName, string? UnitNumber, int? UnitId, string SerialNumber, MeterType Type, CommsType Comms, string? DeviceEui,
    CommsStatus Status, DateTimeOffset? LastSeenAt, bool IsActive);

/// <summary>Meters: serial and EUI unique, EUIs normalised (in the Domain, so every caller validates the same way), one meter per utility per unit.</summary>
public sealed class MeterService(IDbContextFactory<QuantifyDbContext> factory, Ingestion.MeterDirectory? directory = null)
{
    public async Task<Result<int>> CreateAsync(MeterInput input, CancellationToken ct = default)
    {
        var created = Meter.Create(input.EstateId, input.SerialNumber, input.Type, input.Comms, input.DeviceEui, input.Manufacturer, input.Model, input.InstallationDate, input.ModbusAddress);
        if (created.IsFailure) return Result<int>.Fail(created.Errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Estates.AnyAsync(e => e.Id == input.EstateId && e.IsActive, ct))
            return Result<int>.Fail(new Error("unknown_estate", $"Estate #{input.EstateId} does not exist or is archived.", nameof(MeterInput.EstateId)));
        var meter = created.Value;
        var clash = await ClashesAsync(db, meter, null, ct);
        if (clash.Count > 0) return Result<int>.Fail(clash);
        db.Meters.Add(meter);
        var saved = await MasterDataErrors.SaveAsync(db, () => new Error("duplicate", "Another meter with this serial number or EUI was saved just now.", nameof(MeterInput.SerialNumber)), ct);
        return MasterDataErrors.Map(saved, meter.Id);
    }

    public async Task<Result> UpdateAsync(int id, MeterInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meter = await db.Meters.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (meter is null) return Result.Fail(MasterDataErrors.NotFound("Meter", id));
        var r = meter.Update(input.SerialNumber, input.Comms, input.DeviceEui, input.Manufacturer, input.Model, input.InstallationDate, input.ModbusAddress);
        if (r.IsFailure) return r;
        var clash = await ClashesAsync(db, meter, id, ct);
        if (clash.Count > 0) return Result.Fail(clash);
        var saved = await MasterDataErrors.SaveAsync(db, () => new Error("duplicate", "Another meter with this serial number or EUI was saved just now.", nameof(MeterInput.SerialNumber)), ct);
        directory?.Invalidate(); // the ingestion pipeline must see a changed EUI or serial at once
        return saved;
    }

    /// <summary>Fits the meter to a unit (or removes it with null). Same estate, not a bulk meter, one meter per utility per unit.</summary>
    public async Task<Result> AssignAsync(int meterId, int? unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meter = await db.Meters.FirstOrDefaultAsync(m => m.Id == meterId, ct);
        if (meter is null) return Result.Fail(MasterDataErrors.NotFound("Meter", meterId));
        if (unitId is int uid && await AssignmentErrorAsync(db, meter, uid, ct) is { } refused) return Result.Fail(refused);
        var r = meter.AssignToUnit(unitId);
        if (r.IsFailure) return r;
        var saved = await MasterDataErrors.SaveAsync(db, () => new Error("utility_taken", "The unit was given a meter of this utility just now.", "UnitId"), ct);
        directory?.Invalidate();
        return saved;
    }

    /// <summary>Why the meter may not be fitted to the unit (same estate, active unit, one meter per utility per unit), or null. Shared with the bulk import.</summary>
    public static async Task<Error?> AssignmentErrorAsync(QuantifyDbContext db, Meter meter, int unitId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return new Error("unknown_unit", $"Unit #{unitId} does not exist.", "UnitId");
        if (!unit.IsActive) return new Error("archived_unit", $"Unit {unit.UnitNumber} is archived.", "UnitId");
        if (unit.EstateId != meter.EstateId) return new Error("other_estate", $"Meter {meter.SerialNumber} belongs to another estate than unit {unit.UnitNumber}.", "UnitId");
        var existing = await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.UnitId == unitId && m.Type == meter.Type && m.Id != meter.Id, ct);
        return existing is null ? null
            : new Error("utility_taken", $"Unit {unit.UnitNumber} already has a {meter.Type} meter ({existing.SerialNumber}): unassign or decommission it first.", "UnitId");
    }

    public async Task<Meter?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
    }

    public async Task<Page<MeterRow>> ListAsync(PageQuery query, int? unitId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = from m in db.Meters.AsNoTracking()
                join e in db.Estates on m.EstateId equals e.Id
                from u in db.Units.Where(u => u.Id == m.UnitId).DefaultIfEmpty()
                where query.IncludeArchived || m.IsActive
                select new { m, EstateName = e.Name, UnitNumber = u == null ? null : u.UnitNumber };
        if (query.EstateId is int estateId) q = q.Where(x => x.m.EstateId == estateId);
        if (unitId is int uid) q = q.Where(x => x.m.UnitId == uid);
        if (!string.IsNullOrWhiteSpace(query.Search))
            q = q.Where(x => x.m.SerialNumber.Contains(query.Search) || (x.m.DeviceEui != null && x.m.DeviceEui.Contains(query.Search.ToLower())) || x.EstateName.Contains(query.Search)
                             || (x.UnitNumber != null && x.UnitNumber.Contains(query.Search)));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(x => x.EstateName).ThenBy(x => x.m.SerialNumber).Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(x => new MeterRow(x.m.Id, x.EstateName, x.UnitNumber, x.m.UnitId, x.m.SerialNumber, x.m.Type, x.m.Comms, x.m.DeviceEui, x.m.State.CommsStatus, x.m.State.LastSeenAt, x.m.IsActive))
            .ToListAsync(ct);
        return new Page<MeterRow>(rows, total);
    }

    /// <summary>Serial and EUI clashes with other meters (shared with the bulk import).</summary>
    public static async Task<List<Error>> ClashesAsync(QuantifyDbContext db, Meter meter, int? exceptId, CancellationToken ct)
    {
        var errors = new List<Error>();
        var serial = await db.Meters.AsNoTracking().Where(m => m.SerialNumber == meter.SerialNumber && m.Id != exceptId)
            .Select(m => new { m.Id, Estate = db.Estates.Where(e => e.Id == m.EstateId).Select(e => e.Name).First() }).FirstOrDefaultAsync(ct);
        if (serial is not null)
            errors.Add(new Error("duplicate_serial", $"Serial number '{meter.SerialNumber}' is already used by meter #{serial.Id} in {serial.Estate}.", nameof(MeterInput.SerialNumber)));
        if (meter.DeviceEui is not null)
        {
            var eui = await db.Meters.AsNoTracking().Where(m => m.DeviceEui == meter.DeviceEui && m.Id != exceptId).Select(m => new { m.Id, m.SerialNumber }).FirstOrDefaultAsync(ct);
            if (eui is not null)
                errors.Add(new Error("duplicate_eui", $"Device EUI {meter.DeviceEui} is already taken by meter #{eui.Id} ({eui.SerialNumber}).", nameof(MeterInput.DeviceEui)));
        }
        return errors;
    }
}

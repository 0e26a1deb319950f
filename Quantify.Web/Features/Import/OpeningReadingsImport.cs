using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Import;

/// <summary>
/// Opening readings by meter + date: stored as a baseline reading (bills nothing; the next reading bills from it), deduplicated
/// on the meter's dedupe key <c>opening:yyyy-MM-dd</c> like every other reading. A stored reading is never changed.
/// </summary>
public sealed class OpeningReadingsImport : ImportHandler
{
    private sealed record Planned(int MeterId, DateTimeOffset ReadAt, decimal Register, string DedupeKey);

    public override ImportSchema Schema => ImportSchemas.OpeningReadings;

    public static string DedupeKey(DateOnly date) => "opening:" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override async Task<IReadOnlyList<PlannedRow>> PlanAsync(QuantifyDbContext db, ImportContext context, IReadOnlyList<SheetRow> rows, CancellationToken ct)
    {
        var serials = rows.Select(r => r.Text("Serial number")).Where(s => s is not null).Distinct().ToList();
        var meters = (await db.Meters.AsNoTracking().Where(m => serials.Contains(m.SerialNumber)).Select(m => new { m.Id, m.EstateId, m.SerialNumber, m.IsActive }).ToListAsync(ct))
            .ToDictionary(m => m.SerialNumber);
        var meterIds = meters.Values.Select(m => m.Id).ToList();
        var stored = (await db.MeterReadings.AsNoTracking().Where(x => meterIds.Contains(x.MeterId) && x.DedupeKey.StartsWith("opening:"))
            .Select(x => new { x.MeterId, x.DedupeKey, x.Register }).ToListAsync(ct)).ToDictionary(x => (x.MeterId, x.DedupeKey), x => x.Register);
        var seen = new Dictionary<(int, DateOnly), int>();
        var plan = new List<PlannedRow>(rows.Count);
        foreach (var r in rows)
        {
            var row = new PlannedRow(r);
            plan.Add(row);
            var estate = context.ResolveEstate(row);
            var serial = r.Text("Serial number");
            var date = r.Date("Reading date");
            var register = r.Dec("Register");
            row.Key = $"{serial} @ {date:yyyy-MM-dd}";
            if (register is < 0) row.Error("Register", "A register reading cannot be negative.");
            if (date is { } d && d > context.Today) row.Error("Reading date", $"{d:yyyy-MM-dd} is in the future.");
            if (estate is null || serial is null || date is null || register is null || row.HasErrors) { row.Action = RowAction.Invalid; continue; }
            if (!meters.TryGetValue(serial, out var meter) || meter.EstateId != estate.Id)
            {
                row.Error("Serial number", $"No meter with serial number '{serial}' in {estate.Name}: import the meters first.");
                row.Action = RowAction.Invalid;
                continue;
            }
            if (!meter.IsActive) { row.Error("Serial number", $"Meter {serial} is decommissioned."); row.Action = RowAction.Invalid; continue; }
            if (Duplicate(seen, (meter.Id, date.Value), row, "Reading date", $"opening reading for {serial} on {date:yyyy-MM-dd}")) { row.Action = RowAction.Invalid; continue; }
            var key = DedupeKey(date.Value);
            if (stored.TryGetValue((meter.Id, key), out var already))
            {
                if (already == register) { row.Action = RowAction.Unchanged; row.Detail = "Already stored"; }
                else
                {
                    row.Error("Register", $"An opening reading of {already.ToString("0.###", CultureInfo.InvariantCulture)} is already stored for {date:yyyy-MM-dd}: readings are never changed (correct it with an adjustment).");
                    row.Action = RowAction.Invalid;
                }
                continue;
            }
            var zone = EstateTime.Resolve(estate.TimeZone);
            var local = date.Value.ToDateTime(TimeOnly.MinValue);
            row.Action = RowAction.Create;
            row.Detail = $"Baseline {register.Value.ToString("0.###", CultureInfo.InvariantCulture)}";
            row.Data = new Planned(meter.Id, new DateTimeOffset(local, zone.GetUtcOffset(local)), register.Value, key);
        }
        return plan;
    }

    public override async Task<Result> ApplyAsync(QuantifyDbContext db, ImportContext context, PlannedRow row, CancellationToken ct)
    {
        var p = (Planned)row.Data!;
        var reading = new MeterReading(p.MeterId, p.ReadAt, p.Register, p.DedupeKey, "import", context.Now);
        reading.SetConsumption(null, ReadingStatus.Baseline);
        db.MeterReadings.Add(reading);
        return await MasterData.MasterDataErrors.SaveAsync(db, () => new Error("duplicate_reading", $"An opening reading for {p.ReadAt:yyyy-MM-dd} was stored for this meter just now.", "ReadAt"), ct);
    }
}

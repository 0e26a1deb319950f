using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Onboarding;

/// <summary>The checks a hand-read register passes before a move stores it (opening readings at move-in, closing ones at move-out).</summary>
public static class MeterReadingChecks
{
    /// <summary>Every active meter of the unit needs exactly one reading, not below and not before its last one, and not in the future.</summary>
    public static async Task<Result<Dictionary<int, (decimal Register, DateTimeOffset ReadAt)>>> CheckAgainstMetersAsync(QuantifyDbContext db, Unit unit, List<Meter> meters,
        List<MeterReadingInput> inputs, string field, DateTimeOffset now, CancellationToken ct)
    {
        var v = new Validator();
        var last = await LastReadingsAsync(db, meters.Select(m => m.Id).ToList(), ct);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var f = $"{field}[{i}]";
            var meter = meters.FirstOrDefault(m => m.Id == input.MeterId);
            if (meter is null) { v.Add(new Error("not_this_unit", $"Meter #{input.MeterId} is not an active meter of unit {unit.UnitNumber}.", f + ".MeterId")); continue; }
            if (inputs.Count(x => x.MeterId == input.MeterId) > 1) { v.Add(new Error("duplicate_meter", $"Meter {meter.SerialNumber} is read twice: give one reading per meter.", f + ".MeterId")); continue; }
            var at = input.ReadAt ?? now;
            if (at > now.AddMinutes(5)) v.Add(new Error("future_reading", $"Meter {meter.SerialNumber}: the reading time {at:yyyy-MM-dd HH:mm} is in the future.", f + ".ReadAt"));
            if (last.TryGetValue(meter.Id, out var l))
            {
                if (input.Register < l.Register)
                    v.Add(new Error("below_last_reading", $"Meter {meter.SerialNumber}: {input.Register} {meter.Type.UnitOfMeasure()} is below its last reading of {l.Register} ({l.ReadAt:yyyy-MM-dd HH:mm}). Check the digits; a replaced meter is registered as a new meter.", f + ".Register"));
                else if (at <= l.ReadAt)
                    v.Add(new Error("before_last_reading", $"Meter {meter.SerialNumber}: the reading time {at:yyyy-MM-dd HH:mm} is not after its last reading ({l.ReadAt:yyyy-MM-dd HH:mm}).", f + ".ReadAt"));
            }
        }
        foreach (var missing in meters.Where(m => inputs.All(x => x.MeterId != m.Id)))
            v.Add(new Error("reading_missing", $"Meter {missing.SerialNumber} ({missing.Type}) needs a reading.", field));
        return v.IsValid ? Result<Dictionary<int, (decimal, DateTimeOffset)>>.Ok(last) : Result<Dictionary<int, (decimal, DateTimeOffset)>>.Fail(v.Errors);
    }

    public static void CheckReadings(Validator v, List<MeterReadingInput>? inputs, string field)
    {
        if (inputs is null) return;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Register is null) v.Add(new Error("required", $"Reading {i + 1}: the register value is required.", $"{field}[{i}].Register"));
            else if (inputs[i].Register < 0) v.Add(new Error("negative", $"Reading {i + 1}: a register cannot be negative.", $"{field}[{i}].Register"));
            else if (inputs[i].Register > 99_999_999m) v.Add(new Error("out_of_range", $"Reading {i + 1}: {inputs[i].Register} is more digits than a meter register has.", $"{field}[{i}].Register"));
        }
    }

    public static async Task<Dictionary<int, (decimal Register, DateTimeOffset ReadAt)>> LastReadingsAsync(QuantifyDbContext db, List<int> meterIds, CancellationToken ct) =>
        (await db.MeterReadings.AsNoTracking()
            .Where(r => meterIds.Contains(r.MeterId) && r.Status != ReadingStatus.Anomaly && r.Status != ReadingStatus.Held && r.Status != ReadingStatus.Discarded)
            .GroupBy(r => r.MeterId)
            .Select(g => g.OrderByDescending(r => r.ReadAt).Select(r => new { r.MeterId, r.Register, r.ReadAt }).First())
            .ToListAsync(ct)).ToDictionary(x => x.MeterId, x => (x.Register, x.ReadAt));
}

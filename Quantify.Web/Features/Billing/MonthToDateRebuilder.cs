using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Billing;

/// <summary>
/// Recomputes a meter's billing month-to-date from its billed readings, after billed readings were held (the one-off
/// check): a reading dated 2099 left the state in 2099-01, and pricing refuses a reading older than its state. The
/// readings of the last billed month are priced again in order from the month before (blocks reset on the 1st, so the
/// last month's state is exact), the way statements re-price.
/// </summary>
public static class MonthToDateRebuilder
{
    public static async Task RebuildAsync(QuantifyDbContext db, TariffDirectory tariffs, Meter meter, CancellationToken ct)
    {
        var state = meter.State;
        var lastBilled = await db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meter.Id && r.Status == ReadingStatus.Billed)
            .OrderByDescending(r => r.ReadAt).Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefaultAsync(ct);
        var estate = await tariffs.ForEstateAsync(db, meter.EstateId, ct);
        if (lastBilled is not DateTimeOffset lastAt || meter.UnitId is not int unitId || !estate.ByUtility.TryGetValue(meter.Utility, out var set))
        {
            state.ClearBilling();
            return;
        }
        var local = TimeZoneInfo.ConvertTime(lastAt, estate.TimeZone);
        var monthBefore = new DateTime(local.Year, local.Month, 1).AddMonths(-1);
        var windowStart = new DateTimeOffset(monthBefore, estate.TimeZone.GetUtcOffset(monthBefore)).ToUniversalTime();
        var boundaries = db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meter.Id
            && (r.Status == ReadingStatus.Billed || r.Status == ReadingStatus.Baseline || r.Status == ReadingStatus.Rollback
                || (r.Status == ReadingStatus.NotBilled && r.Consumption != null)));
        var window = await boundaries.Where(r => r.ReadAt > windowStart && r.ReadAt <= lastAt).OrderBy(r => r.ReadAt)
            .Select(r => new { r.ReadAt, r.Status, r.Consumption }).ToListAsync(ct);
        var previous = await boundaries.Where(r => r.ReadAt <= windowStart).OrderByDescending(r => r.ReadAt).Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefaultAsync(ct);
        var freeBasic = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.FreeBasicRegistered).FirstOrDefaultAsync(ct);
        var month = MonthToDate.None;
        foreach (var r in window)
        {
            if (r.Status == ReadingStatus.Billed && previous is DateTimeOffset from && r.Consumption is decimal quantity)
            {
                var priced = TariffPricer.Price(set, new PricingContext { TimeZone = estate.TimeZone, UnitId = unitId, FreeBasicEligible = freeBasic, MonthToDate = month },
                    from, r.ReadAt, quantity);
                if (priced.IsSuccess) month = priced.Value.After;
            }
            previous = r.ReadAt;
        }
        if (month.Month == default) state.ClearBilling();
        else state.RecordBilling(month.Month, month.Quantity, month.FreeBasicUsed, month.CostUnrounded);
    }
}

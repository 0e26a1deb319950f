using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;

namespace Quantify.Web.Features;

/// <summary>
/// "Today" for value dates, in the estate's time zone (South African time unless the estate says otherwise): a payment
/// at 23:30 UTC on 30 November is 01:30 SAST on 1 December and belongs to December.
/// </summary>
public static class EstateToday
{
    public static DateOnly In(TimeProvider clock, string? timeZoneId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), EstateTime.Resolve(timeZoneId)).DateTime);

    public static async Task<DateOnly> OfEstateAsync(QuantifyDbContext db, TimeProvider clock, int estateId, CancellationToken ct)
    {
        var zone = await db.EstateSettings.AsNoTracking().Where(s => s.EstateId == estateId).Select(s => s.TimeZone).FirstOrDefaultAsync(ct);
        return In(clock, zone);
    }

    public static async Task<DateOnly> OfUnitAsync(QuantifyDbContext db, TimeProvider clock, int unitId, CancellationToken ct)
    {
        var zone = await (from u in db.Units.AsNoTracking()
                          join s in db.EstateSettings.AsNoTracking() on u.EstateId equals s.EstateId
                          where u.Id == unitId
                          select s.TimeZone).FirstOrDefaultAsync(ct);
        return In(clock, zone);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Usage;

public enum UsagePeriod { Day, Week, Month }

/// <summary>One bucket (day, week or month starting on <paramref name="Start"/>); <paramref name="Readings"/> = 0 means no data, not zero use.</summary>
public sealed record UsagePoint(string Label, decimal Quantity, decimal Cost, DateOnly Start = default, int Readings = 0);

public sealed record UsageSeries(Utility Utility, string Unit, IReadOnlyList<UsagePoint> Points)
{
    public decimal TotalQuantity => Points.Sum(p => p.Quantity);
    public decimal TotalCost => Points.Sum(p => p.Cost);
}

/// <summary>
/// A unit's consumption and cost per utility by day (last 30), ISO week (last 12) or month (last 12), in SAST, from its
/// billed readings. The caller has already checked the unit is in the viewer's scope.
/// </summary>
public sealed class UsageQueries(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    private static readonly TimeZoneInfo Sast = EstateTime.Default;

    public async Task<IReadOnlyList<UsageSeries>> ForUnitAsync(int unitId, UsagePeriod period, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Sast).DateTime);
        var buckets = Buckets(today, period);
        var from = new DateTimeOffset(buckets[0].Start.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(2));
        await using var db = await factory.CreateDbContextAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.UnitId == unitId).Select(m => new { m.Id, m.Type }).ToListAsync(ct);
        var ids = meters.Select(m => m.Id).ToList();
        var rows = await db.MeterReadings.AsNoTracking().Where(r => ids.Contains(r.MeterId) && r.ReadAt >= from && r.Consumption != null)
            .Select(r => new { r.MeterId, r.ReadAt, r.Consumption, r.Amount }).ToListAsync(ct);
        var typeOf = meters.ToDictionary(m => m.Id, m => m.Type);
        return meters.Select(m => m.Type.Utility()).Distinct().Order().Select(utility =>
        {
            var mine = rows.Where(r => typeOf[r.MeterId].Utility() == utility)
                .Select(r => (Day: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.ReadAt, Sast).DateTime), Q: r.Consumption ?? 0m, C: r.Amount ?? 0m)).ToList();
            var points = buckets.Select(b =>
            {
                var inside = mine.Where(x => x.Day >= b.Start && x.Day < b.End).ToList();
                return new UsagePoint(b.Label, inside.Sum(x => x.Q), inside.Sum(x => x.C), b.Start, inside.Count);
            }).ToList();
            return new UsageSeries(utility, utility is Utility.Water or Utility.HotWater ? "kL" : "kWh", points);
        }).ToList();
    }

    private static List<(DateOnly Start, DateOnly End, string Label)> Buckets(DateOnly today, UsagePeriod period)
    {
        var list = new List<(DateOnly, DateOnly, string)>();
        switch (period)
        {
            case UsagePeriod.Day:
                for (var d = today.AddDays(-29); d <= today; d = d.AddDays(1)) list.Add((d, d.AddDays(1), d.ToString("dd MMM", CultureInfo.InvariantCulture)));
                break;
            case UsagePeriod.Week:
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                for (var w = monday.AddDays(-7 * 11); w <= monday; w = w.AddDays(7)) list.Add((w, w.AddDays(7), "wk " + ISOWeek.GetWeekOfYear(w.ToDateTime(TimeOnly.MinValue))));
                break;
            default:
                var first = new DateOnly(today.Year, today.Month, 1);
                for (var m = first.AddMonths(-11); m <= first; m = m.AddMonths(1)) list.Add((m, m.AddMonths(1), m.ToString("MMM yy", CultureInfo.InvariantCulture)));
                break;
        }
        return list;
    }
}

using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Billing;

/// <summary>
/// Posts the tariffs' fixed charges to every unit that has an active meter of the utility, for a given local day: daily
/// service charges every day; monthly charges pro rata for the days the unit is occupied (days occupied / days in the
/// month, accrued day by day, cumulative cent rounding: see <see cref="TariffPricer.FixedChargesFor(Tariff, DateOnly, IReadOnlySet{int})"/>).
/// A unit is occupied on the days its tenancies (tenant role, move-in and move-out days included) cover; a unit with no
/// tenancy in the month (owner-occupied, or not let through Quantify) is treated as occupied every day, so its month is
/// the full charge. Idempotent per unit, utility and day ("fixed:{unit}:{utility}:{date}"), so the nightly job can be
/// re-run or catch up missed days safely.
/// </summary>
public sealed class FixedChargeService(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, TariffDirectory tariffs, TimeProvider clock)
{
    public sealed record Result(int Posted, int AlreadyPosted, decimal Total);

    public async Task<Result> PostForAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.IsActive && m.UnitId != null)
            .Select(m => new { m.EstateId, UnitId = m.UnitId!.Value, m.Type }).ToListAsync(ct);
        var occupied = await OccupiedDaysAsync(db, meters.Select(m => m.UnitId).Distinct().ToList(), day, ct);
        int posted = 0, replayed = 0;
        var total = 0m;
        foreach (var estate in meters.GroupBy(m => m.EstateId))
        {
            var estateTariffs = await tariffs.ForEstateAsync(db, estate.Key, ct);
            foreach (var (unitId, utility) in estate.Select(m => (m.UnitId, m.Type.Utility())).Distinct())
            {
                if (!estateTariffs.ByUtility.TryGetValue(utility, out var set) || set.EffectiveOn(day, unitId) is not { } tariff) continue;
                var charge = TariffPricer.FixedChargesFor(tariff, day, occupied[unitId]);
                if (charge.Total == 0) continue;
                var pocket = CreditControlService.PocketOf(utility switch
                {
                    Utility.Electricity => MeterType.Electricity,
                    Utility.Water => MeterType.Water,
                    Utility.HotWater => MeterType.HotWater,
                    _ => MeterType.Solar,
                })!.Value;
                var walletId = await ledger.EnsureWalletAsync(unitId, ct);
                var result = await ledger.PostAsync(Postings.FixedCharge(unitId, utility, day, walletId, estate.Key, pocket, charge.ExclVat, charge.Vat,
                    string.Join(", ", charge.Lines.Select(l => l.Description))), ct);
                if (result.IsFailure) continue;
                if (result.Value.Replayed) replayed++;
                else { posted++; total += charge.Total; }
            }
        }
        return new Result(posted, replayed, total);
    }

    /// <summary>The days of <paramref name="day"/>'s month each unit is occupied (every day for a unit without a tenancy that month).</summary>
    private static async Task<Dictionary<int, IReadOnlySet<int>>> OccupiedDaysAsync(QuantifyDbContext db, List<int> unitIds, DateOnly day, CancellationToken ct)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var tenancies = await db.Tenancies.AsNoTracking()
            .Where(t => t.Role == TenancyRole.Tenant && unitIds.Contains(t.UnitId) && t.StartDate <= last && (t.EndDate == null || t.EndDate >= first))
            .Select(t => new { t.UnitId, t.StartDate, t.EndDate }).ToListAsync(ct);
        var everyDay = Enumerable.Range(1, last.Day).ToHashSet();
        var result = unitIds.ToDictionary(u => u, _ => (IReadOnlySet<int>)everyDay);
        foreach (var unit in tenancies.GroupBy(t => t.UnitId))
            result[unit.Key] = Enumerable.Range(1, last.Day)
                .Where(d => unit.Any(t => t.StartDate <= new DateOnly(day.Year, day.Month, d) && (t.EndDate == null || t.EndDate >= new DateOnly(day.Year, day.Month, d))))
                .ToHashSet();
        return result;
    }

    /// <summary>Yesterday in South African time: the day the nightly job charges.</summary>
    public DateOnly Yesterday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), EstateTime.Default).DateTime).AddDays(-1);
}

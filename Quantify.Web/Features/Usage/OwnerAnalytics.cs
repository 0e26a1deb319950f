using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Web.Data;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Usage;

/// <summary>One of the owner's units for one utility this month, against its estate's average per occupied unit.</summary>
public sealed record UnitConsumption(int UnitId, string EstateName, string UnitNumber, Utility Utility, string Unit, decimal Quantity, decimal Cost,
    decimal EstateAverage, int EstateOccupiedUnits)
{
    /// <summary>How far above (+) or below (−) the estate average, in percent; null when the estate average is zero.</summary>
    public decimal? VersusAveragePercent => EstateAverage == 0m ? null : Math.Round((Quantity - EstateAverage) / EstateAverage * 100m, 1);

    public string Label => $"{EstateName} {UnitNumber}";
}

/// <summary>Occupied and vacant days of one calendar month (the current month counts up to today).</summary>
public sealed record VacancyMonth(DateOnly Month, int OccupiedDays, int VacantDays)
{
    public int Days => OccupiedDays + VacantDays;
    public decimal VacancyPercent => Days == 0 ? 0m : Math.Round(VacantDays * 100m / Days, 1);
    public string Label => Month.ToString("MMM yy", CultureInfo.InvariantCulture);
}

public sealed record UnitVacancy(int UnitId, string EstateName, string UnitNumber, IReadOnlyList<VacancyMonth> Months);

/// <summary>Money in and out of one pocket of one unit's wallet this month, and its balance now.</summary>
public sealed record PocketReconciliation(int UnitId, string EstateName, string UnitNumber, Pocket Pocket, decimal TopUps, decimal Consumption,
    decimal FixedCharges, decimal Other, decimal Balance)
{
    /// <summary>Top-ups less everything charged: what the pocket gained (or lost) this month.</summary>
    public decimal Net => TopUps - Consumption - FixedCharges + Other;
}

public sealed record OwnerAnalyticsReport(DateOnly Month, IReadOnlyList<UnitConsumption> Consumption, IReadOnlyList<UnitVacancy> Vacancy,
    IReadOnlyList<VacancyMonth> PortfolioVacancy, IReadOnlyList<PocketReconciliation> Reconciliation)
{
    public static readonly OwnerAnalyticsReport Empty = new(default, [], [], [], []);

    /// <summary>The owner's units for one utility, highest consumption first (ties: higher cost first).</summary>
    public IReadOnlyList<UnitConsumption> TopConsumers(Utility utility) =>
        Consumption.Where(c => c.Utility == utility).OrderByDescending(c => c.Quantity).ThenByDescending(c => c.Cost).ThenBy(c => c.Label, StringComparer.Ordinal).ToList();

    public IReadOnlyList<Utility> Utilities => Consumption.Select(c => c.Utility).Distinct().Order().ToList();
}

/// <summary>
/// Usage analytics for an owner (seed 004 §3.3-3.4): this month's consumption and cost of each of their units per utility
/// ranked, each unit against its estate's average per occupied unit (same utility, same month), vacancy per month over
/// the last 12 months from the tenancy history, and each unit's top-ups against what was charged this month. Only the
/// units the owner's scope reaches are ever read; estate averages are aggregated in SQL (never one row per reading).
/// </summary>
public sealed class OwnerAnalytics(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    private static readonly TransactionType[] FixedChargeTypes = [TransactionType.ServiceCharge, TransactionType.Levy, TransactionType.Reconnection];

    public async Task<OwnerAnalyticsReport> ForOwnerAsync(UserScope scope, CancellationToken ct = default)
    {
        var unitIds = scope.UnitsFor(Roles.Owner).ToList();
        if (unitIds.Count == 0) return OwnerAnalyticsReport.Empty;
        await using var db = await factory.CreateDbContextAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new UnitRef(u.Id, u.EstateId, u.Estate.Name, u.UnitNumber, u.Estate.Settings.TimeZone)).ToListAsync(ct);
        var today = Today(units.Select(u => u.TimeZone).FirstOrDefault());
        var month = new DateOnly(today.Year, today.Month, 1);
        var consumption = await ConsumptionAsync(db, units, ct);
        var vacancy = await VacancyAsync(db, units, today, ct);
        var reconciliation = await ReconciliationAsync(db, units, month, ct);
        return new OwnerAnalyticsReport(month, consumption, vacancy, Portfolio(vacancy), reconciliation);
    }

    private sealed record UnitRef(int Id, int EstateId, string EstateName, string UnitNumber, string? TimeZone);

    private DateOnly Today(string? timeZone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), EstateTime.Resolve(timeZone)).DateTime);

    private async Task<List<UnitConsumption>> ConsumptionAsync(QuantifyDbContext db, List<UnitRef> units, CancellationToken ct)
    {
        var ids = units.Select(u => u.Id).ToList();
        var meterTypes = await db.Meters.AsNoTracking().Where(m => m.UnitId != null && ids.Contains(m.UnitId.Value) && m.IsActive)
            .Select(m => new { UnitId = m.UnitId!.Value, m.Type }).ToListAsync(ct);
        var result = new List<UnitConsumption>();
        foreach (var estate in units.GroupBy(u => u.EstateId))
        {
            var zone = EstateTime.Resolve(estate.First().TimeZone);
            var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
            var monthStart = new DateTime(local.Year, local.Month, 1);
            var since = new DateTimeOffset(monthStart, zone.GetUtcOffset(monthStart));
            var estateId = estate.Key;
            // Per unit and meter type, summed in the database: a 1,000-unit estate returns a few thousand rows, not its readings.
            // Readings held as anomalies bill nothing and are left out.
            var sums = await (from r in db.MeterReadings
                              join m in db.Meters on r.MeterId equals m.Id
                              where m.EstateId == estateId && m.UnitId != null && r.ReadAt >= since && r.Consumption != null && r.Status != ReadingStatus.Anomaly
                              group r by new { UnitId = m.UnitId!.Value, m.Type } into g
                              select new { g.Key.UnitId, g.Key.Type, Quantity = g.Sum(r => r.Consumption!.Value), Cost = g.Sum(r => r.Amount ?? 0m) }).ToListAsync(ct);
            var occupied = (await db.Units.Where(u => u.EstateId == estateId && u.IsActive && u.Occupancy == Occupancy.Occupied).Select(u => u.Id).ToListAsync(ct)).ToHashSet();
            var mineIds = estate.Select(u => u.Id).ToHashSet();
            var utilities = sums.Where(s => mineIds.Contains(s.UnitId) && !s.Type.IsBulk()).Select(s => s.Type.Utility())
                .Concat(meterTypes.Where(m => mineIds.Contains(m.UnitId) && !m.Type.IsBulk()).Select(m => m.Type.Utility())).Distinct().Order();
            foreach (var utility in utilities)
            {
                var ofUtility = sums.Where(s => !s.Type.IsBulk() && s.Type.Utility() == utility).ToList();
                var average = occupied.Count == 0 ? 0m : ofUtility.Where(s => occupied.Contains(s.UnitId)).Sum(s => s.Quantity) / occupied.Count;
                foreach (var unit in estate)
                {
                    var mine = ofUtility.Where(s => s.UnitId == unit.Id).ToList();
                    if (mine.Count == 0 && !meterTypes.Any(m => m.UnitId == unit.Id && m.Type.Utility() == utility)) continue;
                    result.Add(new UnitConsumption(unit.Id, unit.EstateName, unit.UnitNumber, utility, UnitOf(utility),
                        mine.Sum(s => s.Quantity), mine.Sum(s => s.Cost), Math.Round(average, 3), occupied.Count));
                }
            }
        }
        return result;
    }

    private static string UnitOf(Utility utility) => utility is Utility.Water or Utility.HotWater ? "kL" : "kWh";

    /// <summary>Occupied days = days on which a tenant's tenancy (start and end inclusive) covered the unit; the rest are vacant.</summary>
    private static async Task<List<UnitVacancy>> VacancyAsync(QuantifyDbContext db, List<UnitRef> units, DateOnly today, CancellationToken ct)
    {
        var current = new DateOnly(today.Year, today.Month, 1);
        var first = current.AddMonths(-11);
        var ids = units.Select(u => u.Id).ToList();
        var tenancies = await db.Tenancies.AsNoTracking()
            .Where(t => ids.Contains(t.UnitId) && t.Role == TenancyRole.Tenant && t.StartDate <= today && (t.EndDate == null || t.EndDate >= first))
            .Select(t => new { t.UnitId, t.StartDate, t.EndDate }).ToListAsync(ct);
        return units.OrderBy(u => u.EstateName, StringComparer.Ordinal).ThenBy(u => u.UnitNumber, StringComparer.Ordinal).Select(u =>
        {
            var mine = tenancies.Where(t => t.UnitId == u.Id).Select(t => (t.StartDate, t.EndDate)).ToList();
            var months = Enumerable.Range(0, 12).Select(i => Month(current.AddMonths(-11 + i), today, mine)).ToList();
            return new UnitVacancy(u.Id, u.EstateName, u.UnitNumber, months);
        }).ToList();
    }

    /// <summary>One month of one unit: each day up to today is occupied if any tenancy covers it.</summary>
    public static VacancyMonth Month(DateOnly month, DateOnly today, IReadOnlyList<(DateOnly Start, DateOnly? End)> tenancies)
    {
        var last = month.AddMonths(1).AddDays(-1);
        if (last > today) last = today;
        int occupied = 0, vacant = 0;
        for (var d = month; d <= last; d = d.AddDays(1))
        {
            var day = d;
            if (tenancies.Any(t => t.Start <= day && (t.End is null || t.End >= day))) occupied++;
            else vacant++;
        }
        return new VacancyMonth(month, occupied, vacant);
    }

    private static List<VacancyMonth> Portfolio(List<UnitVacancy> units) =>
        units.Count == 0 ? [] : units[0].Months.Select((m, i) =>
            new VacancyMonth(m.Month, units.Sum(u => u.Months[i].OccupiedDays), units.Sum(u => u.Months[i].VacantDays))).ToList();

    private static async Task<List<PocketReconciliation>> ReconciliationAsync(QuantifyDbContext db, List<UnitRef> units, DateOnly month, CancellationToken ct)
    {
        var ids = units.Select(u => u.Id).ToList();
        var wallets = await db.Wallets.AsNoTracking().Where(w => ids.Contains(w.UnitId)).Select(w => new { w.Id, w.UnitId }).ToListAsync(ct);
        var walletIds = wallets.Select(w => w.Id).ToList();
        var accounts = await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId != null && walletIds.Contains(a.WalletId.Value) && a.Pocket != null)
            .Select(a => new { a.Id, WalletId = a.WalletId!.Value, Pocket = a.Pocket!.Value, a.Balance }).ToListAsync(ct);
        // SQLite keeps decimals as text: the month's lines of these few wallets are summed here, exactly.
        var lines = await (from l in db.LedgerLines.AsNoTracking()
                           join t in db.LedgerTransactions on l.TransactionId equals t.Id
                           where l.WalletId != null && walletIds.Contains(l.WalletId.Value) && t.ValueDate >= month
                           select new { l.AccountId, t.Type, l.Amount }).ToListAsync(ct);
        var result = new List<PocketReconciliation>();
        foreach (var u in units.OrderBy(u => u.EstateName, StringComparer.Ordinal).ThenBy(u => u.UnitNumber, StringComparer.Ordinal))
        {
            var wallet = wallets.FirstOrDefault(w => w.UnitId == u.Id);
            if (wallet is null) continue;
            foreach (var a in accounts.Where(a => a.WalletId == wallet.Id).OrderBy(a => a.Pocket))
            {
                var mine = lines.Where(l => l.AccountId == a.Id).ToList();
                if (mine.Count == 0 && a.Balance == 0m) continue;
                decimal Sum(Func<TransactionType, bool> type) => mine.Where(l => type(l.Type)).Sum(l => l.Amount);
                result.Add(new PocketReconciliation(u.Id, u.EstateName, u.UnitNumber, a.Pocket,
                    Sum(t => t is TransactionType.TopUp or TransactionType.Allocation),
                    -Sum(t => t == TransactionType.Consumption),
                    -Sum(FixedChargeTypes.Contains),
                    Sum(t => t is not (TransactionType.TopUp or TransactionType.Allocation or TransactionType.Consumption) && !FixedChargeTypes.Contains(t)),
                    a.Balance));
            }
        }
        return result;
    }
}

/// <summary>Display formats of the owner's analytics (South African: space thousands, comma decimals).</summary>
public static class OwnerFormat
{
    /// <summary>"+100 %", "-25 %", "0 %"; "—" when there is no average to compare with.</summary>
    public static string Versus(decimal? percent) => Components.Shared.Format.SignedPercent(percent);

    public static string Percent(decimal percent) => Components.Shared.Format.Percent(percent);

    public static string Quantity(decimal quantity) => Components.Shared.Format.Number(quantity);
}

using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Levies;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Levies;

/// <summary>
/// The levy side of the scheme KPIs (seed 004 §5.1), for the current month in the estate's time zone:
/// <list type="bullet">
/// <item><b>Billed</b>: levy income raised with a value date in the month (net of reversals).</item>
/// <item><b>Collected</b>: money received against levies in the month (EFT receipts to levy receivables, top-ups to Levy pockets).</item>
/// <item><b>In arrears</b>: every unit's unpaid levy charges now (first in, first out: <see cref="LevyStanding"/>).</item>
/// <item><b>Common-area cost</b>: what the body corporate carries for the month: vacant units' consumption billed to
/// common property (from the ledger), plus the bulk meter's quantity that no unit meter measured (common areas and
/// losses), valued at the month's average unit rate of that utility.</item>
/// <item><b>Surplus (deficit)</b>: levies billed less the common-area cost.</item>
/// </list>
/// </summary>
public sealed class LevyKpiQueries(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    public async Task<LevyKpis> KpisAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = await EstateToday.OfEstateAsync(db, clock, estateId, ct);
        var first = new DateOnly(today.Year, today.Month, 1);
        var next = first.AddMonths(1);

        // Money is summed here, not in SQL: SQLite keeps decimals as text.
        var income = AccountCode.LevyIncome(estateId).ToString();
        var billed = (await (from l in db.LedgerLines.AsNoTracking()
                             join a in db.LedgerAccounts on l.AccountId equals a.Id
                             join t in db.LedgerTransactions on l.TransactionId equals t.Id
                             where a.Code == income && t.ValueDate >= first && t.ValueDate < next
                             select l.Amount).ToListAsync(ct)).Sum();

        var lines = await LevyService.LevyLinesAsync(db, estateId, ct);
        var reversals = (await db.LedgerTransactions.AsNoTracking().Where(t => t.EstateId == estateId && t.Type == TransactionType.Reversal && t.ValueDate >= first && t.ValueDate < next)
            .Select(t => t.Id).ToListAsync(ct)).ToHashSet();
        var collected = lines.SelectMany(g => g).Where(l => l.Amount > 0 && l.ValueDate >= first && l.ValueDate < next && !reversals.Contains(l.TransactionId)).Sum(l => l.Amount);
        var arrears = lines.Sum(g => LevyStanding.From(g.Select(l => (l.ValueDate, l.Amount)), today).Outstanding);

        var common = (await (from l in db.LedgerLines.AsNoTracking()
                             join a in db.LedgerAccounts on l.AccountId equals a.Id
                             join t in db.LedgerTransactions on l.TransactionId equals t.Id
                             where a.EstateId == estateId && a.Kind == AccountKind.CommonProperty && t.ValueDate >= first && t.ValueDate < next
                             select l.Amount).ToListAsync(ct)).Sum(a => -a);
        var cost = common + await UnmeteredCostAsync(db, estateId, first, next, ct);
        return new LevyKpis(billed, collected, arrears, cost, billed - cost);
    }

    /// <summary>Bulk quantity no unit meter measured this month, per utility, valued at the month's average unit rate (rand, rounded to the cent).</summary>
    private static async Task<decimal> UnmeteredCostAsync(QuantifyDbContext db, int estateId, DateOnly first, DateOnly next, CancellationToken ct)
    {
        var zone = EstateTime.Resolve(await db.EstateSettings.AsNoTracking().Where(s => s.EstateId == estateId).Select(s => s.TimeZone).FirstOrDefaultAsync(ct));
        var since = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue)));
        var until = new DateTimeOffset(next.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(next.ToDateTime(TimeOnly.MinValue)));
        var rows = await (from r in db.MeterReadings.AsNoTracking()
                          join m in db.Meters on r.MeterId equals m.Id
                          where m.EstateId == estateId && r.ReadAt >= since && r.ReadAt < until && r.Consumption != null
                          select new { m.Type, r.Consumption, r.Amount }).ToListAsync(ct);
        var cost = 0m;
        foreach (var utility in rows.GroupBy(r => r.Type.Utility()))
        {
            var bulk = utility.Where(r => r.Type.IsBulk()).Sum(r => r.Consumption ?? 0m);
            var units = utility.Where(r => !r.Type.IsBulk()).ToList();
            var quantity = units.Sum(r => r.Consumption ?? 0m);
            var amount = units.Sum(r => r.Amount ?? 0m);
            if (bulk > quantity && quantity > 0) cost += Math.Round((bulk - quantity) * amount / quantity, 2, MidpointRounding.AwayFromZero);
        }
        return cost;
    }
}

using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Levies;
using Quantify.Web.Data;
using Quantify.Web.Features;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Levies;

namespace Quantify.Web.Demo;

/// <summary>
/// The demo's levies. Silverleaf (sectional title) tracks levies as receivables paid by EFT: an admin levy of
/// R42 000 a month shared by participation quota from last month, and a reserve-fund contribution of R8 400 a quarter
/// shared by floor area; last month's levies are paid by every unit except three (in arrears), this month's by half.
/// Harbour View deducts a R9 600 monthly levy from wallets, shared equally; half the rooms topped up their Levy pocket.
/// </summary>
public static class DemoLevies
{
    public static async Task SeedAsync(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, TimeProvider clock, int silverleafId, int harbourId, CancellationToken ct)
    {
        var levies = new LevyService(factory, ledger, clock);
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = await EstateToday.OfEstateAsync(db, clock, silverleafId, ct);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        var harbourSettings = await db.EstateSettings.Include(s => s.FeatureFlags).SingleAsync(s => s.EstateId == harbourId, ct);
        harbourSettings.SetLevyCollection(LevyCollection.Wallet);
        db.LevySchedules.AddRange(
            Ok(LevySchedule.Create(silverleafId, "Admin levy", 42_000m, LevyFrequency.Monthly, LevyAllocationMethod.ParticipationQuota, lastMonth)),
            Ok(LevySchedule.Create(silverleafId, "Reserve fund contribution", 8_400m, LevyFrequency.Quarterly, LevyAllocationMethod.FloorArea,
                LevyPeriod.Containing(LevyFrequency.Quarterly, today).Start)),
            Ok(LevySchedule.Create(harbourId, "Admin levy", 9_600m, LevyFrequency.Monthly, LevyAllocationMethod.Equal, thisMonth)));
        await db.SaveChangesAsync(ct);

        Check(await levies.RaiseAsync(silverleafId, lastMonth, ct));
        Check(await levies.RaiseAsync(silverleafId, today, ct));
        Check(await levies.RaiseAsync(harbourId, today, ct));

        var silverleafUnits = await db.Units.AsNoTracking().Where(u => u.EstateId == silverleafId).OrderBy(u => u.UnitNumber).Select(u => new { u.Id, u.UnitNumber }).ToListAsync(ct);
        var owed = (await db.LedgerAccounts.AsNoTracking().Where(a => a.EstateId == silverleafId && a.Kind == AccountKind.LevyReceivable).ToListAsync(ct))
            .ToDictionary(a => a.Account.UnitId!.Value, a => -a.Balance);
        var lastMonthAdmin = await db.LedgerTransactions.AsNoTracking().Where(t => t.Type == TransactionType.Levy && t.ValueDate == lastMonth)
            .Join(db.LedgerLines, t => t.Id, l => l.TransactionId, (t, l) => new { l.AccountId, l.Amount })
            .Join(db.LedgerAccounts.Where(a => a.Kind == AccountKind.LevyReceivable && a.EstateId == silverleafId), x => x.AccountId, a => a.Id, (x, a) => new { a.Code, x.Amount })
            .ToListAsync(ct);
        var lastByUnit = lastMonthAdmin.GroupBy(x => AccountCode.Parse(x.Code).UnitId!.Value).ToDictionary(g => g.Key, g => -g.Sum(x => x.Amount));
        for (var i = 0; i < silverleafUnits.Count; i++)
        {
            var u = silverleafUnits[i];
            if (i % 9 == 4) continue; // three units have paid nothing: they are in arrears
            var amount = i % 2 == 0 ? owed.GetValueOrDefault(u.Id) : lastByUnit.GetValueOrDefault(u.Id);
            if (amount <= 0) continue;
            var date = i % 2 == 0 ? today : lastMonth.AddDays(4);
            var r = await ledger.PostAsync(Postings.LevyReceipt($"levy-receipt:{silverleafId}:DEMO-{u.UnitNumber}-{date:yyyyMMdd}", silverleafId, u.Id, amount, date,
                $"Levy paid by EFT, unit {u.UnitNumber} (demo)", AccountCode.TrustBank(silverleafId)), ct);
            if (r.IsFailure) throw new InvalidOperationException("Demo levy receipt: " + r.Describe());
        }

        var harbourWallets = await db.Wallets.AsNoTracking().Join(db.Units.Where(u => u.EstateId == harbourId), w => w.UnitId, u => u.Id, (w, u) => new { w.Id, u.UnitNumber })
            .OrderBy(w => w.UnitNumber).ToListAsync(ct);
        foreach (var w in harbourWallets.Where((_, i) => i % 2 == 0))
        {
            var r = await ledger.PostAsync(Postings.TopUp($"demo-levy-topup-{w.Id}", today, "Levy top-up (demo)", w.Id,
                new Dictionary<Pocket, decimal> { [Pocket.Levy] = 600m }, AccountCode.PayFastClearing), ct);
            if (r.IsFailure) throw new InvalidOperationException("Demo levy top-up: " + r.Describe());
        }
    }

    private static void Check(LevyRunResult r)
    {
        if (r.Problems.Count > 0) throw new InvalidOperationException("Demo levies: " + string.Join("; ", r.Problems));
    }

    private static LevySchedule Ok(Domain.Common.Result<LevySchedule> r) =>
        r.IsSuccess ? r.Value : throw new InvalidOperationException("Demo levy schedule is invalid: " + r.Describe());
}

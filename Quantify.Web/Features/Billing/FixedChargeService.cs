using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Billing;

/// <summary>
/// Posts the tariffs' fixed charges (daily service charges; monthly ones on the 1st) to every unit that has an active
/// meter of the utility, for a given local day. Idempotent per unit, utility and day ("fixed:{unit}:{utility}:{date}"),
/// so the nightly job can be re-run or catch up missed days safely.
/// </summary>
public sealed class FixedChargeService(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, TariffDirectory tariffs, TimeProvider clock)
{
    public sealed record Result(int Posted, int AlreadyPosted, decimal Total);

    public async Task<Result> PostForAsync(DateOnly day, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.IsActive && m.UnitId != null)
            .Select(m => new { m.EstateId, UnitId = m.UnitId!.Value, m.Type }).ToListAsync(ct);
        int posted = 0, replayed = 0;
        var total = 0m;
        foreach (var estate in meters.GroupBy(m => m.EstateId))
        {
            var estateTariffs = await tariffs.ForEstateAsync(db, estate.Key, ct);
            foreach (var (unitId, utility) in estate.Select(m => (m.UnitId, m.Type.Utility())).Distinct())
            {
                if (!estateTariffs.ByUtility.TryGetValue(utility, out var set) || set.EffectiveOn(day, unitId) is not { } tariff) continue;
                var charge = TariffPricer.FixedChargesFor(tariff, day);
                if (charge.Total == 0) continue;
                var pocket = CreditControlService.PocketOf(utility switch
                {
                    Utility.Electricity => MeterType.Electricity,
                    Utility.Water => MeterType.Water,
                    Utility.HotWater => MeterType.HotWater,
                    _ => MeterType.Solar,
                })!.Value;
                var walletId = await ledger.EnsureWalletAsync(unitId, ct);
                var lines = new List<PostingLine> { new(LedgerAccount.WalletCode(walletId, pocket), -charge.Total), new(LedgerAccount.RevenueCode(estate.Key, pocket), charge.ExclVat) };
                if (charge.Vat != 0) lines.Add(new(LedgerAccount.VatOutputCode, charge.Vat));
                var result = await ledger.PostAsync(new PostingRequest($"fixed:{unitId}:{utility}:{day:yyyy-MM-dd}", TransactionType.ServiceCharge, day,
                    string.Join(", ", charge.Lines.Select(l => l.Description)), lines), ct);
                if (result.IsFailure) continue;
                if (result.Value.Replayed) replayed++;
                else { posted++; total += charge.Total; }
            }
        }
        return new Result(posted, replayed, total);
    }

    /// <summary>Yesterday in South African time: the day the nightly job charges.</summary>
    public DateOnly Yesterday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), EstateTime.Default).DateTime).AddDays(-1);
}

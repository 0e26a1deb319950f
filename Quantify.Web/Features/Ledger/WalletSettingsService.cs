using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ledger;

/// <summary>Per-pocket credit-control settings and suspension. Changes are versioned and audited like all master data.</summary>
public sealed class WalletSettingsService(IDbContextFactory<QuantifyDbContext> factory)
{
    /// <summary>The estate's default split (percent to electricity, the rest to water) for money paid in without one: a bank deposit, a group top-up's share.</summary>
    public async Task<decimal> DefaultElectricitySharePercentAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from u in db.Units join s in db.EstateSettings on u.EstateId equals s.EstateId where u.Id == unitId
                      select (decimal?)s.DefaultElectricitySharePercent).FirstOrDefaultAsync(ct) ?? 100m;
    }

    /// <summary>The pockets of the utilities the unit has an active meter for (electricity, water, hot water, solar).</summary>
    public async Task<IReadOnlySet<Pocket>> MeteredPocketsAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var types = await db.Meters.AsNoTracking().Where(m => m.UnitId == unitId && m.IsActive).Select(m => m.Type).Distinct().ToListAsync(ct);
        return types.Select(t => Enum.Parse<Pocket>(Domain.Metering.MeterTypes.Utility(t).ToString())).ToHashSet();
    }

    /// <summary>
    /// The pockets a resident sets a low-balance alert for: every pocket the unit has a meter for (hot water too, each
    /// with its own threshold, never a silent default), plus any other pocket that holds money.
    /// </summary>
    public static IReadOnlyList<PocketBalance> AlertPockets(IReadOnlyList<PocketBalance> balances, IReadOnlySet<Pocket> metered) =>
        balances.Where(p => metered.Contains(p.Pocket) || (p.Pocket != Pocket.Unallocated && p.Balance != 0m)).ToList();

    public async Task<Result> ConfigureAsync(int unitId, Pocket pocket, decimal lowBalanceThreshold, decimal minimumActivation, decimal creditLimit, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await PocketAsync(db, unitId, pocket, ct);
        if (p is null) return Result.Fail(new Error("no_wallet", "This unit has no wallet yet."));
        var r = p.Configure(lowBalanceThreshold, minimumActivation, creditLimit);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> SuspendAsync(int unitId, Pocket pocket, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Result.Fail(new Error("reason_required", "Say why the pocket is suspended (residents see it).", "Reason"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await PocketAsync(db, unitId, pocket, ct);
        if (p is null) return Result.Fail(new Error("no_wallet", "This unit has no wallet yet."));
        p.Suspend(reason.Trim());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> ResumeAsync(int unitId, Pocket pocket, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await PocketAsync(db, unitId, pocket, ct);
        if (p is null) return Result.Fail(new Error("no_wallet", "This unit has no wallet yet."));
        p.Resume();
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static Task<WalletPocket?> PocketAsync(QuantifyDbContext db, int unitId, Pocket pocket, CancellationToken ct) =>
        db.WalletPockets.FirstOrDefaultAsync(p => p.Pocket == pocket && db.Wallets.Any(w => w.Id == p.WalletId && w.UnitId == unitId), ct);
}

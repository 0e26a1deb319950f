using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;

namespace Quantify.Web.Features.Ledger;

public sealed record PeriodRow(int Year, int Month, PeriodStatus Status, DateTimeOffset? ClosedAt, DateTimeOffset? LockedAt, string? ReopenReason, int Snapshots);

/// <summary>Financial months per estate: close (snapshotting every balance), lock, and reopen (closed only, with a reason).</summary>
public sealed class PeriodService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    public static async Task<PeriodStatus> StatusOnAsync(QuantifyDbContext db, int estateId, DateOnly day, CancellationToken ct) =>
        await db.FinancialPeriods.AsNoTracking().Where(p => p.EstateId == estateId && p.Year == day.Year && p.Month == day.Month)
            .Select(p => (PeriodStatus?)p.Status).FirstOrDefaultAsync(ct) ?? PeriodStatus.Open;

    public async Task<IReadOnlyList<PeriodRow>> ListAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.FinancialPeriods.AsNoTracking().Where(p => p.EstateId == estateId).OrderByDescending(p => p.Year).ThenByDescending(p => p.Month)
            .Select(p => new PeriodRow(p.Year, p.Month, p.Status, p.ClosedAt, p.LockedAt, p.ReopenReason, db.PeriodBalances.Count(b => b.PeriodId == p.Id)))
            .ToListAsync(ct);
    }

    public async Task<Result> CloseAsync(int estateId, int year, int month, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var period = await db.FinancialPeriods.FirstOrDefaultAsync(p => p.EstateId == estateId && p.Year == year && p.Month == month, ct);
        if (period is null)
        {
            period = new FinancialPeriod(estateId, year, month);
            db.FinancialPeriods.Add(period);
        }
        var r = period.Close(clock.GetUtcNow(), UserContext.Actor?.UserId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        // Snapshot each of the estate's accounts as at the month's end: the sum of its lines dated up to then.
        var last = period.LastDay;
        var accountIds = await (from a in db.LedgerAccounts
                                where a.EstateId == estateId || db.Wallets.Any(w => w.Id == a.WalletId && db.Units.Any(u => u.Id == w.UnitId && u.EstateId == estateId))
                                select a.Id).ToListAsync(ct);
        var amounts = await (from l in db.LedgerLines join t in db.LedgerTransactions on l.TransactionId equals t.Id
                             where accountIds.Contains(l.AccountId) && t.ValueDate <= last
                             select new { l.AccountId, l.Amount }).ToListAsync(ct);
        var sums = amounts.GroupBy(x => x.AccountId).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        foreach (var id in accountIds) db.PeriodBalances.Add(new PeriodBalance(period.Id, id, sums.GetValueOrDefault(id)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    public Task<Result> LockAsync(int estateId, int year, int month, CancellationToken ct = default) =>
        ChangeAsync(estateId, year, month, p => p.Lock(clock.GetUtcNow()), ct);

    public Task<Result> ReopenAsync(int estateId, int year, int month, string reason, CancellationToken ct = default) =>
        ChangeAsync(estateId, year, month, p => p.Reopen(reason), ct);

    private async Task<Result> ChangeAsync(int estateId, int year, int month, Func<FinancialPeriod, Result> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var period = await db.FinancialPeriods.FirstOrDefaultAsync(p => p.EstateId == estateId && p.Year == year && p.Month == month, ct);
        if (period is null) return Result.Fail(new Error("not_closed", $"{year}-{month:00} has not been closed."));
        var r = change(period);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

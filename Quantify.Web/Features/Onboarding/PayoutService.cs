using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Onboarding;

public sealed record PayoutRow(int Id, string Estate, int UnitId, string UnitNumber, int PersonId, string PersonName, decimal Amount, string? BankDetailsReference,
    PayoutStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt, string? PaymentReference);

public sealed record ArrearsRow(int Id, string Estate, int UnitId, string UnitNumber, int PersonId, string PersonName, decimal Amount, DateOnly HandedOverOn);

/// <summary>Refunds owed to moved-out residents (mark paid posts refunds payable → bank) and debts handed to arrears; both scoped to the user's estates.</summary>
public sealed class PayoutService(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, TimeProvider clock)
{
    public async Task<IReadOnlyList<PayoutRow>> PayoutsAsync(UserScope scope, bool includePaid = false, CancellationToken ct = default)
    {
        var estates = Estates(scope);
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = from p in db.Payouts.AsNoTracking()
                join u in db.Units on p.UnitId equals u.Id
                join e in db.Estates on p.EstateId equals e.Id
                join per in db.Persons on p.PersonId equals per.Id
                where (estates == null || estates.Contains(p.EstateId)) && (includePaid || p.Status == PayoutStatus.Pending)
                select new { p, u.UnitNumber, Estate = e.Name, Name = per.FirstName + " " + per.LastName };
        var rows = await q.ToListAsync(ct);
        return rows.OrderBy(r => r.p.Status).ThenBy(r => r.p.CreatedAt)
            .Select(r => new PayoutRow(r.p.Id, r.Estate, r.p.UnitId, r.UnitNumber, r.p.PersonId, r.Name, r.p.Amount, r.p.BankDetailsReference, r.p.Status, r.p.CreatedAt, r.p.PaidAt, r.p.PaymentReference))
            .ToList();
    }

    public async Task<IReadOnlyList<ArrearsRow>> ArrearsAsync(UserScope scope, CancellationToken ct = default)
    {
        var estates = Estates(scope);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from a in db.ArrearsHandovers.AsNoTracking()
                          join u in db.Units on a.UnitId equals u.Id
                          join e in db.Estates on a.EstateId equals e.Id
                          join per in db.Persons on a.PersonId equals per.Id
                          where estates == null || estates.Contains(a.EstateId)
                          select new ArrearsRow(a.Id, e.Name, a.UnitId, u.UnitNumber, a.PersonId, per.FirstName + " " + per.LastName, a.Amount, a.HandedOverOn)).ToListAsync(ct);
        return rows.OrderByDescending(r => r.HandedOverOn).ThenBy(r => r.PersonName).ToList();
    }

    /// <summary>Records that the refund left the estate's trust bank account: posts refunds payable → trust bank (idempotent on the payout) and marks it paid.</summary>
    public async Task<Result> MarkPaidAsync(UserScope scope, int payoutId, string? paymentReference, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var payout = await db.Payouts.FirstOrDefaultAsync(p => p.Id == payoutId, ct);
        var estates = Estates(scope);
        if (payout is null || (estates is not null && !estates.Contains(payout.EstateId)))
            return Result.Fail(new Error("not_found", $"Refund #{payoutId} does not exist or is outside your estates."));
        if (payout.Status == PayoutStatus.Paid) return Result.Fail(new Error("already_paid", $"Refund #{payoutId} was already marked paid on {payout.PaidAt:yyyy-MM-dd}."));
        if (string.IsNullOrWhiteSpace(paymentReference))
            return Result.Fail(new Error("required", "Give the bank's payment reference so the refund can be traced.", nameof(Payout.PaymentReference)));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var today = await EstateToday.OfEstateAsync(db, clock, payout.EstateId, ct);
        var posted = await ledger.PostInAsync(db, Postings.RefundPaid(payout.Id, payout.Amount, paymentReference, today, AccountCode.TrustBank(payout.EstateId)), ct);
        if (posted.IsFailure) return posted;
        var marked = payout.MarkPaid(clock.GetUtcNow(), UserContext.Actor?.UserId ?? scope.UserId, paymentReference, posted.Value.TransactionId);
        if (marked.IsFailure) return marked;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result.Ok();
    }

    /// <summary>Estates the user manages (null: all, for admins).</summary>
    private static IReadOnlySet<int>? Estates(UserScope scope) => scope.ManagedEstates;
}

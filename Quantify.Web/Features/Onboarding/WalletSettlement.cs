using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Onboarding;

/// <summary>
/// Settling a unit's wallet against the person leaving it (at move-out, or at a move-in that resets the wallet): money
/// moves only through <see cref="LedgerService"/>, inside the caller's transaction and wallet lock.
/// </summary>
public sealed class WalletSettlement(LedgerService ledger)
{
    /// <summary>
    /// Brings every pocket of the wallet to zero in one posting: the net credit to refunds payable (and a payout for the
    /// person), or the net debt to the estate's arrears account (and an arrears handover on the person).
    /// </summary>
    public async Task<Result<SettlementOutcome>> SettleInAsync(QuantifyDbContext db, Unit unit, int walletId, int? personId, int? tenancyId, string key, DateOnly valueDate,
        string? bankReference, string description, CancellationToken ct)
    {
        // Decimals are compared in memory: SQLite stores them as text.
        var pockets = (await db.LedgerAccounts.Where(a => a.WalletId == walletId).ToListAsync(ct)).Where(a => a.Balance != 0).ToList();
        if (pockets.Count == 0) return Result<SettlementOutcome>.Ok(SettlementOutcome.Nothing);
        var net = pockets.Sum(a => a.Balance);
        if (personId is not int person)
            return Result<SettlementOutcome>.Fail(new Error("wallet_not_empty",
                $"The wallet of unit {unit.UnitNumber} holds {Money.Format(net)} and no previous tenant to settle it with: choose to carry the balance over.", "Wallet"));
        var posted = await ledger.PostInAsync(db, Postings.MoveOut(key, unit.EstateId, valueDate, description, pockets.Select(a => (a.Account, a.Balance)).ToList()), ct);
        if (posted.IsFailure) return Result<SettlementOutcome>.Fail(posted.Errors);
        var transactionId = posted.Value.TransactionId;
        if (net > 0)
        {
            var payout = Payout.Create(unit.EstateId, unit.Id, person, tenancyId, net, bankReference, transactionId);
            if (payout.IsFailure) return Result<SettlementOutcome>.Fail(payout.Errors);
            db.Payouts.Add(payout.Value);
            await db.SaveChangesAsync(ct);
            return Result<SettlementOutcome>.Ok(new SettlementOutcome(net, payout.Value.Id, net, null, null));
        }
        if (net < 0)
        {
            var handover = ArrearsHandover.Create(unit.EstateId, unit.Id, person, tenancyId, -net, valueDate, transactionId);
            if (handover.IsFailure) return Result<SettlementOutcome>.Fail(handover.Errors);
            db.ArrearsHandovers.Add(handover.Value);
            await db.SaveChangesAsync(ct);
            return Result<SettlementOutcome>.Ok(new SettlementOutcome(net, null, null, handover.Value.Id, -net));
        }
        return Result<SettlementOutcome>.Ok(SettlementOutcome.Nothing);
    }
}

using Quantify.Domain.Common;

namespace Quantify.Domain.Family;

/// <summary>Whether a person may pay a top-up into a shared wallet, checked before any payment is started.</summary>
public static class TopUpCap
{
    /// <param name="grant">The person's grant, or null when they hold Manage through the unit itself (tenant, owner): no caps.</param>
    /// <param name="paidThisMonth">What the person already paid in (or has pending) this calendar month on this wallet.</param>
    public static Result Check(WalletAccessGrant? grant, bool holdsUnitItself, decimal amount, decimal paidThisMonth)
    {
        if (holdsUnitItself) return Result.Ok();
        if (grant is null || !grant.IsActive)
            return Result.Fail(new Error("no_access", "You no longer have access to top up this wallet.", "Amount"));
        if (!grant.AllowsTopUp)
            return Result.Fail(new Error("view_only", "Your access to this wallet is view only: you cannot top it up.", "Amount"));
        if (grant.Level == WalletAccessLevel.Manage) return Result.Ok();
        if (grant.CapPerTopUp is decimal perTopUp && amount > perTopUp)
            return Result.Fail(new Error("over_cap", $"{Money.Format(amount)} is above your cap of {Money.Format(perTopUp)} per top-up.", "Amount"));
        if (grant.CapPerMonth is decimal perMonth && paidThisMonth + amount > perMonth)
            return Result.Fail(new Error("over_monthly_cap",
                $"{Money.Format(amount)} would take you past your cap of {Money.Format(perMonth)} a month: you have paid {Money.Format(paidThisMonth)} this month, so at most {Money.Format(Math.Max(0, perMonth - paidThisMonth))} more.", "Amount"));
        return Result.Ok();
    }
}

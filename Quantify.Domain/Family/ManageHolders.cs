using Quantify.Domain.Common;

namespace Quantify.Domain.Family;

/// <summary>A shared wallet always keeps someone who can manage it.</summary>
public static class ManageHolders
{
    /// <summary>
    /// Refuses a change that would leave the wallet with no Manage holder: revoking or downgrading
    /// <paramref name="changing"/> when no other active Manage grant exists and nobody holds the unit itself
    /// (a current tenant, or an owner of a vacant or owner-occupied unit).
    /// </summary>
    public static Result CheckRemoval(IEnumerable<WalletAccessGrant> grantsOfUnit, WalletAccessGrant changing, WalletAccessLevel? newLevel, bool unitHasHolder)
    {
        if (!changing.AllowsManage || newLevel == WalletAccessLevel.Manage || unitHasHolder) return Result.Ok();
        var others = grantsOfUnit.Count(g => g.AllowsManage && !ReferenceEquals(g, changing) && (g.Id == 0 || g.Id != changing.Id));
        return others > 0
            ? Result.Ok()
            : Result.Fail(new Error("last_manager", "This is the wallet's last Manage holder: give someone else Manage first.", nameof(WalletAccessGrant.Level)));
    }
}

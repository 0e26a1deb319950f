using Quantify.Domain.Family;

namespace Quantify.Web.Features.Family;

/// <summary>What one person may do with one unit's wallet: as its holder (tenant, or owner of a vacant or owner-occupied unit: Manage), or through a grant.</summary>
public sealed record UnitAccess(int UnitId, int? PersonId, bool HoldsUnit, WalletAccessGrant? Grant)
{
    public bool CanView => HoldsUnit || Grant is { IsActive: true };
    public bool CanTopUp => HoldsUnit || Grant is { AllowsTopUp: true };
    public bool CanManage => HoldsUnit || Grant is { AllowsManage: true };
    public WalletAccessLevel? Level => HoldsUnit ? WalletAccessLevel.Manage : Grant is { IsActive: true } g ? g.Level : null;
}

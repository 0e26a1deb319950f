using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Family;
using Quantify.Domain.People;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Family;

/// <summary>
/// Data migration (run at every start-up, idempotent): each current family-member tenancy without a grant becomes a
/// TopUp <see cref="WalletAccessGrant"/> on the same unit, its monthly spend limit becoming the grant's monthly cap, and
/// <see cref="WalletAccessGrant.MigratedFromTenancyId"/> pointing back at it. The tenancy row stays as history; access is
/// read from grants from then on (docs/family.md).
/// </summary>
public static class FamilyGrantMigration
{
    public static async Task<int> RunAsync(QuantifyDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var migrated = db.WalletAccessGrants.Where(g => g.MigratedFromTenancyId != null).Select(g => g.MigratedFromTenancyId!.Value);
        var family = await db.Tenancies.AsNoTracking()
            .Where(t => t.Role == TenancyRole.FamilyMember && (t.EndDate == null || t.EndDate >= today) && !migrated.Contains(t.Id)).ToListAsync(ct);
        foreach (var t in family)
        {
            var grant = WalletAccessGrant.Create(t.UnitId, t.PersonId, WalletAccessLevel.TopUp, null, t.MonthlySpendLimit, clock.GetUtcNow(), null, t.Id);
            if (grant.IsSuccess) db.WalletAccessGrants.Add(grant.Value);
        }
        if (family.Count > 0) await db.SaveChangesAsync(ct);
        return family.Count;
    }
}

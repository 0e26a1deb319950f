using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Family;
using Quantify.Domain.People;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Family;

/// <summary>Shared look-ups: a user's person, who holds a unit, a person's access to a unit.</summary>
public static class FamilyAccessQueries
{
    public static Task<int?> PersonOfUserAsync(QuantifyDbContext db, string? userId, CancellationToken ct) =>
        userId is null ? Task.FromResult<int?>(null) : db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PersonId).FirstOrDefaultAsync(ct);

    /// <summary>The unit's current tenant holds it; with no tenant, its current owners do (vacant or owner-occupied).</summary>
    public static async Task<bool> HoldsUnitAsync(QuantifyDbContext db, int personId, int unitId, DateOnly today, CancellationToken ct)
    {
        var tenants = await db.Tenancies.AsNoTracking()
            .Where(t => t.UnitId == unitId && t.Role == TenancyRole.Tenant && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today))
            .Select(t => t.PersonId).ToListAsync(ct);
        if (tenants.Count > 0) return tenants.Contains(personId);
        return await db.Ownerships.AsNoTracking().AnyAsync(o => o.UnitId == unitId && o.PersonId == personId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today), ct);
    }

    public static async Task<bool> UnitHasHolderAsync(QuantifyDbContext db, int unitId, DateOnly today, CancellationToken ct) =>
        await db.Tenancies.AnyAsync(t => t.UnitId == unitId && t.Role == TenancyRole.Tenant && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today), ct)
        || await db.Ownerships.AnyAsync(o => o.UnitId == unitId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today), ct);

    public static async Task<UnitAccess> AccessAsync(QuantifyDbContext db, int? personId, int unitId, DateOnly today, CancellationToken ct)
    {
        if (personId is not int p) return new UnitAccess(unitId, null, false, null);
        var holds = await HoldsUnitAsync(db, p, unitId, today, ct);
        var grant = await db.WalletAccessGrants.AsNoTracking().Where(g => g.UnitId == unitId && g.PersonId == p && g.RevokedAt == null).OrderByDescending(g => g.Id).FirstOrDefaultAsync(ct);
        return new UnitAccess(unitId, p, holds, grant);
    }

    /// <summary>Users (active logins) of the people who hold Manage on the unit or pay into it (TopUp grants), and of the payers of groups it is in.</summary>
    public static async Task<IReadOnlyList<(int UnitId, string UserId)>> GrantAndPayerUsersAsync(QuantifyDbContext db, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        var grants = await (from g in db.WalletAccessGrants
                            where unitIds.Contains(g.UnitId) && g.RevokedAt == null && g.Level != WalletAccessLevel.View
                            join u in db.Users on g.PersonId equals u.PersonId
                            where u.IsActive
                            select new { g.UnitId, UserId = u.Id }).ToListAsync(ct);
        var payers = await (from m in db.Set<WalletGroupMember>()
                            where unitIds.Contains(m.UnitId)
                            join g in db.WalletGroups on m.WalletGroupId equals g.Id
                            join u in db.Users on g.PayerPersonId equals u.PersonId
                            where u.IsActive
                            select new { m.UnitId, UserId = u.Id }).ToListAsync(ct);
        return grants.Select(x => (x.UnitId, x.UserId)).Concat(payers.Select(x => (x.UnitId, x.UserId))).Distinct().ToList();
    }
}

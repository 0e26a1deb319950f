using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Support;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Family;

/// <summary>
/// When the tenant moves out, the household they let onto the unit's wallet leaves with them: every active wallet access
/// grant on the unit is revoked (stamped with the acting user and audited like any grant change), and pending wallet
/// invitations to those people for the unit are withdrawn. A person who owns the unit on the move-out day keeps theirs.
/// </summary>
public static class LeavingHousehold
{
    /// <summary>Revokes inside the caller's transaction (nothing is saved here); returns the people who lost access.</summary>
    public static async Task<IReadOnlyList<int>> RevokeAccessInAsync(QuantifyDbContext db, int unitId, DateOnly moveOut, DateTimeOffset at, string? byUserId, CancellationToken ct)
    {
        var owners = await db.Ownerships.Where(o => o.UnitId == unitId && o.StartDate <= moveOut && (o.EndDate == null || o.EndDate >= moveOut))
            .Select(o => o.PersonId).ToListAsync(ct);
        var grants = await db.WalletAccessGrants.Where(g => g.UnitId == unitId && g.RevokedAt == null && !owners.Contains(g.PersonId)).ToListAsync(ct);
        foreach (var grant in grants) grant.Revoke(at, byUserId);
        var people = grants.Select(g => g.PersonId).Distinct().ToList();
        foreach (var invite in await db.Invitations.Where(i => i.UnitId == unitId && people.Contains(i.PersonId) && i.Status == InvitationStatus.Pending).ToListAsync(ct))
            invite.Revoke();
        return people;
    }
}

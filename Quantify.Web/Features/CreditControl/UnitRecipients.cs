using Microsoft.EntityFrameworkCore;
using Quantify.Domain.People;
using Quantify.Web.Data;

namespace Quantify.Web.Features.CreditControl;

/// <summary>
/// Who hears about a unit's balance: the active users of its current tenants and family members, or, for a unit with no
/// tenant, its owners; and always the people who hold TopUp or Manage on its wallet and the payers of wallet groups it is in.
/// </summary>
public static class UnitRecipients
{
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>> ForAsync(QuantifyDbContext db, IReadOnlyCollection<int> unitIds, DateOnly today, CancellationToken ct)
    {
        var occupants = await (from t in db.Tenancies
                where unitIds.Contains(t.UnitId) && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today)
                join u in db.Users on t.PersonId equals u.PersonId
                where u.IsActive
                select new { t.UnitId, UserId = u.Id, Tenant = t.Role == TenancyRole.Tenant }).ToListAsync(ct);
        var owners = await (from o in db.Ownerships
                where unitIds.Contains(o.UnitId) && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today)
                join u in db.Users on o.PersonId equals u.PersonId
                where u.IsActive
                select new { o.UnitId, UserId = u.Id }).ToListAsync(ct);
        var shared = await Family.FamilyAccessQueries.GrantAndPayerUsersAsync(db, unitIds, ct);
        var result = new Dictionary<int, IReadOnlyList<string>>();
        foreach (var unitId in unitIds)
        {
            var here = occupants.Where(o => o.UnitId == unitId).Select(o => o.UserId).Distinct().ToList();
            var holders = here.Count > 0 ? here : owners.Where(o => o.UnitId == unitId).Select(o => o.UserId).Distinct().ToList();
            result[unitId] = holders.Concat(shared.Where(s => s.UnitId == unitId).Select(s => s.UserId)).Distinct().ToList();
        }
        return result;
    }
}

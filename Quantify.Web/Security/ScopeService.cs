using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.People;
using Quantify.Web.Data;
using Quantify.Web.Features.ApiKeys;
using Quantify.Web.Identity;

namespace Quantify.Web.Security;

/// <summary>
/// What one user may see: the estates they are assigned to (agents, trustees, utility users) and the units they
/// reach through their person's current tenancies and ownerships. Every feature query is filtered through this.
/// </summary>
public sealed record UserScope(
    string UserId,
    IReadOnlySet<string> Roles,
    IReadOnlyDictionary<string, IReadOnlySet<int>> EstatesByRole,
    IReadOnlySet<int> TenantUnits,
    IReadOnlySet<int> FamilyUnits,
    IReadOnlySet<int> OwnerUnits,
    IReadOnlyDictionary<int, int> EstateOfUnit)
{
    public static readonly UserScope Anonymous = new("", new HashSet<string>(), new Dictionary<string, IReadOnlySet<int>>(),
        new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

    public bool IsAdmin => Roles.Contains(Identity.Roles.Admin);

    /// <summary>The estates an API key limits this scope to (null: not narrowed).</summary>
    public IReadOnlySet<int>? EstateLimit { get; private init; }

    /// <summary>
    /// This scope limited to <paramref name="estates"/> (an API key's narrowing): estate assignments and units outside
    /// them drop out, and an admin becomes the manager of exactly those estates (no longer "every estate"), so every
    /// check that goes through the scope (<see cref="Manages"/>, <see cref="CanSeeUnit"/>, <see cref="EstatesFor"/>)
    /// honours the narrowing. Narrowing never widens: an agent keeps only the named estates they are assigned to.
    /// </summary>
    public UserScope NarrowedTo(IReadOnlySet<int> estates)
    {
        var roles = Roles.ToHashSet();
        var byRole = EstatesByRole.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<int>)kv.Value.Where(estates.Contains).ToHashSet());
        if (roles.Remove(Identity.Roles.Admin))
        {
            roles.Add(Identity.Roles.ManagingAgent);
            byRole[Identity.Roles.ManagingAgent] = estates.ToHashSet();
        }
        bool Inside(int unit) => EstateOfUnit.TryGetValue(unit, out var e) && estates.Contains(e);
        return new UserScope(UserId, roles, byRole, TenantUnits.Where(Inside).ToHashSet(), FamilyUnits.Where(Inside).ToHashSet(),
            OwnerUnits.Where(Inside).ToHashSet(), EstateOfUnit) { EstateLimit = estates };
    }

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>The estates the user manages (agent tools: import, onboarding, payouts, webhooks, arrears rules): null = every estate (admin), a managing agent's assigned estates, none otherwise.</summary>
    public IReadOnlySet<int>? ManagedEstates => IsAdmin ? null : EstatesFor(Identity.Roles.ManagingAgent);

    public bool Manages(int estateId) => ManagedEstates?.Contains(estateId) ?? true;

    /// <summary>Estates this user may see in the given role's area (admins: all, signalled by null).</summary>
    public IReadOnlySet<int>? EstatesFor(string role) =>
        role == Identity.Roles.Admin && IsAdmin ? null
        : EstatesByRole.TryGetValue(role, out var set) && Roles.Contains(role) ? set : new HashSet<int>();

    public IReadOnlySet<int> UnitsFor(string role) => role switch
    {
        Identity.Roles.Tenant when Roles.Contains(role) => TenantUnits,
        Identity.Roles.FamilyMember when Roles.Contains(role) => FamilyUnits,
        Identity.Roles.Owner when Roles.Contains(role) => OwnerUnits,
        _ => new HashSet<int>(),
    };

    public bool CanSeeEstate(int estateId) =>
        IsAdmin || EstatesByRole.Where(kv => Roles.Contains(kv.Key)).Any(kv => kv.Value.Contains(estateId));

    /// <summary>True if any of the user's roles reaches the unit: directly, or through an assigned estate.</summary>
    public bool CanSeeUnit(int unitId, int estateId) =>
        IsAdmin || TenantUnits.Contains(unitId) || FamilyUnits.Contains(unitId) || OwnerUnits.Contains(unitId) || CanSeeEstate(estateId);
}

public sealed class ScopeService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    private UserScope? cached;
    private string? cachedFor;

    /// <summary>
    /// The caller's scope. A caller signed in with an API key narrowed to some estates (<see cref="ApiKeyDefaults.EstateClaim"/>)
    /// gets the scope <see cref="UserScope.NarrowedTo">narrowed</see> to them, so every endpoint that asks here honours the key.
    /// </summary>
    /// <summary>Forgets the cached scope (access changed: a grant revoked or given), so the next call reloads it.</summary>
    public void Invalidate()
    {
        cached = null;
        cachedFor = null;
    }

    public async Task<UserScope> ForAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var userId = principal.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (userId is null) return UserScope.Anonymous;
        if (cached is null || cachedFor != userId)
        {
            cached = await LoadAsync(userId, ct);
            cachedFor = userId;
        }
        var narrowing = principal.FindAll(ApiKeyDefaults.EstateClaim)
            .Select(c => int.TryParse(c.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).ToHashSet();
        return narrowing.Count == 0 ? cached : cached.NarrowedTo(narrowing);
    }

    public async Task<UserScope> LoadAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || !user.IsActive) return UserScope.Anonymous;
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync(ct);
        var assignments = await db.EstateAssignments.AsNoTracking().Where(a => a.UserId == userId).ToListAsync(ct);
        var estatesByRole = assignments.GroupBy(a => a.Role).ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(a => a.EstateId).ToHashSet());

        // "Current" is judged on each estate's own calendar (a move-in dated today in SAST counts from SAST midnight, not
        // from UTC midnight): the database narrows to a day either side of the UTC date, each row is then checked locally.
        var utcToday = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (from, to) = (utcToday.AddDays(1), utcToday.AddDays(-1));
        HashSet<int> tenant = [], family = [], owner = [];
        if (user.PersonId is int personId)
        {
            var tenancies = await db.Tenancies.AsNoTracking()
                .Where(t => t.PersonId == personId && t.StartDate <= from && (t.EndDate == null || t.EndDate >= to))
                .Select(t => new { t.Id, t.UnitId, t.Role, t.StartDate, t.EndDate }).ToListAsync(ct);
            // Family access comes from wallet access grants (docs/family.md); a family-member tenancy not yet migrated to a grant still counts.
            var migratedTenancies = (await db.WalletAccessGrants.Where(g => g.MigratedFromTenancyId != null).Select(g => g.MigratedFromTenancyId!.Value).ToListAsync(ct)).ToHashSet();
            var granted = await db.WalletAccessGrants.AsNoTracking().Where(g => g.PersonId == personId && g.RevokedAt == null).Select(g => g.UnitId).ToListAsync(ct);
            var ownerships = await db.Ownerships.AsNoTracking()
                .Where(o => o.PersonId == personId && o.StartDate <= from && (o.EndDate == null || o.EndDate >= to))
                .Select(o => new { o.UnitId, o.StartDate, o.EndDate }).ToListAsync(ct);
            var candidateUnits = tenancies.Select(t => t.UnitId).Concat(ownerships.Select(o => o.UnitId)).Distinct().ToList();
            var zones = await (from u in db.Units.AsNoTracking() join z in db.EstateSettings.AsNoTracking() on u.EstateId equals z.EstateId
                               where candidateUnits.Contains(u.Id) select new { u.Id, z.TimeZone }).ToDictionaryAsync(x => x.Id, x => x.TimeZone, ct);
            bool Current(int unitId, DateOnly start, DateOnly? end)
            {
                var today = Features.EstateToday.In(clock, zones.GetValueOrDefault(unitId));
                return start <= today && (end == null || end >= today);
            }
            var current = tenancies.Where(t => Current(t.UnitId, t.StartDate, t.EndDate)).ToList();
            tenant = current.Where(t => t.Role == TenancyRole.Tenant).Select(t => t.UnitId).ToHashSet();
            var legacy = current.Where(t => t.Role == TenancyRole.FamilyMember && !migratedTenancies.Contains(t.Id)).Select(t => t.UnitId);
            family = granted.Concat(legacy).ToHashSet();
            owner = ownerships.Where(o => Current(o.UnitId, o.StartDate, o.EndDate)).Select(o => o.UnitId).ToHashSet();
        }
        var allUnits = tenant.Concat(family).Concat(owner).Distinct().ToList();
        var estateOfUnit = await db.Units.AsNoTracking().Where(u => allUnits.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.EstateId, ct);
        return new UserScope(userId, roles.ToHashSet(), estatesByRole, tenant, family, owner, estateOfUnit);
    }
}

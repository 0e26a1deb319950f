using System.Globalization;
using System.Security.Claims;
using Quantify.Web.Features.ApiKeys;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Api;

/// <summary>
/// What one API caller may read, from <see cref="ScopeService"/>'s <see cref="UserScope"/> narrowed by the API key's
/// estates: admins read every estate; managing agents the estates they are assigned to; tenants, owners and family
/// members only the units they currently occupy or own (and their own person record). Trustees and utility users do not
/// use the API. Ids outside the scope answer 404, exactly as ids that do not exist.
/// </summary>
public sealed class ApiScope
{
    /// <summary>The roles that may call the public API at all.</summary>
    public static readonly string[] ApiRoles = [Roles.Admin, Roles.ManagingAgent, Roles.Tenant, Roles.Owner, Roles.FamilyMember];

    private ApiScope(UserScope user, IReadOnlySet<int>? estates, IReadOnlySet<int> units)
    {
        User = user;
        Estates = estates;
        Units = units;
        EstateList = estates?.ToList() ?? [];
        UnitList = units.ToList();
        UnitEstateList = units.Select(u => user.EstateOfUnit.GetValueOrDefault(u)).Distinct().ToList();
    }

    public UserScope User { get; }

    /// <summary>Estates read in full (every unit, meter, wallet); null means all estates.</summary>
    public IReadOnlySet<int>? Estates { get; }

    /// <summary>Single units read as a resident, outside <see cref="Estates"/>.</summary>
    public IReadOnlySet<int> Units { get; }

    public bool AllEstates => Estates is null;
    public List<int> EstateList { get; }
    public List<int> UnitList { get; }
    /// <summary>The estates of <see cref="Units"/> (a resident sees the name of their own estate).</summary>
    public List<int> UnitEstateList { get; }

    public bool IsResidentOnly => !AllEstates && EstateList.Count == 0;

    public bool SeesEstate(int estateId) => AllEstates || Estates!.Contains(estateId) || UnitEstateList.Contains(estateId);

    public bool SeesUnit(int unitId, int estateId) => AllEstates || Estates!.Contains(estateId) || Units.Contains(unitId);

    public bool SeesEstateInFull(int estateId) => AllEstates || Estates!.Contains(estateId);

    public static ApiScope For(UserScope user, ClaimsPrincipal principal)
    {
        var narrowed = principal.FindAll(ApiKeyDefaults.EstateClaim).Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToHashSet();
        var narrow = narrowed.Count > 0 ? narrowed : null;
        IReadOnlySet<int>? estates = user.IsAdmin ? null : (user.EstatesFor(Roles.ManagingAgent) ?? new HashSet<int>()).ToHashSet();
        if (narrow is not null) estates = estates is null ? narrow : estates.Where(narrow.Contains).ToHashSet();
        var units = user.TenantUnits.Concat(user.FamilyUnits).Concat(user.OwnerUnits)
            .Where(u => narrow is null || narrow.Contains(user.EstateOfUnit.GetValueOrDefault(u)))
            .ToHashSet();
        return new ApiScope(user, estates, units);
    }
}

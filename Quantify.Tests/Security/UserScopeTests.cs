using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.People;
using Quantify.Tests.MasterData;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Security;

/// <summary>
/// What one user may see, rule by rule: estates through role assignments (only while the user holds the role), units
/// through tenancies and ownerships current today (not past, not future), admins everything. Written for mutation
/// testing of <see cref="ScopeService"/>: each assertion pins one comparison.
/// </summary>
public class UserScopeTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;

    public async Task InitializeAsync() => w = await MasterDataWorld.CreateAsync(); // today is 2026-11-02

    public async Task DisposeAsync() => await w.DisposeAsync();

    private static UserScope Scope(string[] roles, Dictionary<string, int[]>? estates = null, int[]? tenant = null, int[]? family = null, int[]? owner = null) =>
        new("u", roles.ToHashSet(), (estates ?? []).ToDictionary(kv => kv.Key, kv => (IReadOnlySet<int>)kv.Value.ToHashSet()),
            (tenant ?? []).ToHashSet(), (family ?? []).ToHashSet(), (owner ?? []).ToHashSet(), new Dictionary<int, int>());

    [Fact]
    public void AnAdmin_SeesAndManagesEveryEstate()
    {
        var admin = Scope([Roles.Admin]);

        Assert.True(admin.IsAdmin);
        Assert.Null(admin.ManagedEstates);
        Assert.True(admin.Manages(99));
        Assert.Null(admin.EstatesFor(Roles.Admin));
        Assert.True(admin.CanSeeEstate(99));
        Assert.True(admin.CanSeeUnit(5, 99));
        Assert.Empty(admin.EstatesFor(Roles.Trustee)!); // "every estate" is the admin area, not a free trustee assignment
    }

    [Fact]
    public void AManagingAgent_ManagesOnlyTheirAssignedEstates()
    {
        var agent = Scope([Roles.ManagingAgent], new() { [Roles.ManagingAgent] = [1, 2] });

        Assert.False(agent.IsAdmin);
        Assert.Equal([1, 2], agent.ManagedEstates!.Order().ToList());
        Assert.True(agent.Manages(2));
        Assert.False(agent.Manages(3));
        Assert.Empty(agent.EstatesFor(Roles.Admin)!);
        Assert.True(agent.CanSeeEstate(1));
        Assert.False(agent.CanSeeEstate(3));
        Assert.True(agent.CanSeeUnit(500, 1));
        Assert.False(agent.CanSeeUnit(500, 3));
    }

    [Fact]
    public void ATrustee_SeesTheirEstate_ButManagesNothing()
    {
        var trustee = Scope([Roles.Trustee], new() { [Roles.Trustee] = [7] });

        Assert.Empty(trustee.ManagedEstates!);
        Assert.False(trustee.Manages(7));
        Assert.True(trustee.CanSeeEstate(7));
        Assert.Equal([7], trustee.EstatesFor(Roles.Trustee)!);
    }

    [Fact]
    public void AnAssignmentWithoutItsRole_GrantsNothing()
    {
        var demoted = Scope([Roles.Tenant], new() { [Roles.ManagingAgent] = [1], [Roles.Trustee] = [2] });

        Assert.Empty(demoted.EstatesFor(Roles.ManagingAgent)!);
        Assert.Empty(demoted.ManagedEstates!);
        Assert.False(demoted.Manages(1));
        Assert.False(demoted.CanSeeEstate(1));
        Assert.False(demoted.CanSeeEstate(2));
        Assert.False(demoted.CanSeeUnit(10, 1));
    }

    [Fact]
    public void Residents_SeeTheirOwnUnits_ThroughEachRoleTheyHold()
    {
        var resident = Scope([Roles.Tenant, Roles.Owner, Roles.FamilyMember], tenant: [10], family: [11], owner: [12]);

        Assert.Equal([10], resident.UnitsFor(Roles.Tenant));
        Assert.Equal([11], resident.UnitsFor(Roles.FamilyMember));
        Assert.Equal([12], resident.UnitsFor(Roles.Owner));
        Assert.Empty(resident.UnitsFor(Roles.Trustee));
        Assert.True(resident.CanSeeUnit(10, 1));
        Assert.True(resident.CanSeeUnit(11, 1));
        Assert.True(resident.CanSeeUnit(12, 1));
        Assert.False(resident.CanSeeUnit(13, 1));
        Assert.False(resident.CanSeeEstate(1));

        var tenantOnly = Scope([Roles.Tenant], tenant: [10], family: [11], owner: [12]);
        Assert.Empty(tenantOnly.UnitsFor(Roles.Owner));
        Assert.Empty(tenantOnly.UnitsFor(Roles.FamilyMember));
        Assert.Equal([10], tenantOnly.UnitsFor(Roles.Tenant));
        Assert.Empty(Scope([Roles.Owner], tenant: [10]).UnitsFor(Roles.Tenant));
    }

    [Fact]
    public void Anonymous_SeesNothing()
    {
        Assert.False(UserScope.Anonymous.IsAdmin);
        Assert.False(UserScope.Anonymous.CanSeeEstate(1));
        Assert.False(UserScope.Anonymous.CanSeeUnit(1, 1));
        Assert.Empty(UserScope.Anonymous.ManagedEstates!);
    }

    [Fact]
    public async Task Load_KeepsOnlyTenanciesAndOwnershipsCurrentToday_AndTheRolesAndAssignmentsOfThatUser()
    {
        var estate = await w.EstateAsync();
        var other = await w.EstateAsync("Harbour");
        var u = new Dictionary<string, int>();
        foreach (var n in new[] { "C1", "E1", "F1", "T1", "S1", "M1", "O1", "O2" }) u[n] = await w.UnitAsync(estate, n);
        var (current, ended, future, endsToday, startsToday, family, owned, sold) = (u["C1"], u["E1"], u["F1"], u["T1"], u["S1"], u["M1"], u["O1"], u["O2"]);
        var person = await w.PersonAsync();
        var today = w.Today;
        Assert.True((await w.Occupancy.AddTenancyAsync(current, person, today.AddMonths(-6), null)).IsSuccess);
        Assert.True((await w.Occupancy.AddTenancyAsync(ended, person, today.AddMonths(-12), today.AddDays(-1))).IsSuccess);
        Assert.True((await w.Occupancy.AddTenancyAsync(future, person, today.AddDays(1), null)).IsSuccess);
        Assert.True((await w.Occupancy.AddTenancyAsync(endsToday, person, today.AddMonths(-1), today)).IsSuccess);
        Assert.True((await w.Occupancy.AddTenancyAsync(startsToday, person, today, null)).IsSuccess);
        await using (var legacy = w.Db.Create()) // a family-member tenancy from before wallet access grants, not yet migrated
        {
            legacy.Tenancies.Add(Tenancy.Create(family, person, today.AddMonths(-1), role: TenancyRole.FamilyMember).Value);
            await legacy.SaveChangesAsync();
        }
        Assert.True((await w.Occupancy.AddOwnershipAsync(owned, person, today.AddYears(-1), null)).IsSuccess);
        Assert.True((await w.Occupancy.AddOwnershipAsync(sold, person, today.AddYears(-3), today.AddYears(-1))).IsSuccess);

        string userId, bystanderId;
        await using (var db = w.Db.Create())
        {
            var user = new ApplicationUser { UserName = "scope@test", Email = "scope@test", PersonId = person, DisplayName = "Scope" };
            var bystander = new ApplicationUser { UserName = "other@test", Email = "other@test", DisplayName = "Other" };
            db.Users.AddRange(user, bystander);
            await db.SaveChangesAsync();
            (userId, bystanderId) = (user.Id, bystander.Id);
            var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
            db.UserRoles.AddRange(new IdentityUserRole<string> { UserId = userId, RoleId = roleIds[Roles.Tenant] },
                new IdentityUserRole<string> { UserId = userId, RoleId = roleIds[Roles.Trustee] },
                new IdentityUserRole<string> { UserId = bystanderId, RoleId = roleIds[Roles.ManagingAgent] });
            db.EstateAssignments.AddRange(new EstateAssignment { UserId = userId, EstateId = estate, Role = Roles.Trustee },
                new EstateAssignment { UserId = bystanderId, EstateId = other, Role = Roles.ManagingAgent });
            await db.SaveChangesAsync();
        }

        var scope = await new ScopeService(w.Db.Factory, w.Db.Clock).LoadAsync(userId);

        Assert.Equal(userId, scope.UserId);
        Assert.Equal(new[] { Roles.Tenant, Roles.Trustee }.Order(StringComparer.Ordinal), scope.Roles.Order(StringComparer.Ordinal));
        Assert.Equal(new[] { current, endsToday, startsToday }.Order(), scope.TenantUnits.Order());
        Assert.Equal([family], scope.FamilyUnits);
        Assert.Equal([owned], scope.OwnerUnits);
        Assert.Equal([estate], scope.EstatesFor(Roles.Trustee)!);
        Assert.False(scope.CanSeeEstate(other));
        Assert.Equal(estate, scope.EstateOfUnit[current]);
        Assert.Equal(estate, scope.EstateOfUnit[owned]);
        Assert.False(scope.EstateOfUnit.ContainsKey(ended));
    }

    [Fact]
    public async Task Load_OfAnUnknownOrDeactivatedUser_IsAnonymous()
    {
        string userId;
        await using (var db = w.Db.Create())
        {
            var user = new ApplicationUser { UserName = "gone@test", Email = "gone@test", DisplayName = "Gone", IsActive = false };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            userId = user.Id;
        }
        var scopes = new ScopeService(w.Db.Factory, w.Db.Clock);

        Assert.Same(UserScope.Anonymous, await scopes.LoadAsync(userId));
        Assert.Same(UserScope.Anonymous, await scopes.LoadAsync("no-such-user"));
    }
}

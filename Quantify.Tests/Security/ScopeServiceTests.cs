using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.People;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.ApiKeys;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Security;

/// <summary>
/// The scope a signed-in caller gets from <see cref="ScopeService"/>: ownerships current today (first and last day
/// included), the union of every unit a person reaches, an API key's estate narrowing (an admin key narrowed to an estate
/// is that estate's agent, a key narrowed to nothing sees nothing), and the per-circuit cache (the same scope until it
/// is invalidated or another user asks). Written against the survivors of `mutation/run.sh security` (docs/testing.md).
/// </summary>
public class ScopeServiceTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;

    public async Task InitializeAsync() => w = await MasterDataWorld.CreateAsync();

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<string> UserAsync(string name, int? personId, string[] roles, params (string Role, int Estate)[] assignments)
    {
        await using var db = w.Db.Create();
        var user = new ApplicationUser { UserName = $"{name}@test", Email = $"{name}@test", PersonId = personId, DisplayName = name };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        db.UserRoles.AddRange(roles.Select(r => new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[r] }));
        db.EstateAssignments.AddRange(assignments.Select(a => new EstateAssignment { UserId = user.Id, EstateId = a.Estate, Role = a.Role }));
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static ClaimsPrincipal Principal(string userId, params string[] keyEstates) =>
        new(new ClaimsIdentity(
            new[] { new Claim(ClaimTypes.NameIdentifier, userId) }.Concat(keyEstates.Select(e => new Claim(ApiKeyDefaults.EstateClaim, e))),
            "test"));

    private static UserScope Admin() => new("admin", new HashSet<string> { Roles.Admin }, new Dictionary<string, IReadOnlySet<int>>(),
        new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

    [Fact]
    public async Task Ownerships_StartingTodayOrEndingToday_AreCurrent_OneEndedYesterdayOrStartingTomorrowIsNot()
    {
        var estate = await w.EstateAsync();
        var (startsToday, endsToday, endedYesterday, startsTomorrow) =
            (await w.UnitAsync(estate, "S1"), await w.UnitAsync(estate, "E1"), await w.UnitAsync(estate, "Y1"), await w.UnitAsync(estate, "T1"));
        var person = await w.PersonAsync();
        var today = w.Today;
        Assert.True((await w.Occupancy.AddOwnershipAsync(startsToday, person, today, null)).IsSuccess);
        Assert.True((await w.Occupancy.AddOwnershipAsync(endsToday, person, today.AddYears(-1), today)).IsSuccess);
        Assert.True((await w.Occupancy.AddOwnershipAsync(endedYesterday, person, today.AddYears(-1), today.AddDays(-1))).IsSuccess);
        Assert.True((await w.Occupancy.AddOwnershipAsync(startsTomorrow, person, today.AddDays(1), null)).IsSuccess);
        var userId = await UserAsync("owner", person, [Roles.Owner]);

        var scope = await new ScopeService(w.Db.Factory, w.Db.Clock).LoadAsync(userId);

        Assert.Equal(new[] { startsToday, endsToday }.Order(), scope.OwnerUnits.Order());
        Assert.Equal(new[] { startsToday, endsToday }.Order(), scope.UnitsFor(Roles.Owner).Order());
        Assert.False(scope.CanSeeUnit(endedYesterday, estate));
        Assert.False(scope.CanSeeUnit(startsTomorrow, estate));
    }

    [Fact]
    public async Task AMoveInDatedToday_InSast_IsCurrent_FromSastMidnight_NotFromUtcMidnight()
    {
        var estate = await w.EstateAsync("Midnight");
        var (movedIn, ownedFrom, ended) = (await w.UnitAsync(estate, "M1"), await w.UnitAsync(estate, "M2"), await w.UnitAsync(estate, "M3"));
        var person = await w.PersonAsync();
        // 22:30 UTC on 6 Dec is 00:30 SAST on 7 Dec: for the estate (and the move-in screen) it is already the 7th.
        w.Db.Clock.Set(new DateTimeOffset(2026, 12, 6, 22, 30, 0, TimeSpan.Zero));
        var sastToday = new DateOnly(2026, 12, 7);
        Assert.True((await w.Occupancy.AddTenancyAsync(movedIn, person, sastToday, null)).IsSuccess);
        Assert.True((await w.Occupancy.AddOwnershipAsync(ownedFrom, person, sastToday, null)).IsSuccess);
        Assert.True((await w.Occupancy.AddTenancyAsync(ended, person, sastToday.AddMonths(-6), sastToday.AddDays(-1))).IsSuccess); // moved out yesterday (SAST), which is "today" in UTC
        var userId = await UserAsync("midnight", person, [Roles.Tenant, Roles.Owner]);

        var scope = await new ScopeService(w.Db.Factory, w.Db.Clock).LoadAsync(userId);

        Assert.Equal([movedIn], scope.UnitsFor(Roles.Tenant));
        Assert.Equal([ownedFrom], scope.UnitsFor(Roles.Owner));
        Assert.False(scope.CanSeeUnit(ended, estate));
    }

    [Fact]
    public async Task APersonWhoRentsOneUnit_OwnsAnother_AndIsFamilyOnAThird_SeesTheUnionOfAllThree()
    {
        var (north, south, east) = (await w.EstateAsync("North"), await w.EstateAsync("South"), await w.EstateAsync("East"));
        var (rented, owned, family) = (await w.UnitAsync(north, "R1"), await w.UnitAsync(south, "O1"), await w.UnitAsync(east, "F1"));
        var person = await w.PersonAsync();
        Assert.True((await w.Occupancy.AddTenancyAsync(rented, person, w.Today.AddMonths(-2), null)).IsSuccess);
        Assert.True((await w.Occupancy.AddOwnershipAsync(owned, person, w.Today.AddYears(-2), null)).IsSuccess);
        await using (var legacy = w.Db.Create()) // a family-member tenancy from before wallet access grants (new ones are refused)
        {
            legacy.Tenancies.Add(Tenancy.Create(family, person, w.Today.AddMonths(-1), role: TenancyRole.FamilyMember).Value);
            await legacy.SaveChangesAsync();
        }
        var userId = await UserAsync("mixed", person, [Roles.Tenant, Roles.Owner, Roles.FamilyMember]);

        var scope = await new ScopeService(w.Db.Factory, w.Db.Clock).LoadAsync(userId);

        Assert.Equal([rented], scope.UnitsFor(Roles.Tenant));
        Assert.Equal([owned], scope.UnitsFor(Roles.Owner));
        Assert.Equal([family], scope.UnitsFor(Roles.FamilyMember));
        // The estate of every unit reached, whichever way it is reached (the API's estate checks look units up here).
        Assert.Equal(new Dictionary<int, int> { [rented] = north, [owned] = south, [family] = east }.OrderBy(kv => kv.Key), scope.EstateOfUnit.OrderBy(kv => kv.Key));
        Assert.True(scope.CanSeeUnit(rented, north));
        Assert.True(scope.CanSeeUnit(owned, south));
        Assert.True(scope.CanSeeUnit(family, east));
        Assert.False(scope.CanSeeEstate(north));
    }

    [Fact]
    public async Task FamilyAccess_IsEveryActiveGrant_PlusLegacyFamilyTenanciesCurrentTodayAndNotYetMigrated_NeverARevokedGrant()
    {
        var estate = await w.EstateAsync("Family");
        var units = new Dictionary<string, int>();
        foreach (var name in new[] { "granted", "revoked", "legacy", "migrated", "endedYesterday", "endsToday", "startsToday", "startsTomorrow" })
            units[name] = await w.UnitAsync(estate, name[..Math.Min(name.Length, 10)]);
        var person = await w.PersonAsync();
        var today = w.Today;
        var now = w.Db.Clock.GetUtcNow();
        await using (var db = w.Db.Create())
        {
            db.WalletAccessGrants.Add(Quantify.Domain.Family.WalletAccessGrant.Create(units["granted"], person, Quantify.Domain.Family.WalletAccessLevel.View, null, null, now, null).Value);
            var revoked = Quantify.Domain.Family.WalletAccessGrant.Create(units["revoked"], person, Quantify.Domain.Family.WalletAccessLevel.TopUp, null, null, now, null).Value;
            Assert.True(revoked.Revoke(now, null).IsSuccess);
            db.WalletAccessGrants.Add(revoked);
            // Family-member tenancies from before wallet access grants (new ones are refused), inserted directly.
            Tenancy Legacy(string unit, DateOnly start, DateOnly? end) => Tenancy.Create(units[unit], person, start, end, role: TenancyRole.FamilyMember).Value;
            var migrated = Legacy("migrated", today.AddMonths(-3), null);
            db.Tenancies.AddRange(Legacy("legacy", today.AddMonths(-1), null), migrated, Legacy("endedYesterday", today.AddYears(-1), today.AddDays(-1)),
                Legacy("endsToday", today.AddYears(-1), today), Legacy("startsToday", today, null), Legacy("startsTomorrow", today.AddDays(1), null));
            await db.SaveChangesAsync();
            // The migrated tenancy's grant was later revoked: the old tenancy must not bring the access back.
            var fromTenancy = Quantify.Domain.Family.WalletAccessGrant.Create(units["migrated"], person, Quantify.Domain.Family.WalletAccessLevel.View, null, null, now, null, migrated.Id).Value;
            Assert.True(fromTenancy.Revoke(now, null).IsSuccess);
            db.WalletAccessGrants.Add(fromTenancy);
            await db.SaveChangesAsync();
        }
        var userId = await UserAsync("family", person, [Roles.FamilyMember]);

        var scope = await new ScopeService(w.Db.Factory, w.Db.Clock).LoadAsync(userId);

        Assert.Equal(new[] { units["granted"], units["legacy"], units["endsToday"], units["startsToday"] }.Order(), scope.UnitsFor(Roles.FamilyMember).Order());
        foreach (var shut in new[] { "revoked", "migrated", "endedYesterday", "startsTomorrow" })
            Assert.False(scope.CanSeeUnit(units[shut], estate), $"{shut} should not be visible");
    }

    [Fact]
    public void AnAdminKeyNarrowedToAnEstate_IsAManagingAgentOfThatEstateOnly()
    {
        var narrowed = Admin().NarrowedTo(new HashSet<int> { 3 });

        Assert.False(narrowed.IsAdmin);
        Assert.True(narrowed.IsInRole(Roles.ManagingAgent));
        Assert.Equal([3], narrowed.ManagedEstates!);
        Assert.True(narrowed.Manages(3));
        Assert.False(narrowed.Manages(4));
        Assert.True(narrowed.CanSeeEstate(3));
        Assert.False(narrowed.CanSeeEstate(4));
        Assert.True(narrowed.CanSeeUnit(50, 3));
        Assert.False(narrowed.CanSeeUnit(50, 4));
        Assert.Empty(narrowed.EstatesFor(Roles.Admin)!);
        Assert.Equal([3], narrowed.EstateLimit!);
        Assert.Null(Admin().EstateLimit);
    }

    [Fact]
    public void AnAgentOrResidentKeyNarrowing_NeverWidens_AndDropsUnitsOutsideTheNamedEstates()
    {
        var person = new UserScope("p", new HashSet<string> { Roles.ManagingAgent, Roles.Tenant, Roles.Owner, Roles.FamilyMember },
            new Dictionary<string, IReadOnlySet<int>> { [Roles.ManagingAgent] = new HashSet<int> { 1, 2 } },
            new HashSet<int> { 10 }, new HashSet<int> { 12, 14 }, new HashSet<int> { 11 },
            new Dictionary<int, int> { [10] = 1, [11] = 2, [12] = 2, [14] = 1 });

        var narrowed = person.NarrowedTo(new HashSet<int> { 2, 3 });

        Assert.Equal([2], narrowed.ManagedEstates!);
        Assert.False(narrowed.Manages(1));
        Assert.False(narrowed.Manages(3)); // named by the key, but never assigned
        Assert.False(narrowed.IsAdmin);
        Assert.Empty(narrowed.UnitsFor(Roles.Tenant)); // unit 10 is in estate 1
        Assert.Equal([11], narrowed.UnitsFor(Roles.Owner));
        Assert.Equal([12], narrowed.UnitsFor(Roles.FamilyMember));
        Assert.Equal(person.EstateOfUnit, narrowed.EstateOfUnit);
        Assert.Equal("p", narrowed.UserId);
    }

    [Fact]
    public void AKeyNarrowedToNothing_SeesNothing()
    {
        var none = Admin().NarrowedTo(new HashSet<int>());

        Assert.False(none.IsAdmin);
        Assert.Empty(none.ManagedEstates!);
        Assert.False(none.Manages(1));
        Assert.False(none.CanSeeEstate(1));
        Assert.False(none.CanSeeUnit(1, 1));
    }

    [Fact]
    public async Task ForAsync_OfAnApiKeyNamingAnEstate_IsNarrowedToIt_AndACookieIsNot()
    {
        var (a, b) = (await w.EstateAsync("A"), await w.EstateAsync("B"));
        var agent = await UserAsync("agent", null, [Roles.ManagingAgent], (Roles.ManagingAgent, a), (Roles.ManagingAgent, b));
        var scopes = new ScopeService(w.Db.Factory, w.Db.Clock);

        var key = await scopes.ForAsync(Principal(agent, a.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(key.Manages(a));
        Assert.False(key.Manages(b));
        Assert.Equal([a], key.EstateLimit!);

        var cookie = await scopes.ForAsync(Principal(agent));
        Assert.True(cookie.Manages(a));
        Assert.True(cookie.Manages(b));
        Assert.Null(cookie.EstateLimit);
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    [InlineData(" 1")]
    public async Task ForAsync_OfAnAdminKeyWhoseEstateClaimDoesNotParse_SeesNothing(string claim)
    {
        var estate = await w.EstateAsync();
        var admin = await UserAsync("admin", null, [Roles.Admin]);

        var scope = await new ScopeService(w.Db.Factory, w.Db.Clock).ForAsync(Principal(admin, claim));

        Assert.False(scope.IsAdmin);
        Assert.False(scope.Manages(estate));
        Assert.False(scope.CanSeeEstate(estate));
        Assert.False(scope.CanSeeEstate(1));
    }

    [Fact]
    public async Task ForAsync_WithoutAUserId_IsAnonymous()
    {
        var scope = await new ScopeService(w.Db.Factory, w.Db.Clock).ForAsync(new ClaimsPrincipal(new ClaimsIdentity()));

        Assert.Same(UserScope.Anonymous, scope);
        Assert.Equal("", scope.UserId);
        Assert.Empty(scope.Roles);
    }

    [Fact]
    public async Task ForAsync_CachesTheScopePerCircuit_UntilInvalidated_AndNeverServesOneUsersScopeToAnother()
    {
        var (a, b) = (await w.EstateAsync("A"), await w.EstateAsync("B"));
        var agent = await UserAsync("agent", null, [Roles.ManagingAgent], (Roles.ManagingAgent, a));
        var trustee = await UserAsync("trustee", null, [Roles.Trustee], (Roles.Trustee, b));
        var scopes = new ScopeService(w.Db.Factory, w.Db.Clock);

        var first = await scopes.ForAsync(Principal(agent));
        Assert.Same(first, await scopes.ForAsync(Principal(agent)));

        // A grant given meanwhile is seen after Invalidate (what the admin pages call), not before.
        await using (var db = w.Db.Create())
        {
            db.EstateAssignments.Add(new EstateAssignment { UserId = agent, EstateId = b, Role = Roles.ManagingAgent });
            await db.SaveChangesAsync();
        }
        Assert.False((await scopes.ForAsync(Principal(agent))).Manages(b));
        scopes.Invalidate();
        var reloaded = await scopes.ForAsync(Principal(agent));
        Assert.NotSame(first, reloaded);
        Assert.True(reloaded.Manages(b));

        // Another user on the same service gets their own scope, and the first gets theirs back.
        var other = await scopes.ForAsync(Principal(trustee));
        Assert.Equal(trustee, other.UserId);
        Assert.False(other.Manages(a));
        Assert.Equal([b], other.EstatesFor(Roles.Trustee)!);
        Assert.Equal(agent, (await scopes.ForAsync(Principal(agent))).UserId);
    }
}

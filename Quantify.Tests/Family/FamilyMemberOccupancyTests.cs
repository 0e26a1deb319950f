using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Family;
using Quantify.Domain.People;
using Quantify.Tests.Accounts;
using Quantify.Tests.Import;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Import;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Features.Users;
using Quantify.Web.Identity;
using static Quantify.Tests.Accounts.AccountTestKit;

namespace Quantify.Tests.Family;

/// <summary>
/// The family-member occupancy is gone (seed 004 §4.2): the admin occupancy dialog's service and the persons import refuse
/// it naming the field and the grant path, and an admin's FamilyMember invitation for a unit becomes a wallet access grant.
/// </summary>
public sealed class FamilyMemberOccupancyTests(FamilyMemberOccupancyTests.Fixture fixture) : IClassFixture<FamilyMemberOccupancyTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;
        public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true);
        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private TestApp App => fixture.App;

    private async Task<T> DbAsync<T>(Func<QuantifyDbContext, Task<T>> query)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    [Fact]
    public async Task AddingAFamilyMemberOccupancy_IsRefused_OnTheRoleField_PointingToWalletAccess()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var unit = await UnitWithoutOwnerAsync(App, silverleaf);
        var person = await DbAsync(db => db.Persons.Where(p => p.AnonymisedAt == null).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var before = await DbAsync(db => db.Tenancies.CountAsync());

        var r = await App.Services.GetRequiredService<OccupancyService>().AddTenancyAsync(unit, person, new DateOnly(2026, 1, 1), null, TenancyRole.FamilyMember, 300m);

        var e = Assert.Single(r.Errors);
        Assert.Equal(("family_member_tenancy", "Role"), (e.Code, e.Field));
        Assert.Contains("Family access to this wallet", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await DbAsync(db => db.Tenancies.CountAsync()));
    }

    [Fact]
    public async Task APersonsRowAsFamilyMember_IsRefusedOnItsRelationshipCell_WhileATenantRowImports()
    {
        var agent = await ScopeOfAsync(App, PortalClient.Email("agent"));
        var (silverleaf, _) = await EstatesAsync(App);
        var estate = await DbAsync(db => db.Estates.Where(x => x.Id == silverleaf).Select(x => x.Name).SingleAsync());
        var unitId = await UnitWithoutOwnerAsync(App, silverleaf);
        var unit = await DbAsync(db => db.Units.Where(u => u.Id == unitId).Select(u => u.UnitNumber).SingleAsync());
        var file = ImportTests.Workbook("People", ImportTests.PersonHeaders,
            ["Gogo", "Nkosi", "Passport", "P7654321", null, null, estate, unit, "Family member", new DateTime(2026, 1, 1), null, null],
            ["Zola", "Nkosi", "Passport", "P1234567", null, null, null, null, null, null, null, null]);

        var report = await App.Services.GetRequiredService<ImportService>().CommitAsync(ImportKind.Persons, file, "people.xlsx", agent, null);

        var refused = report.Rows.Single(r => r.Row == 2).Errors.Single();
        Assert.Equal("Relationship", refused.Column);
        Assert.Contains("'Family member' is no longer imported", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Family access to this wallet", refused.Message, StringComparison.Ordinal);
        Assert.Empty(report.Rows.Single(r => r.Row == 3).Errors);
        Assert.False(await DbAsync(db => db.Tenancies.AnyAsync(t => t.Role == TenancyRole.FamilyMember && t.Person.LastName == "Nkosi")));
    }

    [Fact]
    public async Task AnAdminsFamilyMemberInvitationForAUnit_BecomesAViewGrant_NotAnOccupancy()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var unit = await UnitWithoutOwnerAsync(App, silverleaf);
        var email = $"fam-{Guid.NewGuid():N}"[..16] + "@example.com";
        var invitations = App.Services.GetRequiredService<AccessInvitationService>();
        var invited = await invitations.InviteAsync(await ScopeOfAsync(App, PortalClient.Email("admin")), new InviteRequest(email, "Lindi Family", Roles.FamilyMember, [], [unit]), "https://portal.example.co.za");
        Assert.True(invited.IsSuccess, invited.Describe());
        var accepted = await invitations.AcceptAsync(Token(invited.Value.Link), NewPassword);
        Assert.True(accepted.IsSuccess, accepted.Describe());

        var personId = await DbAsync(db => db.Users.Where(u => u.Id == accepted.Value.UserId).Select(u => u.PersonId!.Value).SingleAsync());
        var grant = await DbAsync(db => db.WalletAccessGrants.SingleAsync(g => g.PersonId == personId));
        Assert.Equal((unit, WalletAccessLevel.View, true), (grant.UnitId, grant.Level, grant.IsActive));
        Assert.False(await DbAsync(db => db.Tenancies.AnyAsync(t => t.PersonId == personId)));
        Assert.Contains(unit, (await ScopeOfAsync(App, email)).FamilyUnits);
    }
}

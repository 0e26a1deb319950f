using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quantify.Domain.Support;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Users;
using Quantify.Web.Identity;
using Quantify.Web.Security;
using static Quantify.Tests.Accounts.AccountTestKit;

namespace Quantify.Tests.Accounts;

/// <summary>Invitations to every role: who may invite whom, for which estates or units, and what accepting does.</summary>
public sealed class AccessInvitationTests(AccessInvitationTests.Fixture fixture) : IClassFixture<AccessInvitationTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;
        public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true);
        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private TestApp App => fixture.App;
    private AccessInvitationService Invitations => App.Services.GetRequiredService<AccessInvitationService>();
    private const string Base = "https://portal.example.co.za";

    private Task<UserScope> Admin() => ScopeOfAsync(App, PortalClient.Email("admin"));
    private Task<UserScope> Agent() => ScopeOfAsync(App, PortalClient.Email("agent"));

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20] + "@example.com";

    [Fact]
    public async Task Admin_InvitesAnAgentForAnEstate_AcceptingCreatesTheLoginWithRoleAndScope_AndEveryStepIsAudited()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var email = Unique("agent");
        var invited = await Invitations.InviteAsync(await Admin(), new InviteRequest(email, "Thandi Agent", Roles.ManagingAgent, [silverleaf], []), Base);
        Assert.True(invited.IsSuccess, invited.Describe());
        Assert.StartsWith(Base + AccessInvitationService.AcceptPath + "?token=", invited.Value.Link, StringComparison.Ordinal);
        Assert.True(invited.Value.Emailed);
        Assert.Contains(invited.Value.Link, LastMailTo(App, email)!.TextBody, StringComparison.Ordinal);
        Assert.Contains(await Invitations.PendingAsync(await Admin()), p => p.Id == invited.Value.InvitationId);

        var accepted = await Invitations.AcceptAsync(Token(invited.Value.Link), NewPassword);
        Assert.True(accepted.IsSuccess, accepted.Describe());
        Assert.Equal("/agent", accepted.Value.Landing);
        var scope = await ScopeOfAsync(App, email);
        Assert.True(scope.IsInRole(Roles.ManagingAgent));
        Assert.Equal([silverleaf], scope.ManagedEstates!.ToArray());
        Assert.DoesNotContain(await Invitations.PendingAsync(await Admin()), p => p.Id == invited.Value.InvitationId);

        await using var db = await App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var id = invited.Value.InvitationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.Where(a => (a.EntityType == AccountAudit.InvitationEntity && a.EntityId == id) || (a.EntityType == AccountAudit.LoginEntity && a.EntityId == accepted.Value.UserId))
            .Select(a => a.Action).ToListAsync();
        Assert.Contains("Invite", audit);
        Assert.Contains("Accept", audit);
        Assert.Contains("Grant", audit);
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.ChangesJson).ToListAsync(), j => j.Contains(NewPassword, StringComparison.Ordinal) || j.Contains(Token(invited.Value.Link), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.ManagingAgent)]
    [InlineData(Roles.Utility)]
    [InlineData(Roles.FamilyMember)]
    public async Task Agent_MayNotInvite_RolesOtherThanOwnerTrusteeTenant(string role)
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var unit = await UnitWithoutOwnerAsync(App, silverleaf);
        var request = Roles.EstateScoped.Contains(role) ? new InviteRequest(Unique("x"), "X", role, [silverleaf], [])
            : role == Roles.Admin ? new InviteRequest(Unique("x"), "X", role, [], []) : new InviteRequest(Unique("x"), "X", role, [], [unit]);
        var r = await Invitations.InviteAsync(await Agent(), request, Base);
        Assert.Equal("forbidden_role", Assert.Single(r.Errors).Code);
    }

    [Fact]
    public async Task Agent_MayNotInvite_ATrusteeOrOwnerForAnEstateItDoesNotManage()
    {
        var (silverleaf, harbour) = await EstatesAsync(App);
        var agent = await Agent();
        Assert.True(agent.Manages(silverleaf));
        Assert.False(agent.Manages(harbour));
        var trustee = await Invitations.InviteAsync(agent, new InviteRequest(Unique("t"), "T", Roles.Trustee, [silverleaf, harbour], []), Base);
        Assert.Equal("outside_scope", Assert.Single(trustee.Errors).Code);
        var owner = await Invitations.InviteAsync(agent, new InviteRequest(Unique("o"), "O", Roles.Owner, [], [await UnitWithoutOwnerAsync(App, harbour)]), Base);
        Assert.Equal("outside_scope", Assert.Single(owner.Errors).Code);
        // Nor see, resend or revoke an admin's invitation for the other estate.
        var adminInvite = await Invitations.InviteAsync(await Admin(), new InviteRequest(Unique("h"), "H", Roles.Trustee, [harbour], []), Base);
        Assert.DoesNotContain(await Invitations.PendingAsync(agent), p => p.Id == adminInvite.Value.InvitationId);
        Assert.Equal("not_found", Assert.Single((await Invitations.RevokeAsync(agent, adminInvite.Value.InvitationId)).Errors).Code);
        Assert.Equal("not_found", Assert.Single((await Invitations.ResendAsync(agent, adminInvite.Value.InvitationId, Base)).Errors).Code);
    }

    [Fact]
    public async Task Agent_InvitesAnOwnerOfAVacantUnitOfItsEstate_AcceptingRecordsOwnershipAndLandsInTheOwnerArea()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var unit = await UnitWithoutOwnerAsync(App, silverleaf);
        var email = Unique("owner");
        var invited = await Invitations.InviteAsync(await Agent(), new InviteRequest(email, "Sipho Owner", Roles.Owner, [], [unit]), Base);
        Assert.True(invited.IsSuccess, invited.Describe());
        Assert.Contains(await Invitations.PendingAsync(await Agent()), p => p.Id == invited.Value.InvitationId);
        var accepted = await Invitations.AcceptAsync(Token(invited.Value.Link), NewPassword);
        Assert.True(accepted.IsSuccess, accepted.Describe());
        Assert.Equal("/owner", accepted.Value.Landing);
        Assert.Contains(unit, (await ScopeOfAsync(App, email)).OwnerUnits);
    }

    [Fact]
    public async Task OwnerInvitation_ForAUnitOwnedBySomeoneElse_IsRefusedWithTheReason()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var r = await Invitations.InviteAsync(await Admin(), new InviteRequest(Unique("o"), "O", Roles.Owner, [], [await UnitWithOwnerAsync(App, silverleaf)]), Base);
        var error = Assert.Single(r.Errors);
        Assert.Equal(("owned_by_other", "UnitIds"), (error.Code, error.Field));
    }

    [Fact]
    public async Task TenantInvitation_ForSomeoneWhoIsNotTheTenant_PointsToTheMoveInWizard()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var r = await Invitations.InviteAsync(await Agent(), new InviteRequest(Unique("t"), "T", Roles.Tenant, [], [await UnitWithOwnerAsync(App, silverleaf)]), Base);
        var error = Assert.Single(r.Errors);
        Assert.Equal("not_tenant", error.Code);
        Assert.Contains("onboarding wizard", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_IsRefusedWithTheField()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var admin = await Admin();
        Assert.Contains((await Invitations.InviteAsync(admin, new InviteRequest("not-an-email", "", Roles.Admin, [], []), Base)).Errors, e => e.Field == "Email");
        Assert.Contains((await Invitations.InviteAsync(admin, new InviteRequest(Unique("u"), "", "Superuser", [], []), Base)).Errors, e => e.Code == "unknown_role");
        Assert.Contains((await Invitations.InviteAsync(admin, new InviteRequest(Unique("u"), "", Roles.Trustee, [], []), Base)).Errors, e => e.Code == "estates_required");
        Assert.Contains((await Invitations.InviteAsync(admin, new InviteRequest(Unique("u"), "", Roles.Trustee, [999_999], []), Base)).Errors, e => e.Code == "unknown_estate");
        Assert.Contains((await Invitations.InviteAsync(admin, new InviteRequest(Unique("u"), "", Roles.Owner, [silverleaf], []), Base)).Errors, e => e.Code == "units_required");
        Assert.Contains((await Invitations.InviteAsync(admin, new InviteRequest(Unique("u"), "", Roles.Admin, [silverleaf], []), Base)).Errors, e => e.Code == "no_scope");
        var tenant = await ScopeOfAsync(App, PortalClient.Email("tenant"));
        Assert.Equal("forbidden_role", Assert.Single((await Invitations.InviteAsync(tenant, new InviteRequest(Unique("u"), "", Roles.Owner, [], [1]), Base)).Errors).Code);
    }

    [Fact]
    public async Task InvitingAnEmailThatHasALogin_ExtendsIt_NeverDuplicates()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var email = PortalClient.Email("owner");
        var r = await Invitations.InviteAsync(await Admin(), new InviteRequest(email.ToUpperInvariant(), "Owner", Roles.Trustee, [silverleaf], []), Base);
        Assert.True(r.IsSuccess, r.Describe());
        Assert.True(r.Value.ExtendedExistingLogin);
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));
        var scope = await ScopeOfAsync(App, email);
        Assert.True(scope.IsInRole(Roles.Trustee) && scope.IsInRole(Roles.Owner));
        Assert.Contains(silverleaf, scope.EstatesFor(Roles.Trustee)!);
        // Extended at once: nothing pending, and the mail says so without a password link.
        Assert.DoesNotContain(await Invitations.PendingAsync(await Admin()), p => p.Email == email);
        Assert.DoesNotContain("token=", LastMailTo(App, email)!.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsedRevokedReplacedOrExpiredLinks_AreRefusedWithHowToGetANewOne()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var admin = await Admin();
        var email = Unique("u");
        var first = await Invitations.InviteAsync(admin, new InviteRequest(email, "U", Roles.Utility, [silverleaf], []), Base);
        var second = await Invitations.InviteAsync(admin, new InviteRequest(email, "U", Roles.Utility, [silverleaf], []), Base);
        var replaced = await Invitations.AcceptAsync(Token(first.Value.Link), NewPassword);
        Assert.Contains("withdrawn or replaced", Assert.Single(replaced.Errors).Message, StringComparison.Ordinal);

        var resent = await Invitations.ResendAsync(admin, second.Value.InvitationId, Base);
        Assert.True(resent.IsSuccess, resent.Describe());
        Assert.False((await Invitations.AcceptAsync(Token(second.Value.Link), NewPassword)).IsSuccess); // the old link died with the resend
        Assert.True((await Invitations.AcceptAsync(Token(resent.Value.Link), NewPassword)).IsSuccess);
        var reused = await Invitations.AcceptAsync(Token(resent.Value.Link), NewPassword);
        Assert.Contains("already used", Assert.Single(reused.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("Forgot password", (await Invitations.PreviewAsync(Token(resent.Value.Link)))!.Problem, StringComparison.Ordinal);

        var revokedInvite = await Invitations.InviteAsync(admin, new InviteRequest(Unique("r"), "R", Roles.Admin, [], []), Base);
        Assert.True((await Invitations.RevokeAsync(admin, revokedInvite.Value.InvitationId)).IsSuccess);
        Assert.False((await Invitations.AcceptAsync(Token(revokedInvite.Value.Link), NewPassword)).IsSuccess);
        Assert.Null(await Invitations.PreviewAsync("forged-token"));
        Assert.Equal("unknown_token", Assert.Single((await Invitations.AcceptAsync("forged-token", NewPassword)).Errors).Code);

        var created = DateTimeOffset.UtcNow;
        var expiring = new AccessInvitation("e@example.com", "E", Roles.Owner, [], [1], "h", created, AccessInvitationService.Lifetime, null);
        Assert.Null(expiring.Problem(created.AddHours(71)));
        Assert.Contains("expired", expiring.Problem(created.AddHours(72)), StringComparison.Ordinal);
        Assert.Contains("resend", expiring.Problem(created.AddHours(72)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptPage_ForAReusedLink_SaysSoAndHowToGetANewOne()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var invited = await Invitations.InviteAsync(await Admin(), new InviteRequest(Unique("p"), "P", Roles.Trustee, [silverleaf], []), Base);
        using var client = App.CreateClient();
        var accepted = await AcceptAsync(client, invited.Value.Link);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/body-corporate", accepted.Headers.Location!.OriginalString);
        using var again = App.CreateClient();
        var page = PortalClient.Decode(await again.GetStringAsync(PathOf(invited.Value.Link)));
        Assert.Contains("already used", page, StringComparison.Ordinal);
        Assert.Contains("/account/forgot-password", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAddVerb_PrintsAOneTimeLinkValid72Hours_ThatMakesTheFirstAdmin()
    {
        await using var empty = await TestApp.StartAsync(demo: false);
        var log = empty.Services.GetRequiredService<ILoggerFactory>().CreateLogger("test");
        Assert.True(await FirstAdminCheck.WarnIfNoAdminAsync(empty.Services, log));
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int code;
        try { code = await Quantify.Web.Cli.UsersVerb.RunAsync(empty.App, ["add", "--email", "first@example.com", "--role", "admin", "--base-url", Base]); }
        finally { Console.SetOut(original); }
        Assert.Equal(0, code);
        var link = output.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(Base, StringComparison.Ordinal));
        Assert.Contains("72 hours", output.ToString(), StringComparison.Ordinal);
        using var client = empty.CreateClient();
        var accepted = await AcceptAsync(client, link);
        Assert.Equal(TwoFactorRules.EnrolPath, accepted.Headers.Location!.OriginalString); // an admin enrols two-factor first
        Assert.False(await FirstAdminCheck.WarnIfNoAdminAsync(empty.Services, log));
        Assert.Equal(2, await Quantify.Web.Cli.UsersVerb.RunAsync(empty.App, ["add", "--email"]));
    }
}

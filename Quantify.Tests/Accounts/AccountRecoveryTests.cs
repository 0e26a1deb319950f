using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Users;
using Quantify.Web.Identity;
using static Quantify.Tests.Accounts.AccountTestKit;

namespace Quantify.Tests.Accounts;

/// <summary>
/// An admin resets a user's lost two-factor sign-in; a user changes their email address through a link sent to the new
/// one; "remember this browser" skips the code on the next sign-in from that browser only. Through the real pages.
/// </summary>
public sealed class AccountRecoveryTests(AccountRecoveryTests.Fixture fixture) : IClassFixture<AccountRecoveryTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;

        public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true,
            settings: new Dictionary<string, string?> { ["Accounts:SessionCheckInterval"] = "00:00:00", ["Onboarding:PublicBaseUrl"] = Base });

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private const string Base = "https://portal.example.co.za";
    private TestApp App => fixture.App;

    private async Task<T> DbAsync<T>(Func<QuantifyDbContext, Task<T>> query)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    private Task<string> UserIdAsync(string email) => DbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>A new managing agent (two-factor required) who has enrolled; returns the email and authenticator key.</summary>
    private async Task<(string Email, string Key)> EnrolledAgentAsync()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var email = $"agent-{Guid.NewGuid():N}"[..18] + "@example.com";
        var invited = await App.Services.GetRequiredService<AccessInvitationService>().InviteAsync(await ScopeOfAsync(App, PortalClient.Email("admin")),
            new InviteRequest(email, "Lost Phone", Roles.ManagingAgent, [silverleaf], []), Base);
        Assert.True(invited.IsSuccess, invited.Describe());
        using var client = App.CreateClient();
        await AcceptAsync(client, invited.Value.Link);
        var (key, _) = await EnrolAsync(client);
        return (email, key);
    }

    [Fact]
    public async Task AdminResetsTwoFactor_OldCodeNoLongerWorks_NextSignInMustEnrolAgain_Audited()
    {
        var (email, key) = await EnrolledAgentAsync();
        var userId = await UserIdAsync(email);
        using var signedIn = App.CreateClient();
        Assert.Equal("/agent", (await SignInAsync(signedIn, email, NewPassword, key)).Headers.Location!.OriginalString);
        var admin = await UserIdAsync(PortalClient.Email("admin"));
        var service = App.Services.GetRequiredService<UserAdminService>();
        Assert.True(Assert.Single(await service.ListAsync(email)).TwoFactorEnabled);

        Assert.Equal("self", Assert.Single((await service.ResetTwoFactorAsync(admin, admin)).Errors).Code);
        var reset = await service.ResetTwoFactorAsync(userId, admin);
        Assert.True(reset.IsSuccess, reset.Describe());

        Assert.False(Assert.Single(await service.ListAsync(email)).TwoFactorEnabled);
        // The open session ends at its next check (the security stamp changed).
        var area = await signedIn.GetAsync("/agent");
        Assert.Contains("/login", area.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // Signing in again: no code is asked (the old one means nothing now), the agent must enrol a new authenticator.
        using var again = App.CreateClient();
        var login = await SignInAsync(again, email, NewPassword, null);
        Assert.Equal(TwoFactorRules.EnrolPath, login.Headers.Location!.OriginalString);
        var (newKey, _) = await EnrolAsync(again);
        Assert.NotEqual(key, newKey);

        var audit = await DbAsync(db => db.AuditEntries.Where(a => a.EntityType == AccountAudit.LoginEntity && a.EntityId == userId && a.Action == "ResetTwoFactor").ToListAsync());
        Assert.Equal(admin, Assert.Single(audit).UserId);
        Assert.DoesNotContain(key, audit[0].ChangesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AResetOwner_ForWhomTwoFactorIsOptional_MustStillEnrolAgainAtTheNextSignIn()
    {
        var email = PortalClient.Email("owner");
        using var first = await PortalClient.SignedInAsync(App, "owner");
        await EnrolAsync(first);
        var reset = await App.Services.GetRequiredService<UserAdminService>().ResetTwoFactorAsync(await UserIdAsync(email), await UserIdAsync(PortalClient.Email("admin")));
        Assert.True(reset.IsSuccess, reset.Describe());

        using var again = App.CreateClient();
        var login = await SignInAsync(again, email, PortalClient.Password, null);
        Assert.Equal(TwoFactorRules.EnrolPath, login.Headers.Location!.OriginalString);
        Assert.Equal(TwoFactorRules.EnrolPath, (await again.GetAsync("/owner")).Headers.Location!.OriginalString); // nothing else until enrolled
        await EnrolAsync(again);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/owner")).StatusCode);
    }

    [Fact]
    public async Task ChangingEmail_SendsALinkToTheNewAddress_WhichChangesTheSignInNameOnce()
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var old = $"owner-{Guid.NewGuid():N}"[..18] + "@example.com";
        var invited = await App.Services.GetRequiredService<AccessInvitationService>().InviteAsync(await ScopeOfAsync(App, PortalClient.Email("admin")),
            new InviteRequest(old, "Moving Owner", Roles.Owner, [], [await UnitWithoutOwnerAsync(App, silverleaf)]), Base);
        using var client = App.CreateClient();
        await AcceptAsync(client, invited.Value.Link);
        var fresh = $"new-{Guid.NewGuid():N}"[..16] + "@example.com";

        var taken = await PostFormAsync(client, "/account", "change-email", new() { ["EmailInput.NewEmail"] = PortalClient.Email("tenant") });
        Assert.Contains("Another Quantify login already uses that address", PortalClient.Decode(await taken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var asked = await PostFormAsync(client, "/account", "change-email", new() { ["EmailInput.NewEmail"] = fresh });
        Assert.Contains($"A confirmation link is on its way to {fresh}", PortalClient.Decode(await asked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains(fresh, LastMailTo(App, old)!.TextBody, StringComparison.Ordinal); // the old address is told
        Assert.Equal(old, (await DbAsync(db => db.Users.SingleAsync(u => u.Email == old))).Email); // nothing changed yet

        var link = PathOfLink(LastMailTo(App, fresh)!, AccountService.ConfirmChangePath);
        using var anonymous = App.CreateClient();
        var done = PortalClient.Decode(await anonymous.GetStringAsync(link));
        Assert.Contains($"Your sign-in address is now {fresh}", done, StringComparison.Ordinal);
        var user = await DbAsync(db => db.Users.SingleAsync(u => u.Email == fresh));
        Assert.Equal((fresh, fresh.ToUpperInvariant(), true), (user.UserName, user.NormalizedEmail, user.EmailConfirmed));
        Assert.Equal(fresh, (await DbAsync(db => db.Persons.SingleAsync(p => p.Id == user.PersonId))).Email); // notices follow the new address
        Assert.Contains("not valid any more", PortalClient.Decode(await anonymous.GetStringAsync(link)), StringComparison.Ordinal); // once
        // A link whose email was swapped for another address does nothing.
        var forged = link.Replace(Uri.EscapeDataString(fresh), Uri.EscapeDataString("attacker@example.com"), StringComparison.Ordinal);
        Assert.Contains("not valid any more", PortalClient.Decode(await anonymous.GetStringAsync(forged)), StringComparison.Ordinal);

        using var oldLogin = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(oldLogin, old, NewPassword, null)).StatusCode); // the form again: unknown
        using var newLogin = App.CreateClient();
        Assert.Equal("/owner", (await SignInAsync(newLogin, fresh, NewPassword, null)).Headers.Location!.OriginalString);
        Assert.Contains("EmailChanged", await DbAsync(db => db.AuditEntries.Where(a => a.EntityId == user.Id).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task RememberThisBrowser_SkipsTheCodeThere_NotInAnotherBrowser_AndEndsWhenTwoFactorIsReset()
    {
        var (email, key) = await EnrolledAgentAsync();
        using var browser = App.CreateClient();
        var password = await PostFormAsync(browser, "/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = NewPassword });
        var codeStep = password.Headers.Location!.OriginalString;
        Assert.StartsWith(TwoFactorRules.LoginPath, codeStep, StringComparison.Ordinal);
        Assert.Contains("remember-browser", await browser.GetStringAsync(codeStep), StringComparison.Ordinal);
        var signedIn = await PostFormAsync(browser, codeStep, "login-2fa", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow), ["Input.RememberBrowser"] = "true" });
        Assert.Equal("/agent", signedIn.Headers.Location!.OriginalString);
        Assert.Contains(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("Quantify.TwoFactorRemember=", StringComparison.Ordinal) && c.Contains("expires=", StringComparison.OrdinalIgnoreCase));

        // Signed out, then in again in the same browser: the password is enough.
        var token = System.Text.RegularExpressions.Regex.Match(await browser.GetStringAsync("/agent"), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).StatusCode);
        Assert.Contains("/login", (await browser.GetAsync("/agent")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var userId = await UserIdAsync(email);
        var remembered = await PostFormAsync(browser, "/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = NewPassword });
        Assert.Equal("/agent", remembered.Headers.Location!.OriginalString);

        // Another browser still gets the code step.
        using var other = App.CreateClient();
        var elsewhere = await PostFormAsync(other, "/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = NewPassword });
        Assert.StartsWith(TwoFactorRules.LoginPath, elsewhere.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // An admin's reset ends the remembered browser too: the next sign-in must enrol again.
        Assert.True((await App.Services.GetRequiredService<UserAdminService>().ResetTwoFactorAsync(userId, await UserIdAsync(PortalClient.Email("admin")))).IsSuccess);
        var afterReset = await PostFormAsync(browser, "/login", "login", new() { ["Input.Email"] = email, ["Input.Password"] = NewPassword });
        Assert.Equal(TwoFactorRules.EnrolPath, afterReset.Headers.Location!.OriginalString);
    }
}

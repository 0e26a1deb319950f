using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Users;
using Quantify.Web.Identity;
using static Quantify.Tests.Accounts.AccountTestKit;

namespace Quantify.Tests.Accounts;

/// <summary>Two-factor sign-in, forced enrolment, lockout, recovery codes, forgot/reset password and sessions, through the real pages.</summary>
public sealed class AccountSecurityTests(AccountSecurityTests.Fixture fixture) : IClassFixture<AccountSecurityTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public TestApp App { get; private set; } = null!;
        public CapturingLogs Logs { get; } = new();

        public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true,
            settings: new Dictionary<string, string?> { ["Accounts:SessionCheckInterval"] = "00:00:00", ["Logging:LogLevel:Default"] = "Trace" },
            services: s => s.AddSingleton<ILoggerProvider>(Logs));

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    /// <summary>Every log message of the app, to prove passwords and codes never reach the logs.</summary>
    public sealed class CapturingLogs : ILoggerProvider
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this);
        public void Dispose() { }

        private sealed class Logger(CapturingLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue(formatter(state, exception) + " " + exception);
        }
    }

    private TestApp App => fixture.App;
    private const string Base = "https://portal.example.co.za";

    private async Task<string> InviteAsync(string role, string email)
    {
        var (silverleaf, _) = await EstatesAsync(App);
        var admin = await ScopeOfAsync(App, PortalClient.Email("admin"));
        var r = await App.Services.GetRequiredService<AccessInvitationService>().InviteAsync(admin,
            new InviteRequest(email, "New Person", role, Roles.EstateScoped.Contains(role) ? [silverleaf] : [], []), Base);
        Assert.True(r.IsSuccess, r.Describe());
        return r.Value.Link;
    }

    [Fact]
    public async Task DemoAdmin_WithoutTheCode_GetsNoSession_AndWithItLandsInAdmin()
    {
        using var client = App.CreateClient();
        var password = await PortalClient.LoginAsync(client, PortalClient.Email("admin")); // completes the code step
        using var raw = App.CreateClient();
        var response = await PostFormAsync(raw, "/login", "login", new() { ["Input.Email"] = PortalClient.Email("admin"), ["Input.Password"] = PortalClient.Password });
        Assert.StartsWith(TwoFactorRules.LoginPath, response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var admin = await raw.GetAsync("/admin");
        Assert.Contains("/login", admin.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("/admin", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Admin, "/admin")]
    [InlineData(Roles.ManagingAgent, "/agent")]
    [InlineData(Roles.Utility, "/utility")]
    public async Task RequiredRoles_MustEnrolBeforeReachingTheirArea_ThenSignInWithTheCode(string role, string area)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..24] + "@example.com";
        using var client = App.CreateClient();
        var accepted = await AcceptAsync(client, await InviteAsync(role, email));
        Assert.Equal(TwoFactorRules.EnrolPath, accepted.Headers.Location!.OriginalString);
        var blocked = await client.GetAsync(area);
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.Equal(TwoFactorRules.EnrolPath, blocked.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/estates")).StatusCode);

        // Signing in again with the password alone also ends at the enrolment page.
        using var again = App.CreateClient();
        var login = await SignInAsync(again, email, NewPassword, null);
        Assert.Equal(TwoFactorRules.EnrolPath, login.Headers.Location!.OriginalString);

        var (key, codes) = await EnrolAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(area)).StatusCode);

        using var fresh = App.CreateClient();
        var withCode = await SignInAsync(fresh, email, NewPassword, key);
        Assert.Equal(area, withCode.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(area)).StatusCode);
        Assert.NotEmpty(codes);
    }

    [Fact]
    public async Task Owner_MayUseTwoFactor_ButIsNotForced()
    {
        using var client = await PortalClient.SignedInAsync(App, "owner");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/owner")).StatusCode);
        var page = PortalClient.Decode(await client.GetStringAsync(TwoFactorRules.EnrolPath));
        Assert.DoesNotContain("two-factor-required", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnce_AndRepeatedWrongCodesLockTheLogin()
    {
        var email = $"rec-{Guid.NewGuid():N}"[..20] + "@example.com";
        using var client = App.CreateClient();
        await AcceptAsync(client, await InviteAsync(Roles.Admin, email));
        var (key, codes) = await EnrolAsync(client);

        using var lost = App.CreateClient();
        var step = await PortalClient.LoginAsync(lost, email, NewPassword, authenticatorKey: null);
        var recovery = TwoFactorRules.RecoveryPath;
        var ok = await PostFormAsync(lost, recovery, "login-recovery", new() { ["Input.Code"] = codes[0] });
        Assert.Equal("/admin", ok.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await lost.GetAsync("/admin")).StatusCode);

        using var reuse = App.CreateClient();
        await PortalClient.LoginAsync(reuse, email, NewPassword, authenticatorKey: null);
        var refused = await PostFormAsync(reuse, recovery, "login-recovery", new() { ["Input.Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("not right", PortalClient.Decode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Wrong authenticator codes count towards lockout like wrong passwords.
        using var attacker = App.CreateClient();
        await PortalClient.LoginAsync(attacker, email, NewPassword, authenticatorKey: null);
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
            last = await PostFormAsync(attacker, TwoFactorRules.LoginPath, "login-2fa", new() { ["Input.Code"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.Contains("locked", PortalClient.Decode(await last.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        using var owner = App.CreateClient();
        var afterLock = await SignInAsync(owner, email, NewPassword, key);
        Assert.NotEqual("/admin", afterLock.Headers.Location?.OriginalString);
        Assert.True(step.StatusCode == HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ForgotPassword_AnswersTheSameForAnyAddress_MailsOnlyRealLogins_AndTheLinkWorksOnce()
    {
        var email = $"forgot-{Guid.NewGuid():N}"[..22] + "@example.com";
        using var client = App.CreateClient();
        using (var first = App.CreateClient()) await AcceptAsync(first, await InviteAsync(Roles.Trustee, email));
        var unknown = await PostFormAsync(client, "/account/forgot-password", "forgot", new() { ["Input.Email"] = "nobody-here@example.com" });
        Assert.Null(LastMailTo(App, "nobody-here@example.com"));
        var known = await PostFormAsync(client, "/account/forgot-password", "forgot", new() { ["Input.Email"] = email });
        static string Answer(string html) => System.Text.RegularExpressions.Regex.Match(PortalClient.Decode(html), "data-testid=\"forgot-answer\">([^<]+)<").Groups[1].Value;
        var a = Answer(await unknown.Content.ReadAsStringAsync());
        Assert.Equal(AccountService.ForgotAnswer, a);
        Assert.Equal(a, Answer(await known.Content.ReadAsStringAsync()));

        var mail = LastMailTo(App, email)!;
        var path = PathOfLink(mail, AccountService.ResetPath);
        var reset = await PostFormAsync(client, path, "reset", new()
        {
            ["Input.Email"] = email, ["Input.Code"] = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query)["code"]!,
            ["Input.Password"] = "Reset!Password2027x", ["Input.Confirm"] = "Reset!Password2027x",
        });
        Assert.Contains("reset-done", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var signIn = App.CreateClient();
        Assert.Equal("/body-corporate", (await PortalClient.LoginAsync(signIn, email, "Reset!Password2027x")).Headers.Location!.OriginalString);

        var again = await PostFormAsync(client, path, "reset", new()
        {
            ["Input.Email"] = email, ["Input.Code"] = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + path).Query)["code"]!,
            ["Input.Password"] = "Another!Password2028", ["Input.Confirm"] = "Another!Password2028",
        });
        var html = PortalClient.Decode(await again.Content.ReadAsStringAsync());
        Assert.Contains("expired or was already used", html, StringComparison.Ordinal);
        Assert.Contains("/account/forgot-password", html, StringComparison.Ordinal);

        // (The demo seeder prints the demo's shared password on purpose; nobody's own password or code ever appears.)
        Assert.NotEmpty(fixture.Logs.Lines);
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains(NewPassword, StringComparison.Ordinal) || l.Contains("Reset!Password2027x", StringComparison.Ordinal) || l.Contains("Another!Password2028", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgedHostHeader_DoesNotSteerTheResetLink()
    {
        using var client = App.CreateClient();
        var page = await client.GetStringAsync("/account/forgot-password");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/forgot-password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "forgot", ["__RequestVerificationToken"] = token, ["Input.Email"] = PortalClient.Email("trustee") }),
        };
        request.Headers.Host = "evil.example.net";
        request.Headers.Add("X-Forwarded-Host", "evil.example.net");
        await client.SendAsync(request);
        var mail = LastMailTo(App, PortalClient.Email("trustee"));
        Assert.NotNull(mail);
        Assert.DoesNotContain("evil.example.net", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_Profile_AndSignOutEverywhere()
    {
        var email = $"self-{Guid.NewGuid():N}"[..20] + "@example.com";
        using var one = App.CreateClient();
        var link = await InviteAsync(Roles.Trustee, email);
        await AcceptAsync(one, link);
        using var two = App.CreateClient();
        Assert.Equal("/body-corporate", (await PortalClient.LoginAsync(two, email, NewPassword)).Headers.Location!.OriginalString);

        var wrong = await PostFormAsync(one, "/account/password", "change-password", new() { ["Input.Current"] = "nope-nope-nope", ["Input.Password"] = "Changed!Pass2029", ["Input.Confirm"] = "Changed!Pass2029" });
        Assert.Contains("current password is wrong", PortalClient.Decode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var changed = await PostFormAsync(one, "/account/password", "change-password", new() { ["Input.Current"] = NewPassword, ["Input.Password"] = "Changed!Pass2029", ["Input.Confirm"] = "Changed!Pass2029" });
        Assert.Contains("password is changed", PortalClient.Decode(await changed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/body-corporate")).StatusCode); // this session stays
        Assert.Equal(HttpStatusCode.Redirect, (await two.GetAsync("/body-corporate")).StatusCode); // the other one ended

        var saved = await PostFormAsync(one, "/account", "profile", new() { ["Input.Name"] = "Lerato Trustee", ["Input.Phone"] = "082 555 0199", ["Input.ByEmail"] = "true", ["Input.BySms"] = "true" });
        Assert.Contains("Saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badPhone = await PostFormAsync(one, "/account", "profile", new() { ["Input.Name"] = "Lerato", ["Input.Phone"] = "call me", ["Input.BySms"] = "true" });
        Assert.Contains("mobile number", PortalClient.Decode(await badPhone.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            Assert.Equal(("Lerato Trustee", "0825550199", true, true, false), (user.DisplayName, user.PhoneNumber, user.NotifyByEmail, user.NotifyBySms, user.NotifyByPush));
        }

        using var three = App.CreateClient();
        await PortalClient.LoginAsync(three, email, "Changed!Pass2029");
        Assert.Equal(HttpStatusCode.OK, (await three.GetAsync("/body-corporate")).StatusCode);
        var page = await one.GetStringAsync("/account");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await one.PostAsync("/account/sign-out-everywhere", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/login", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await three.GetAsync("/body-corporate")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await one.GetAsync("/body-corporate")).StatusCode);
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("owner")]
    [InlineData("family")]
    [InlineData("trustee")]
    [InlineData("utility")]
    public async Task AgentInvitationsPage_IsRefusedToEveryoneButAgents(string login)
    {
        using var client = await PortalClient.SignedInAsync(App, login);
        var response = await client.GetAsync("/agent/invitations");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/access-denied", StringComparison.Ordinal),
            $"{login} reached /agent/invitations: {(int)response.StatusCode} {response.Headers.Location}");
        using var agent = await PortalClient.SignedInAsync(App, "agent");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync("/agent/invitations")).StatusCode);
    }

    [Fact]
    public async Task AccountPages_NeedASignedInUser()
    {
        using var anonymous = App.CreateClient();
        foreach (var page in new[] { "/account", "/account/password", TwoFactorRules.EnrolPath })
        {
            var r = await anonymous.GetAsync(page);
            Assert.True(r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/login", StringComparison.Ordinal), $"{page}: {(int)r.StatusCode}");
        }
        var post = await anonymous.PostAsync("/account/sign-out-everywhere", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        // A signed-in user's browser cannot be made to post it without the form's token (cross-site request).
        using var owner = await PortalClient.SignedInAsync(App, "owner");
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsync("/account/sign-out-everywhere", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/owner")).StatusCode);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Quantify.Tests.Accounts;
using Quantify.Web.Data;
using Quantify.Web.Features.Users;
using Quantify.Web.Identity;

namespace Quantify.Tests.Browser;

/// <summary>
/// The way in for real people, in Chromium: an admin made by the `users add` verb sets a password from the printed
/// link, must enrol an authenticator (the test computes the TOTP codes), invites a managing agent, who accepts and
/// enrols, then invites a trustee and an owner, who each accept and land in their area; then forgot password through
/// the mail pickup folder.
/// </summary>
[Collection("browser")]
public class AccountJourneyTests(BrowserFixture fixture)
{
    private const string Password = "Journey!Pass2027";

    [Fact]
    public async Task FirstAdmin_Agent_Trustee_Owner_AllGetTheirLogin_AndForgotPasswordWorks()
    {
        var app = fixture.App;
        var id = Guid.NewGuid().ToString("N")[..8];
        var adminEmail = $"boss-{id}@example.com";

        // 1. The verb prints a one-time link.
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try { Assert.Equal(0, await Quantify.Web.Cli.UsersVerb.RunAsync(app.App, ["add", "--email", adminEmail, "--role", "Admin", "--name", "Busi Admin"])); }
        finally { Console.SetOut(original); }
        var adminLink = output.ToString().Split('\n').Select(l => l.Trim()).Single(l => l.Contains(AccessInvitationService.AcceptPath, StringComparison.Ordinal));

        // 2. The admin sets a password and is made to enrol two-factor sign-in before reaching /admin.
        var admin = await NewPageAsync();
        await AcceptAndEnrolAsync(admin, adminLink, expectEnrolment: true);
        await admin.WaitForURLAsync(u => u.EndsWith("/admin", StringComparison.Ordinal));

        // 3. The admin invites a managing agent for Silverleaf.
        var agentEmail = $"agent-{id}@example.com";
        await admin.GotoAsync("/admin/users");
        await BrowserFixture.WaitForCircuitAsync(admin);
        await InviteAsync(admin, agentEmail, "Andile Agent", "Managing agent", estate: "Silverleaf Estate", unit: null);
        var agentLink = LinkFromMail(agentEmail);

        // 4. The agent accepts, enrols, and lands in /agent.
        var agent = await NewPageAsync();
        await AcceptAndEnrolAsync(agent, agentLink, expectEnrolment: true);
        await agent.WaitForURLAsync(u => u.EndsWith("/agent", StringComparison.Ordinal));

        // 5. The agent invites a trustee and the owner of a unit in its estate.
        var (silverleaf, _) = await AccountTestKit.EstatesAsync(app);
        var unitId = await AccountTestKit.UnitWithoutOwnerAsync(app, silverleaf);
        string unitNumber;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
            unitNumber = await db.Units.Where(u => u.Id == unitId).Select(u => u.UnitNumber).SingleAsync();
        var trusteeEmail = $"trustee-{id}@example.com";
        var ownerEmail = $"owner-{id}@example.com";
        await agent.GotoAsync("/agent/invitations");
        await BrowserFixture.WaitForCircuitAsync(agent);
        await InviteAsync(agent, trusteeEmail, "Tumi Trustee", "Trustee", estate: "Silverleaf Estate", unit: null);
        await InviteAsync(agent, ownerEmail, "Olwethu Owner", "Owner", estate: "Silverleaf Estate", unit: unitNumber);
        Assert.Equal(2, await agent.Locator("[data-testid=pending-row]").CountAsync());
        await BrowserFixture.ScreenshotAsync(agent, "agent-invitations");

        // 6. Each accepts and lands in their own area (no two-factor forced on them).
        var trustee = await NewPageAsync();
        await AcceptAndEnrolAsync(trustee, LinkFromMail(trusteeEmail), expectEnrolment: false);
        await trustee.WaitForURLAsync(u => u.EndsWith("/body-corporate", StringComparison.Ordinal));
        var owner = await NewPageAsync();
        await AcceptAndEnrolAsync(owner, LinkFromMail(ownerEmail), expectEnrolment: false);
        await owner.WaitForURLAsync(u => u.EndsWith("/owner", StringComparison.Ordinal));
        await BrowserFixture.WaitForCircuitAsync(owner);
        Assert.Contains(unitNumber, await owner.InnerTextAsync("body"), StringComparison.Ordinal);

        // 7. The trustee forgets the password: the reset link arrives in the pickup folder and works once.
        var anonymous = await NewPageAsync();
        await anonymous.GotoAsync("/login");
        await anonymous.ClickAsync("#forgot-password");
        // The sign-in page has an #email field too: wait for the forgot-password page before filling it.
        await anonymous.WaitForURLAsync(u => u.EndsWith("/account/forgot-password", StringComparison.Ordinal));
        await anonymous.WaitForSelectorAsync("#send-reset");
        await anonymous.FillAsync("#email", trusteeEmail);
        await anonymous.ClickAsync("#send-reset");
        Assert.Equal(AccountService.ForgotAnswer, (await anonymous.InnerTextAsync("[data-testid=forgot-answer]")).Trim());
        var mail = AccountTestKit.LastMailTo(app, trusteeEmail)!;
        var resetPath = AccountTestKit.PathOfLink(mail, AccountService.ResetPath);
        await anonymous.GotoAsync(resetPath);
        await anonymous.FillAsync("#password", "Reset!Pass2028x");
        await anonymous.FillAsync("#confirm", "Reset!Pass2028x");
        await anonymous.ClickAsync("#reset-password");
        await anonymous.WaitForSelectorAsync("[data-testid=reset-done]");
        await anonymous.GotoAsync("/login");
        await anonymous.FillAsync("#email", trusteeEmail);
        await anonymous.FillAsync("#password", "Reset!Pass2028x");
        await anonymous.ClickAsync("#sign-in");
        await anonymous.WaitForURLAsync(u => u.EndsWith("/body-corporate", StringComparison.Ordinal));

        foreach (var p in new[] { admin, agent, trustee, owner, anonymous }) await p.Context.CloseAsync();
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    private string LinkFromMail(string email)
    {
        var mail = AccountTestKit.LastMailTo(fixture.App, email);
        Assert.NotNull(mail);
        return AccountTestKit.PathOfLink(mail, AccessInvitationService.AcceptPath);
    }

    /// <summary>Opens the link, sets the password; where the role demands it, enrols the authenticator with a computed code.</summary>
    private static async Task AcceptAndEnrolAsync(IPage page, string link, bool expectEnrolment)
    {
        await page.GotoAsync(link.StartsWith("http", StringComparison.Ordinal) ? new Uri(link).PathAndQuery : link);
        await page.FillAsync("#password", Password);
        await page.FillAsync("#confirm", Password);
        await page.ClickAsync("#accept");
        if (!expectEnrolment) return;
        await page.WaitForURLAsync(u => u.Contains(TwoFactorRules.EnrolPath, StringComparison.Ordinal));
        await page.WaitForSelectorAsync("[data-testid=two-factor-required]");
        Assert.True(await page.IsVisibleAsync("#authenticator-qr"));
        var key = (await page.GetAttributeAsync("#authenticator-key", "data-key"))!;
        await page.FillAsync("#code", Totp.Code(key, DateTimeOffset.UtcNow));
        await page.ClickAsync("#enable-2fa");
        await page.WaitForSelectorAsync("#recovery-codes");
        Assert.Equal(TwoFactorRules.RecoveryCodeCount, await page.Locator("#recovery-codes li").CountAsync());
        await page.ClickAsync("#continue");
    }

    /// <summary>Fills the invite panel (MudBlazor selects) and sends the invitation.</summary>
    private static async Task InviteAsync(IPage page, string email, string name, string role, string estate, string? unit)
    {
        await page.FillAsync("#invite-email", email);
        await page.FillAsync("#invite-name", name);
        await PickAsync(page, "[data-testid=invite-role]", role);
        if (unit is null)
        {
            await PickAsync(page, "[data-testid=invite-estates]", estate);
            await page.Keyboard.PressAsync("Escape");
        }
        else
        {
            await PickAsync(page, "[data-testid=invite-unit-estate]", estate);
            await PickAsync(page, "[data-testid=invite-units]", unit);
            await page.Keyboard.PressAsync("Escape");
        }
        // A multi-select can stay open after a pick: press Escape until no list covers the send button.
        for (var i = 0; i < 3 && await page.Locator(".mud-popover-open").CountAsync() > 0; i++)
        {
            if (i == 0) await page.Keyboard.PressAsync("Escape");
            else if (await page.Locator(".mud-overlay").CountAsync() > 0)
            {
                // Click the overlay far from the app bar: its top-left corner lies under the bar, which takes the click.
                var overlay = page.Locator(".mud-overlay").First;
                var box = await overlay.BoundingBoxAsync();
                await overlay.ClickAsync(new LocatorClickOptions { Position = box is null ? null : new Position { X = box.Width - 4, Y = box.Height - 4 } });
            }
            await page.WaitForTimeoutAsync(300);
        }
        await page.ClickAsync("[data-testid=invite-send]");
        await page.WaitForSelectorAsync($"[data-testid=pending-row]:has-text('{email}')");
    }

    private static async Task PickAsync(IPage page, string select, string item)
    {
        await page.ClickAsync(select);
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*" + System.Text.RegularExpressions.Regex.Escape(item) + "\\s*$") }).First.ClickAsync();
    }
}

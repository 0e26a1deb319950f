using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Quantify.Domain.Family;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Family;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Onboarding;

namespace Quantify.Tests.Browser;

/// <summary>
/// The family layer in real Chromium: a tenant invites a family member with a capped TopUp grant; the member's top-up
/// above the cap is refused and one within it lands with "paid by"; the tenant revokes and the member's open wallet
/// page loses the unit live. A parent's one group top-up is split across three units to the cent.
/// </summary>
[Collection("browser")]
public class FamilyJourneyTests(BrowserFixture fixture)
{
    private T Service<T>() where T : notnull => fixture.App.Services.GetRequiredService<T>();

    /// <summary>The input of a MudBlazor field, wherever the data-testid landed (wrapper or the input itself).</summary>
    private static ILocator Input(IPage page, string testId) => page.Locator($"[data-testid={testId}]").Locator("xpath=descendant-or-self::input").First;

    private static async Task PayOnStandInAsync(IPage page)
    {
        await page.ClickAsync("[data-testid=go-to-payfast]");
        await page.WaitForSelectorAsync("[data-testid=standin-amount]");
        await page.ClickAsync("#standin-pay");
        await page.WaitForSelectorAsync("[data-testid=paid-banner]");
        await BrowserFixture.WaitForCircuitAsync(page);
    }

    [Fact]
    public async Task Tenant_InvitesACappedMember_AboveCapRefused_WithinLandsWithPaidBy_RevokeTakesTheOpenPageAwayLive()
    {
        const string email = "sipho.journey@example.com", password = "Sipho!2026-journey";
        var tenant = await fixture.SignInAsync("tenant");
        await tenant.GotoAsync("/tenant/wallet");
        await BrowserFixture.WaitForCircuitAsync(tenant);
        await Input(tenant, "invite-email").FillAsync(email);
        await Input(tenant, "invite-first").FillAsync("Sipho");
        await Input(tenant, "invite-last").FillAsync("Dlamini");
        await Input(tenant, "invite-cap").FillAsync("80");
        await Input(tenant, "invite-cap").PressAsync("Tab");
        await tenant.ClickAsync("[data-testid=invite]");
        await tenant.WaitForSelectorAsync($"[data-testid='grant-{email}']");
        await BrowserFixture.ScreenshotAsync(tenant, "family-invite");
        Assert.Contains("R 80,00 per top-up", await tenant.Locator($"[data-testid='grant-{email}']").TextContentAsync(), StringComparison.Ordinal);

        // The member opens the emailed link and accepts on the page: chooses a password and lands in the family area.
        var pickup = Service<IConfiguration>()["Notifications:PickupDirectory"]!;
        var mail = Directory.GetFiles(pickup, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).Single(m => m.To.ToString().Contains(email, StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match(mail.TextBody ?? "", @"https?://\S+/account/accept-invitation\?token=\S+").Value;
        Assert.False(string.IsNullOrEmpty(link), mail.TextBody);
        var memberContext = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var member = await memberContext.NewPageAsync();
        await member.GotoAsync(new Uri(link).PathAndQuery);
        Assert.Equal(email, await member.InputValueAsync("#email"));
        await member.FillAsync("#password", password);
        await member.FillAsync("#confirm", password);
        await member.ClickAsync("#accept");
        await member.WaitForURLAsync(url => url.Contains("/family", StringComparison.Ordinal));
        await BrowserFixture.WaitForCircuitAsync(member);
        await member.GotoAsync("/tenant/wallet");
        await BrowserFixture.WaitForCircuitAsync(member);
        await member.ClickAsync("text=Top up with card or instant EFT (PayFast)");
        Assert.Contains("R 80,00 per top-up", await member.Locator("[data-testid=my-caps]").TextContentAsync(), StringComparison.Ordinal);
        await member.ClickAsync("[data-testid=start-topup]"); // the default R 100,00 is above the cap
        await member.WaitForSelectorAsync("[data-testid=topup-error]");
        Assert.Contains("R 80,00", await member.InnerTextAsync("[data-testid=topup-error]"), StringComparison.Ordinal);
        Assert.Equal(0, await member.Locator("[data-testid=go-to-payfast]").CountAsync());

        var field = Input(member, "split-Electricity");
        await field.FillAsync("60");
        await field.PressAsync("Tab");
        await member.ClickAsync("[data-testid=start-topup]");
        await PayOnStandInAsync(member);
        await member.WaitForSelectorAsync("[data-testid=wallet-history] >> text=Sipho Dlamini");
        await BrowserFixture.ScreenshotAsync(member, "family-member-paid-by");

        // The tenant revokes; the member's open page loses the wallet at once.
        await tenant.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(tenant);
        await tenant.ClickAsync($"[data-testid='grant-{email}'] [data-testid=revoke]");
        await member.WaitForSelectorAsync("text=You have no unit with a wallet.", new PageWaitForSelectorOptions { Timeout = 10_000 });
        Assert.Equal(0, await member.Locator("[data-testid=topup-panel]").CountAsync());
        await member.Context.CloseAsync();
        await tenant.Context.CloseAsync();
    }

    [Fact]
    public async Task Parent_PaysOneTopUp_SplitAcrossThreeUnitsToTheCent()
    {
        int groupId;
        int[] units;
        string parentId;
        await using (var db = await Service<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            var parent = await db.Users.SingleAsync(u => u.Email == PortalClient.Email("parent"));
            parentId = parent.Id;
            var granted = await db.WalletAccessGrants.Where(g => g.PersonId == parent.PersonId && g.RevokedAt == null).Select(g => g.UnitId).OrderBy(u => u).ToListAsync();
            var third = await db.Units.Where(u => !granted.Contains(u.Id) && u.UnitNumber == "A106").Select(u => u.Id).SingleAsync();
            db.WalletAccessGrants.Add(WalletAccessGrant.Create(third, parent.PersonId!.Value, WalletAccessLevel.TopUp, null, null, DateTimeOffset.UtcNow, null).Value);
            await db.SaveChangesAsync();
            units = [.. granted.Take(2), third];
        }
        var groups = Service<WalletGroupService>();
        groupId = (await groups.CreateAsync(parentId, "Three flats (journey)", SplitRule.Evenly)).Value;
        foreach (var u in units) Assert.True((await groups.AddMemberAsync(parentId, groupId, u)).IsSuccess);
        var ledger = Service<LedgerService>();
        var before = new List<decimal>();
        foreach (var u in units) before.Add((await ledger.BalancesAsync(u)).Sum(b => b.Balance));

        var page = await fixture.SignInAsync("parent");
        await page.GotoAsync($"/family/groups/{groupId}");
        await BrowserFixture.WaitForCircuitAsync(page);
        var amount = Input(page, "group-amount");
        await amount.FillAsync("100");
        await amount.PressAsync("Tab");
        await page.WaitForSelectorAsync($"[data-testid=part-{units[0]}] >> text=R 33,34");
        await page.ClickAsync("[data-testid=start-group-topup]");
        await PayOnStandInAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "family-group-topup");

        decimal[] parts = [33.34m, 33.33m, 33.33m];
        for (var i = 0; i < units.Length; i++)
            Assert.Equal(before[i] + parts[i], (await ledger.BalancesAsync(units[i])).Sum(b => b.Balance));
        await page.Context.CloseAsync();
    }
}

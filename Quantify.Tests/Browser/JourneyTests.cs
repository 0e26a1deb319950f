using Microsoft.Playwright;

namespace Quantify.Tests.Browser;

[Collection("browser")]
public class JourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Tenant_SignsIn_LandsOnTheirUnit_OnAPhoneSizedScreen()
    {
        var page = await fixture.SignInAsync("tenant", new ViewportSize { Width = 390, Height = 844 });
        Assert.EndsWith("/tenant", page.Url, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid=unit-title]");
        Assert.Contains("Unit A101", await page.InnerTextAsync("[data-testid=unit-title]"), StringComparison.Ordinal);
        // MudBlazor's stylesheet is served: the app bar is styled, not a bare list.
        var appBarColour = await page.EvalOnSelectorAsync<string>(".mud-appbar", "e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(27, 94, 32)", appBarColour);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "tenant-home.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_SearchesTheirUnits_InTheServerPagedGrid()
    {
        var page = await fixture.SignInAsync("agent");
        await page.WaitForSelectorAsync("[data-testid=unit-grid] tbody tr");
        await page.FillAsync("[data-testid=unit-grid] input", "A201");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=unit-grid] tbody tr').length === 1");
        Assert.Contains("A201", await page.InnerTextAsync("[data-testid=unit-grid] tbody"), StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour", await page.InnerTextAsync("[data-testid=unit-grid] tbody"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "agent-units.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_TriesToArchiveAUnitWithAnOpenTicket_AndIsShownWhy()
    {
        var page = await fixture.SignInAsync("admin");
        await page.GotoAsync("/admin/units");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.WaitForSelectorAsync("[data-testid=admin-unit-grid] tbody tr");
        await page.FillAsync("input[placeholder='Search unit, reference or estate']", "SLF-A104");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=admin-unit-grid] tbody tr').length === 1");
        await page.ClickAsync("[data-testid=admin-unit-grid] tbody tr [data-testid=lifecycle-menu] button");
        await page.ClickAsync(".mud-popover-open .mud-menu-item:has-text('Archive')");
        await page.WaitForSelectorAsync("[data-testid=impact-blockers]");
        Assert.Contains("Blocked by 1 open ticket: close it first.", await page.InnerTextAsync("[data-testid=impact-blockers]"), StringComparison.Ordinal);
        Assert.True(await page.IsDisabledAsync("[data-testid=impact-confirm]"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "admin-impact-dialog.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Owner_CannotOpenTheAdminArea_ByTypingItsAddress()
    {
        var page = await fixture.SignInAsync("owner");
        await page.GotoAsync("/admin/units");
        Assert.Contains("/access-denied", page.Url, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid=access-denied]");
        await page.Context.CloseAsync();
    }
}

[Collection("browser")]
public class WalletJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Tenant_TopsUpThroughPayFast_AndSeesTheNewBalanceAndTheHistory()
    {
        var page = await fixture.SignInAsync("tenant");
        await page.GotoAsync("/tenant/wallet");
        await BrowserFixture.WaitForCircuitAsync(page);
        var before = await page.InnerTextAsync("[data-testid=balance-Electricity]");
        await page.ClickAsync("text=Top up with card or instant EFT (PayFast)");
        await page.ClickAsync("[data-testid=start-topup]");
        await page.ClickAsync("[data-testid=go-to-payfast]");
        await page.WaitForSelectorAsync("[data-testid=standin-amount]");
        Assert.Contains("R 100.00", await page.InnerTextAsync("[data-testid=standin-amount]"), StringComparison.Ordinal);
        await page.ClickAsync("#standin-pay");
        await page.WaitForSelectorAsync("[data-testid=paid-banner]");
        await BrowserFixture.WaitForCircuitAsync(page);
        var after = await page.InnerTextAsync("[data-testid=balance-Electricity]");
        Assert.NotEqual(before, after);
        Assert.Contains("PayFast top-up", await page.InnerTextAsync("[data-testid=wallet-history]"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "tenant-wallet-after-topup.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}

[Collection("browser")]
public class AdminLedgerJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Admin_VerifiesTheLedger_FromTheAdminPage()
    {
        var page = await fixture.SignInAsync("admin");
        await page.GotoAsync("/admin/ledger");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.ClickAsync("[data-testid=verify-ledger]");
        await page.WaitForSelectorAsync("[data-testid=verify-result]");
        Assert.Contains("no problems", await page.InnerTextAsync("[data-testid=verify-result]"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}

[Collection("browser")]
public class AgentEftJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Agent_RecordsADeposit_ButCannotApproveTheirOwn()
    {
        var page = await fixture.SignInAsync("agent");
        await page.GotoAsync("/agent/eft");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.ClickAsync("text=Record a deposit");
        await page.GetByLabel("Reference on the statement").FillAsync("SLF-A107");
        await page.GetByLabel("Amount (R)").FillAsync("300");
        await page.GetByLabel("Bank line id").FillAsync("FNB-2026-11-22-001");
        await page.ClickAsync("[data-testid=record-deposit]");
        await page.WaitForSelectorAsync("[data-testid=deposits] tbody tr");
        var row = await page.InnerTextAsync("[data-testid=deposits] tbody tr");
        Assert.Contains("Awaiting approval", row, StringComparison.Ordinal);
        Assert.True(await page.IsDisabledAsync("[data-testid=deposits] tbody tr button"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "agent-eft.png"), FullPage = true });
        await page.Context.CloseAsync();
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Quantify.Domain.Ledger;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;

namespace Quantify.Tests.Browser;

/// <summary>
/// The tenant home's own controls (alert channels, low-balance thresholds with their arrows, the usage period) are plain
/// markup with MudBlazor's classes rather than MudBlazor components, to keep each idle circuit small (docs/performance.md,
/// "Portal"). They must still do what the components did, in a real browser.
/// </summary>
[Collection("browser")]
public sealed class TenantHomeControlsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Tenant_ChangesAlertChannelAndThreshold_WithTheArrowsAndTyping_AndSaveKeepsThem()
    {
        var unit = await fixture.UnitAsync("SLF-A101");
        var (email, threshold) = await SettingsAsync(unit.Id);
        var page = await fixture.SignInAsync("tenant");
        try
        {
            await page.GotoAsync("/tenant");
            await BrowserFixture.WaitForCircuitAsync(page);
            var field = page.Locator("[data-testid=threshold-Electricity]");
            await field.WaitForAsync();

            await page.Locator("label:has([data-testid=notify-email])").ClickAsync();
            await Expect(page.Locator("label:has([data-testid=notify-email]) .mud-checkbox-" + (!email ? "true" : "false")));

            await field.FillAsync("abc");
            await field.BlurAsync();
            await Expect(page.Locator("[data-testid=threshold-Electricity][aria-invalid=true]"));

            await field.FillAsync("123,5");
            await field.BlurAsync();
            await Expect(page.Locator("[data-testid=threshold-Electricity][aria-valuetext='123.5']"));
            var spin = page.Locator(".mud-input-control:has([data-testid=threshold-Electricity])");
            await spin.GetByLabel("Increment").ClickAsync();
            await spin.GetByLabel("Increment").ClickAsync();
            await spin.GetByLabel("Decrement").ClickAsync();
            await Expect(page.Locator("[data-testid=threshold-Electricity][aria-valuetext='124.5']"));

            await page.ClickAsync("[data-testid=notice-save]");
            await page.GetByText("Alert settings saved.").WaitForAsync();
            var saved = await SettingsAsync(unit.Id);
            Assert.Equal(!email, saved.Email);
            Assert.Equal(124.5m, saved.Electricity.LowBalanceThreshold);
        }
        finally
        {
            await RestoreAsync(unit.Id, email, threshold);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Tenant_SwitchesTheUsagePeriod_AndTheSelectedButtonMoves()
    {
        var page = await fixture.SignInAsync("tenant");
        await page.GotoAsync("/tenant");
        await BrowserFixture.WaitForCircuitAsync(page);
        var usage = page.Locator("[data-testid=usage]");
        await Expect(usage.Locator("button[aria-checked=true]:has-text('Days')"));

        await usage.Locator("button:has-text('Months')").ClickAsync();

        await Expect(usage.Locator("button[aria-checked=true]:has-text('Months')"));
        Assert.Equal(1, await usage.Locator("button[aria-checked=true]").CountAsync());
        Assert.Contains("mud-toggle-item-selected", await usage.Locator("button:has-text('Months')").GetAttributeAsync("class"));
        await page.Context.CloseAsync();
    }

    private static Task Expect(ILocator locator) => locator.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });

    private async Task<(bool Email, PocketBalance Electricity)> SettingsAsync(int unitId)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(PortalClient.Email("tenant"))
            ?? throw new InvalidOperationException("No demo tenant.");
        var balances = await scope.ServiceProvider.GetRequiredService<LedgerService>().BalancesAsync(unitId);
        return (tenant.NotifyByEmail, balances.Single(b => b.Pocket == Pocket.Electricity));
    }

    private async Task RestoreAsync(int unitId, bool email, PocketBalance electricity)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var tenant = await users.FindByEmailAsync(PortalClient.Email("tenant")) ?? throw new InvalidOperationException("No demo tenant.");
        tenant.NotifyByEmail = email;
        await users.UpdateAsync(tenant);
        var restored = await scope.ServiceProvider.GetRequiredService<WalletSettingsService>().ConfigureAsync(unitId, Pocket.Electricity, electricity.LowBalanceThreshold,
            electricity.MinimumActivationAmount, electricity.CreditLimit);
        Assert.True(restored.IsSuccess);
    }
}

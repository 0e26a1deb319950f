using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Quantify.Domain.Settlement;
using Quantify.Tests.Browser;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Demo;
using Quantify.Web.Features;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Settlement;
using Quantify.Web.Identity;

namespace Quantify.Tests.Settlement;

/// <summary>
/// Issue 14: an admin approves a payout batch in the browser. Its own app (a settled month would change what the shared
/// browser fixture's other journeys see): last month consumed, closed and settled, a batch drafted by the finance admin;
/// the demo admin signs in with two factors, approves it on /admin/settlement, and downloads the bank file.
/// </summary>
public class SettlementBrowserTests : IAsyncLifetime
{
    private TestApp app = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        app = await TestApp.StartAsync(demo: true, kestrel: true); // without the demo's settled month (TestApp's default): the test settles it
        playwright = await Playwright.CreateAsync();
        browser = await BrowserFixture.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task AnAdmin_ApprovesAPayoutBatchDraftedByAnotherAdmin_AndDownloadsTheBankFile()
    {
        var services = app.Services;
        var today = EstateToday.In(services.GetRequiredService<TimeProvider>(), null);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        int estateId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
            estateId = await db.Estates.Where(e => e.Name == "Silverleaf Estate").Select(e => e.Id).SingleAsync();
        await SettlementWorld.ConsumeAsync(services, month);
        Assert.True((await services.GetRequiredService<PeriodService>().CloseAsync(estateId, month.Year, month.Month)).IsSuccess);
        var settlement = services.GetRequiredService<SettlementService>();
        var run = (await settlement.RunAsync(estateId, month.Year, month.Month, null)).Value;
        var finance = await services.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(PortalClient.Email(DemoSettlement.FinanceAdminLocal));
        var batch = (await settlement.DraftBatchAsync(run.RunId, finance!.Id)).Value;

        var page = await BrowserFixture.SignInAsync(browser, app.BaseUrl!, "admin");
        await page.GotoAsync($"/admin/settlement?estateId={estateId}");
        await BrowserFixture.WaitForCircuitAsync(page);
        var status = page.Locator($"[data-testid=batch-status-{batch.Id}]");
        Assert.Equal("Draft", (await status.InnerTextAsync()).Trim());
        await page.ClickAsync($"[data-testid=approve-batch-{batch.Id}]");
        await page.Locator(".mud-dialog button:has-text('Approve')").ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Approved");
        Assert.Contains("approved by Quantify Admin", await page.InnerTextAsync($"[data-testid=batch-{batch.Id}]"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "admin-settlement-batch-approved");

        var response = await page.APIRequest.GetAsync($"/api/v1/settlement/batches/{batch.Id}/file?format=acb");
        Assert.Equal(200, response.Status);
        var csv = await response.TextAsync();
        Assert.StartsWith("No,Name,Amount,Acc No,BR Code,Reference,Email", csv, StringComparison.Ordinal);
        Assert.Contains("City of Tshwane", csv, StringComparison.Ordinal);

        await using var check = await services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var stored = await check.PayoutBatches.AsNoTracking().SingleAsync(b => b.Id == batch.Id);
        Assert.Equal(PayoutBatchStatus.Approved, stored.Status);
        Assert.NotEqual(stored.MakerId, stored.ApprovedById);
        await page.Context.CloseAsync();
    }
}

using Microsoft.Playwright;

namespace Quantify.Tests.Browser;

/// <summary>
/// Levies in the demo, in a real browser: the agent sees Silverleaf's units with the three that have paid nothing aged
/// and its schedules; the trustee reads Silverleaf's levies and KPIs, sees nothing of Harbour View and cannot manage
/// schedules.
/// </summary>
[Collection("browser")]
public class LevyJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Agent_SeesEachUnitsLevyStanding_AndTheEstatesSchedules()
    {
        var page = await fixture.SignInAsync("agent");
        await page.GotoAsync("/agent/levies");
        await BrowserFixture.WaitForCircuitAsync(page);

        var rows = page.Locator("[data-testid=levy-status] tbody tr");
        await rows.First.WaitForAsync();
        Assert.Equal(28, await rows.CountAsync());
        var unpaid = await page.InnerTextAsync("[data-testid=levy-row-A105]");
        Assert.Contains("days)", unpaid, StringComparison.Ordinal); // oldest unpaid charge shown with its age
        Assert.DoesNotContain("days)", await page.InnerTextAsync("[data-testid=levy-row-A103]"), StringComparison.Ordinal); // paid in full
        await BrowserFixture.ScreenshotAsync(page, "levies-agent");

        await page.GotoAsync("/agent/levy-schedules");
        await BrowserFixture.WaitForCircuitAsync(page);
        var schedules = await page.Locator("[data-testid=levy-schedules]").InnerTextAsync();
        Assert.Contains("Admin levy", schedules, StringComparison.Ordinal);
        Assert.Contains("Reserve fund contribution", schedules, StringComparison.Ordinal);
        Assert.Contains("By participation quota", schedules, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Trustee_ReadsTheirEstatesLevies_NotAnotherEstates_AndCannotManageSchedules()
    {
        var harbour = await fixture.UnitAsync("HVR-102");
        var silverleaf = await fixture.UnitAsync("SLF-A101");
        var page = await fixture.SignInAsync("trustee");
        await page.GotoAsync("/body-corporate/levies");
        await BrowserFixture.WaitForCircuitAsync(page);

        await page.Locator($"[data-testid=trustee-levies-{silverleaf.EstateId}]").WaitForAsync();
        Assert.Equal(0, await page.Locator($"[data-testid=trustee-levies-{harbour.EstateId}]").CountAsync());
        Assert.DoesNotContain("Harbour", await page.InnerTextAsync("body"), StringComparison.Ordinal);

        await page.GotoAsync("/body-corporate");
        await page.Locator($"[data-testid=levy-kpis-{silverleaf.EstateId}]").WaitForAsync();
        Assert.Contains("Levies billed", await page.InnerTextAsync($"[data-testid=levy-kpis-{silverleaf.EstateId}]"), StringComparison.Ordinal);

        await page.GotoAsync("/agent/levy-schedules");
        await page.WaitForSelectorAsync("[data-testid=access-denied], .mud-typography:has-text('Page not found')", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.Equal(0, await page.Locator("[data-testid=levy-form], [data-testid=levy-new]").CountAsync());
        await page.Context.CloseAsync();
    }
}

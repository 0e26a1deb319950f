using System.Globalization;
using Microsoft.Playwright;

namespace Quantify.Tests.Browser;

/// <summary>
/// Signed-in users typing addresses that belong to someone else: another unit's pages and statement, another role's
/// area, another estate's pages and wall. Each must be refused (access denied, not found, or 403 for the PDF) and the
/// page must never show the other unit's reference or tenant.
/// </summary>
[Collection("browser")]
public class ScopeCrossingTests(BrowserFixture fixture)
{
    private const string Refused = "[data-testid=access-denied], [data-testid=wall-denied], .mud-typography:has-text('Page not found')";

    private static string LastMonthStatement(int unitId)
    {
        var month = DateTime.UtcNow.AddMonths(-1);
        return string.Create(CultureInfo.InvariantCulture, $"/api/v1/units/{unitId}/statements/{month.Year:0000}/{month.Month:00}.pdf");
    }

    /// <summary>Opens the address, waits for the refusal and proves none of the other unit's details are on the page.</summary>
    private static async Task AssertRefusedAsync(IPage page, string url, DemoUnit other)
    {
        await page.GotoAsync(url);
        await page.WaitForSelectorAsync(Refused, new PageWaitForSelectorOptions { Timeout = 15_000 });
        var text = await page.InnerTextAsync("body");
        Assert.False(text.Contains(other.PaymentReference, StringComparison.Ordinal), $"{url} showed {other.PaymentReference}.");
        Assert.False(text.Contains(other.TenantName, StringComparison.Ordinal), $"{url} showed {other.TenantName}.");
    }

    private static async Task AssertStatementRefusedAsync(IPage page, DemoUnit other)
    {
        var response = await page.APIRequest.GetAsync(LastMonthStatement(other.Id), new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(403, response.Status);
        Assert.NotEqual("application/pdf", response.Headers.GetValueOrDefault("content-type"));
        var body = await response.BodyAsync();
        Assert.False(body.Length >= 4 && System.Text.Encoding.ASCII.GetString(body, 0, 4) == "%PDF", "Another unit's statement was served.");
    }

    [Fact]
    public async Task Tenant_TypingAnotherUnitsAddresses_IsRefusedEverywhere()
    {
        var neighbour = await fixture.UnitAsync("SLF-A102");
        var elsewhere = await fixture.UnitAsync("HVR-102");
        var page = await fixture.SignInAsync("tenant");
        await AssertRefusedAsync(page, $"/tenant/{neighbour.Id}", neighbour);
        await AssertRefusedAsync(page, $"/agent/units/{neighbour.Id}", neighbour);
        await AssertRefusedAsync(page, $"/admin/units/{neighbour.Id}", neighbour);
        await AssertRefusedAsync(page, "/owner", neighbour);
        await AssertRefusedAsync(page, "/admin/units", neighbour);
        await AssertRefusedAsync(page, $"/wall/{elsewhere.EstateId}", elsewhere);
        await AssertStatementRefusedAsync(page, neighbour);
        await AssertStatementRefusedAsync(page, elsewhere);
        await BrowserFixture.ScreenshotAsync(page, "crossing-tenant");

        // Their own unit still works after all that.
        await page.GotoAsync("/tenant");
        await page.WaitForSelectorAsync("[data-testid=unit-title]");
        Assert.Contains("A101", await page.InnerTextAsync("[data-testid=unit-title]"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Owner_TypingAUnitTheyDoNotOwn_IsRefused()
    {
        var notTheirs = await fixture.UnitAsync("SLF-A102");
        var page = await fixture.SignInAsync("owner");
        await AssertRefusedAsync(page, $"/agent/units/{notTheirs.Id}", notTheirs);
        await AssertRefusedAsync(page, "/tenant", notTheirs);
        await AssertStatementRefusedAsync(page, notTheirs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AgentOfOneEstate_TypingAnotherEstatesUnitPages_IsRefused()
    {
        var own = await fixture.UnitAsync("SLF-A102");
        var other = await fixture.UnitAsync("HVR-102");
        var page = await fixture.SignInAsync("agent");
        // Control: the same page for a unit of their own estate shows it.
        await page.GotoAsync($"/agent/units/{own.Id}");
        await page.WaitForSelectorAsync("[data-testid=unit-title]");
        Assert.Contains(own.TenantName, await page.InnerTextAsync("[data-testid=unit-card]"), StringComparison.Ordinal);

        await AssertRefusedAsync(page, $"/agent/units/{other.Id}", other);
        await AssertRefusedAsync(page, $"/admin/estates/{other.EstateId}", other);
        await AssertRefusedAsync(page, $"/wall/{other.EstateId}", other);
        await AssertStatementRefusedAsync(page, other);
        // Their unit list never lists the other estate's units, even when searched for by reference.
        await page.GotoAsync("/agent");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.WaitForSelectorAsync("[data-testid=unit-grid] tbody tr");
        await page.FillAsync("[data-testid=unit-grid] input", other.PaymentReference);
        await page.WaitForSelectorAsync("text=No units match.");
        Assert.DoesNotContain(other.TenantName, await page.InnerTextAsync("body"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "crossing-agent");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TrusteeOfOneEstate_TypingAnotherEstatesPages_IsRefused()
    {
        var other = await fixture.UnitAsync("HVR-102");
        var page = await fixture.SignInAsync("trustee");
        await AssertRefusedAsync(page, $"/wall/{other.EstateId}", other);
        await AssertRefusedAsync(page, $"/agent/units/{other.Id}", other);
        await AssertRefusedAsync(page, $"/admin/estates/{other.EstateId}", other);
        await AssertRefusedAsync(page, "/utility", other);
        await AssertStatementRefusedAsync(page, other);
        await BrowserFixture.ScreenshotAsync(page, "crossing-trustee");
        await page.Context.CloseAsync();
    }
}

using Microsoft.Playwright;

namespace Quantify.Tests.Browser;

/// <summary>
/// One journey per role the other journey tests do not already cover: sign in through the real form, land in the
/// role's area, and do its main thing (owner: a statement PDF; family: the shared wallet; trustee: scheme KPIs and
/// common-property loss; utility: the loss trend). Screenshots go to artifacts/screenshots.
/// </summary>
[Collection("browser")]
public class RoleJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Owner_LandsOnTheirPortfolio_AndDownloadsAUnitsMonthlyStatementAsPdf()
    {
        var page = await fixture.SignInAsync("owner");
        Assert.EndsWith("/owner", page.Url, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid=portfolio-summary]");
        Assert.Contains("4 units in 2 estates", await page.InnerTextAsync("[data-testid=portfolio-summary]"), StringComparison.Ordinal);
        var link = page.Locator("[data-testid=statement-download]").First;
        var href = await link.GetAttributeAsync("href");
        Assert.Matches(@"^/api/v1/units/\d+/statements/\d{4}/\d{2}\.pdf$", href);

        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        var file = await download.PathAsync();
        var head = new byte[5];
        await using (var stream = File.OpenRead(file)) await stream.ReadExactlyAsync(head);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
        // The same link, fetched with the owner's session, is served as a PDF.
        var response = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        await BrowserFixture.ScreenshotAsync(page, "owner-portfolio");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FamilyMember_LandsInTheFamilyArea_AndSeesTheSharedWalletAndTheirLimit()
    {
        var page = await fixture.SignInAsync("family", new ViewportSize { Width = 390, Height = 844 });
        Assert.EndsWith("/family", page.Url, StringComparison.Ordinal);
        await page.WaitForSelectorAsync("[data-testid=unit-title]");
        Assert.Contains("Unit A101", await page.InnerTextAsync("[data-testid=unit-title]"), StringComparison.Ordinal);
        var limit = await page.InnerTextAsync("[data-testid=spend-limit]");
        Assert.Contains("shared wallet", limit, StringComparison.Ordinal);
        Assert.Contains("500", limit, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "family-home");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Trustee_SeesTheSchemeKpis_AndCommonPropertyLoss_OfTheirEstateOnly()
    {
        await fixture.FeedSilverleafBulkReadingsAsync();
        var silverleaf = (await fixture.UnitAsync("SLF-A101")).EstateId;
        var page = await fixture.SignInAsync("trustee");
        Assert.EndsWith("/body-corporate", page.Url, StringComparison.Ordinal);
        var kpis = page.Locator($"[data-testid=kpis-{silverleaf}]");
        await kpis.WaitForAsync();
        var text = await kpis.InnerTextAsync();
        foreach (var label in new[] { "Utility spend", "Meters online", "Wallets in good standing", "Occupancy", "Common property + losses" })
            Assert.Contains(label, text, StringComparison.Ordinal);
        var electricity = await kpis.Locator("[data-testid=bulk-balance] tr", new() { HasText = "Electricity" }).InnerTextAsync();
        Assert.Contains("40 kWh", electricity, StringComparison.Ordinal);  // bulk
        Assert.Contains("30 kWh", electricity, StringComparison.Ordinal);  // sum of unit meters
        Assert.Contains("25 %", electricity, StringComparison.Ordinal);   // (40 - 30) / 40
        Assert.DoesNotContain("Harbour View", await page.InnerTextAsync(".mud-main-content"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "trustee-kpis");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task UtilityUser_SeesBulkReconciliation_AndTheLossTrend_ForEachEstateTheySupply()
    {
        await fixture.FeedSilverleafBulkReadingsAsync();
        var silverleaf = (await fixture.UnitAsync("SLF-A101")).EstateId;
        var harbour = (await fixture.UnitAsync("HVR-101")).EstateId;
        var page = await fixture.SignInAsync("utility");
        Assert.EndsWith("/utility", page.Url, StringComparison.Ordinal);
        var kpis = page.Locator($"[data-testid=kpis-{silverleaf}]");
        await kpis.WaitForAsync();
        await page.Locator($"[data-testid=kpis-{harbour}]").WaitForAsync();
        Assert.Contains("Electricity loss over 30 days", await kpis.InnerTextAsync(), StringComparison.Ordinal);
        // ECharts loads on the first chart and draws SVG into the chart's container.
        await kpis.Locator(".q-chart svg").First.WaitForAsync(new() { Timeout = 15_000 });
        Assert.True(await kpis.Locator(".q-chart svg path").CountAsync() > 0, "The loss trend chart is not drawn.");
        Assert.Contains("25 %", await kpis.Locator("[data-testid=bulk-balance] tr", new() { HasText = "Electricity" }).InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "utility-loss-trend");
        await page.Context.CloseAsync();
    }
}

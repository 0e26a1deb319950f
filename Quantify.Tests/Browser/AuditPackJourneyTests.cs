using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Quantify.Tests.Statements;
using Quantify.Web.Cli;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Reports;

namespace Quantify.Tests.Browser;

/// <summary>
/// A trustee signs in, opens the reports from the menu and downloads the month's audit pack: a PDF whose text (read
/// with PdfPig) has every section and the verification hash, which `ledger verify` recomputes.
/// </summary>
[Collection("browser")]
public class AuditPackJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Trustee_DownloadsTheMonthsAuditPack_AndLedgerVerifyRecomputesItsHash()
    {
        var silverleaf = (await fixture.UnitAsync("SLF-A101")).EstateId;
        var page = await fixture.SignInAsync("trustee");
        await page.GetByRole(AriaRole.Link, new() { Name = "Billing reports" }).First.ClickAsync();
        await page.WaitForURLAsync("**/agent/reports");
        await BrowserFixture.WaitForCircuitAsync(page);
        var button = page.Locator("[data-testid=audit-pdf]");
        await button.WaitForAsync();
        var href = await button.GetAttributeAsync("href") ?? "";
        Assert.Matches($@"^/api/v1/reports/audit\?estateId={silverleaf}&period=\d{{4}}-\d{{2}}&format=pdf$", href);
        var month = href[(href.IndexOf("period=", StringComparison.Ordinal) + 7)..][..7];

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());

        Assert.Equal($"audit-pack-Silverleaf-Estate-{month}.pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var text = PdfText.Of(pdf).ReplaceLineEndings(" ");
        Assert.Contains($"Audit pack · Silverleaf Estate · {month}", text, StringComparison.Ordinal);
        foreach (var heading in new[] { AuditPackExports.SummaryHeading, AuditPackExports.BalancesHeading, AuditPackExports.TransactionsHeading, AuditPackExports.SettlementsHeading,
                     AuditPackExports.LeviesHeading, AuditPackExports.LossHeading, AuditPackExports.TrailHeading, AuditPackExports.VerificationHeading })
            Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour View", text, StringComparison.Ordinal);
        var hash = System.Text.RegularExpressions.Regex.Match(text, "SHA-256 ([0-9a-f]{64})").Groups[1].Value;
        Assert.Equal(64, hash.Length);

        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal((await fixture.App.Services.GetRequiredService<LedgerVerifier>().PeriodAsync(silverleaf, first, first.AddMonths(1).AddDays(-1))).Hash, hash);
        using var output = new StringWriter();
        var exit = await LedgerVerb.RunAsync(fixture.App.Services, ["verify", "--estate", silverleaf.ToString(CultureInfo.InvariantCulture), "--period", month, "--expect", hash], output, output);
        Assert.True(exit == 0, output.ToString());
        await BrowserFixture.ScreenshotAsync(page, "trustee-audit-pack");
        await page.Context.CloseAsync();
    }
}

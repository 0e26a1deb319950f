using System.Globalization;
using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Ledger;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Tests.Statements;
using Quantify.Web.Cli;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Reports;

namespace Quantify.Tests.Trust;

/// <summary>The audit pack of the demo estate: the sections a trustee tables, the hash `ledger verify` recomputes, and scope.</summary>
public class AuditPackTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private IServiceProvider Services => fixture.App.Services;

    private async Task<(int Silverleaf, int Harbour)> EstatesAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return (await db.Estates.Where(e => e.Name == "Silverleaf Estate").Select(e => e.Id).SingleAsync(),
            await db.Estates.Where(e => e.Name == "Harbour View Residences").Select(e => e.Id).SingleAsync());
    }

    /// <summary>The month with the most Silverleaf transactions (the demo's busiest), so every section has content.</summary>
    private async Task<string> BusyMonthAsync(int estate)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var days = await db.LedgerTransactions.Where(t => t.EstateId == estate).Select(t => t.ValueDate).ToListAsync();
        return days.GroupBy(d => d.ToString("yyyy-MM", CultureInfo.InvariantCulture)).OrderByDescending(g => g.Count()).First().Key;
    }

    private static async Task<(int Exit, string Output)> LedgerVerifyAsync(IServiceProvider services, params string[] args)
    {
        using var output = new StringWriter();
        var exit = await LedgerVerb.RunAsync(services, ["verify", .. args], output, output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task TheTrusteesPdf_HasEverySection_AndAVerificationHash_ThatLedgerVerifyRecomputes()
    {
        var (silverleaf, _) = await EstatesAsync();
        var month = await BusyMonthAsync(silverleaf);
        using var client = await PortalClient.SignedInAsync(fixture.App, "trustee");

        var response = await client.GetAsync($"/api/v1/reports/audit?estateId={silverleaf}&period={month}&format=pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"audit-pack-Silverleaf-Estate-{month}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = PdfText.Of(await response.Content.ReadAsByteArrayAsync()).ReplaceLineEndings(" "); // paragraphs wrap
        Assert.Contains($"Audit pack · Silverleaf Estate · {month}", text, StringComparison.Ordinal);
        foreach (var heading in new[] { AuditPackExports.SummaryHeading, AuditPackExports.BalancesHeading, AuditPackExports.TransactionsHeading, AuditPackExports.SettlementsHeading,
                     AuditPackExports.LeviesHeading, AuditPackExports.LossHeading, AuditPackExports.TrailHeading, AuditPackExports.VerificationHeading })
            Assert.Contains(heading, text, StringComparison.Ordinal);
        Assert.Contains("Residents' wallets · Electricity", text, StringComparison.Ordinal);

        var first = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var print = await Services.GetRequiredService<LedgerVerifier>().PeriodAsync(silverleaf, first, first.AddMonths(1).AddDays(-1));
        Assert.True(print.Lines > 0);
        Assert.Contains($"SHA-256 {print.Hash}", text, StringComparison.Ordinal);
        Assert.Contains($"ledger verify --estate {silverleaf} --period {month} --expect {print.Hash}", text, StringComparison.Ordinal);

        var (exit, output) = await LedgerVerifyAsync(Services, "--estate", silverleaf.ToString(CultureInfo.InvariantCulture), "--period", month, "--expect", print.Hash);
        Assert.True(exit == 0, output);
        Assert.Contains($"SHA-256 {print.Hash}", output, StringComparison.Ordinal);
        Assert.Contains("Matches the audit pack's hash.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALinePostedIntoThePeriodLater_ChangesTheHash_AndLedgerVerifyWithTheOldHashFails()
    {
        var (silverleaf, _) = await EstatesAsync();
        var today = DateOnly.FromDateTime(fixture.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var first = new DateOnly(today.Year, today.Month, 1);
        var verifier = Services.GetRequiredService<LedgerVerifier>();
        var before = await verifier.PeriodAsync(silverleaf, first, first.AddMonths(1).AddDays(-1));
        int unit;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
            unit = await db.Units.Where(u => u.EstateId == silverleaf && u.PaymentReference == "SLF-A105").Select(u => u.Id).SingleAsync();
        var ledger = Services.GetRequiredService<LedgerService>();
        var wallet = await ledger.EnsureWalletAsync(unit);
        Assert.True((await ledger.PostAsync(Postings.EftDeposit(990_001, "SLF-A105", "AUDIT-1", wallet, new Dictionary<Pocket, decimal> { [Pocket.Water] = 12.34m }, today,
            AccountCode.TrustBank(silverleaf)))).IsSuccess);

        var (exit, output) = await LedgerVerifyAsync(Services, "--estate", silverleaf.ToString(CultureInfo.InvariantCulture), "--period", month, "--expect", before.Hash);

        Assert.Equal(1, exit);
        Assert.Contains("DOES NOT match the expected hash", output, StringComparison.Ordinal);
        Assert.NotEqual(before.Hash, (await verifier.PeriodAsync(silverleaf, first, first.AddMonths(1).AddDays(-1))).Hash);
    }

    [Fact]
    public async Task TheXlsx_HasASheetPerSection_WithEveryTransactionOfTheJson()
    {
        var (silverleaf, _) = await EstatesAsync();
        var month = await BusyMonthAsync(silverleaf);
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/reports/audit?estateId={silverleaf}&period={month}"));
        var count = json.RootElement.GetProperty("transactions").GetArrayLength();
        Assert.True(count > 0);

        using var book = new XLWorkbook(await client.GetStreamAsync($"/api/v1/reports/audit?estateId={silverleaf}&period={month}&format=xlsx"));

        Assert.Equal(["Summary", "Balances", "Transactions", "Settlements", "Levies", "Loss", "Audit trail", "Verification"], book.Worksheets.Select(w => w.Name).ToArray());
        var sheet = book.Worksheet("Transactions");
        Assert.Equal(count, sheet.RowsUsed().Count() - 4); // title, subtitle, header, ... rows ..., total
        Assert.Equal($"{count} transactions", sheet.LastRowUsed().Cell(5).GetString());
        Assert.Equal(json.RootElement.GetProperty("verification").GetProperty("periodHash").GetString(),
            book.Worksheet("Verification").LastRowUsed().Cell(4).GetString().Replace("Period hash: ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSilverleafTrustee_IsRefusedHarbourViewsPack_InEveryFormat_AndBadPeriodsAreNamed()
    {
        var (silverleaf, harbour) = await EstatesAsync();
        using var client = await PortalClient.SignedInAsync(fixture.App, "trustee");
        foreach (var format in new[] { "json", "xlsx", "pdf" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/reports/audit?estateId={harbour}&period=2026-11&format={format}")).StatusCode);

        var bad = await client.GetAsync($"/api/v1/reports/audit?estateId={silverleaf}&period=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("period '2026-13' is not a month", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/reports/audit?estateId={silverleaf}&period=2999-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/reports/audit?estateId={silverleaf}&period=2026-11&format=csv")).StatusCode);
        using var anonymous = fixture.App.CreateClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/reports/audit?estateId={silverleaf}&period=2026-11&format=pdf")).StatusCode);
    }
}

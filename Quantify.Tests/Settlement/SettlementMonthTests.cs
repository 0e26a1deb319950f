using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Ledger;
using Quantify.Domain.Settlement;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Statements;
using Quantify.Web.Cli;
using Quantify.Web.Data;
using Quantify.Web.Demo;
using Quantify.Web.Features;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Reconciliation;
using Quantify.Web.Features.Reports;
using Quantify.Web.Features.Settlement;
using Quantify.Web.Identity;

namespace Quantify.Tests.Settlement;

/// <summary>
/// Issue 14, "How we will know": a month on the demo estate, end to end — readings → consumption → close the month →
/// settlement run → statements → payout batch → approved by another admin → paid — and the refusals around it.
/// </summary>
public class SettlementMonthTests : IAsyncLifetime
{
    private TestApp app = null!;
    private int estateId;
    private DateOnly month;
    private string makerId = "", checkerId = "";

    private IServiceProvider Services => app.Services;
    private SettlementService Settlement => Services.GetRequiredService<SettlementService>();

    public async Task InitializeAsync()
    {
        // TestApp leaves the demo's own settled month out (Demo:SettledMonth=false): this test settles last month itself.
        app = await TestApp.StartAsync(demo: true);
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        estateId = await db.Estates.Where(e => e.Name == "Silverleaf Estate").Select(e => e.Id).SingleAsync();
        var today = EstateToday.In(Services.GetRequiredService<TimeProvider>(), null);
        month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var users = Services.GetRequiredService<UserManager<ApplicationUser>>();
        makerId = (await users.FindByEmailAsync($"admin@{DemoSeeder.Domain}"))!.Id;
        checkerId = (await users.FindByEmailAsync($"{DemoSettlement.FinanceAdminLocal}@{DemoSeeder.Domain}"))!.Id;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task ConsumeLastMonthAsync() => SettlementWorld.ConsumeAsync(Services, month);

    private async Task<Dictionary<string, decimal>> BalancesAsync(params AccountKind[] kinds)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.LedgerAccounts.AsNoTracking().Where(a => a.EstateId == estateId && kinds.Contains(a.Kind)).ToDictionaryAsync(a => a.Code, a => a.Balance);
    }

    private async Task<int> TransactionCountAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.LedgerTransactions.CountAsync();
    }

    [Fact]
    public async Task AMonthOnTheDemoEstate_SettlesToTheCent_PaysOut_AndPostsOnce()
    {
        await ConsumeLastMonthAsync();
        var revenue = await BalancesAsync(AccountKind.EstateRevenue);
        Assert.True(revenue.Values.Sum() > 0, "the readings were billed to revenue");

        // An open month is refused, and nothing is posted.
        var before = await TransactionCountAsync();
        var open = await Settlement.RunAsync(estateId, month.Year, month.Month, makerId);
        Assert.Equal(("period_open", "Period"), (open.Errors[0].Code, open.Errors[0].Field));
        Assert.Equal(before, await TransactionCountAsync());

        Assert.True((await Services.GetRequiredService<PeriodService>().CloseAsync(estateId, month.Year, month.Month)).IsSuccess);
        var preview = await Settlement.PreviewAsync(estateId, month.Year, month.Month);
        Assert.Empty(preview.Errors);
        var run = await Settlement.RunAsync(estateId, month.Year, month.Month, makerId);
        Assert.True(run.IsSuccess, run.IsFailure ? run.Describe() : null);
        Assert.True(run.Value.Posted);
        Assert.Equal(preview.Total, run.Value.Total);

        // The revenue accounts are emptied into the payables; a second run finds the first and posts nothing.
        Assert.All(await BalancesAsync(AccountKind.EstateRevenue), b => Assert.Equal(0m, b.Value));
        var after = await TransactionCountAsync();
        var again = await Settlement.RunAsync(estateId, month.Year, month.Month, makerId);
        Assert.Equal((run.Value.RunId, false), (again.Value.RunId, again.Value.Posted));
        Assert.Equal(after, await TransactionCountAsync());

        // Each payee's statement equals what the ledger credited its payable, to the cent; together they are the run.
        var payees = await Settlement.PayeesAsync(estateId);
        var runRow = (await Settlement.RunsAsync(estateId)).Single(r => r.Id == run.Value.RunId);
        var statements = new List<PayeeStatement>();
        foreach (var (payeeId, amount) in runRow.PayeeTotals())
        {
            var s = (await Settlement.StatementAsync(run.Value.RunId, payeeId))!;
            Assert.Equal(s.Total, s.LedgerAmount);
            Assert.Equal(amount, s.Total);
            statements.Add(s);
        }
        Assert.Equal(run.Value.Total, statements.Sum(s => s.Total));
        Assert.Contains(statements, s => s.Payee.Kind == PayeeKind.BulkSupplier);
        var supplier = statements.Single(s => s.Payee.Kind == PayeeKind.BulkSupplier);
        Assert.Equal(Math.Round(700m * 1.95m + 450m + 40m * 24.50m + 350m, 2), supplier.Total); // bulk electricity + bulk water, the demo's rule
        var pdf = PdfText.Of(ReportExports.Pdf(SettlementExports.Table(supplier), DateTimeOffset.UtcNow, "test"));
        Assert.Contains("City of Tshwane", pdf, StringComparison.Ordinal);
        Assert.Contains("Ties to the ledger", pdf, StringComparison.Ordinal);
        Assert.Contains(Quantify.Domain.Common.Money.Format(supplier.Total), pdf, StringComparison.Ordinal);
        using (var book = new ClosedXML.Excel.XLWorkbook(new MemoryStream(ReportExports.Xlsx(SettlementExports.Table(supplier)))))
            Assert.Contains(book.Worksheet(1).CellsUsed(), c => c.DataType == ClosedXML.Excel.XLDataType.Number && c.GetValue<decimal>() == supplier.Total);

        // Payout: drafted by one admin, refused to the same admin, approved by another, frozen, then paid.
        var batch = (await Settlement.DraftBatchAsync(run.Value.RunId, makerId)).Value;
        var own = await Settlement.ApproveBatchAsync(batch.Id, makerId);
        Assert.Equal("same_admin", own.Errors[0].Code);
        Assert.True((await Settlement.ApproveBatchAsync(batch.Id, checkerId)).IsSuccess);
        var frozen = await Settlement.EditBatchLineAsync(batch.Id, batch.Lines[0].Id, 1m, "CHANGED");
        Assert.Equal("not_draft", frozen.Errors[0].Code);
        var file = Encoding.ASCII.GetString((await Settlement.BatchFileAsync(batch.Id, PayoutFileFormat.AcbCreditorCsv))!.Value.Bytes);
        Assert.Equal(batch.Lines.Count + 2, file.Split("\r\n").Length); // header, lines, and the empty string after the last CRLF
        Assert.Contains("4071234567,632005,SLF-00812345,", file, StringComparison.Ordinal);
        var trustBank = AccountCode.TrustBank(estateId).ToString();
        var bankBefore = (await BalancesAsync(AccountKind.Bank)).GetValueOrDefault(trustBank); // the demo's EFT deposits and levy receipts are already in it
        foreach (var line in batch.Lines)
            Assert.True((await Settlement.MarkPaidAsync(batch.Id, line.Id, $"FNB{line.Id:000000}", checkerId)).IsSuccess);
        Assert.Equal(PayoutBatchStatus.Paid, (await Settlement.BatchesAsync(estateId)).Single(b => b.Id == batch.Id).Status);
        var payables = await BalancesAsync(AccountKind.Payable);
        foreach (var line in batch.Lines) Assert.Equal(0m, payables[AccountCode.Payable(estateId, line.PayeeId).ToString()]);
        var paidStatement = (await Settlement.StatementAsync(run.Value.RunId, supplier.Payee.Id))!;
        Assert.Equal(paidStatement.Total, paidStatement.Paid);
        Assert.Equal(batch.Total, (await BalancesAsync(AccountKind.Bank))[trustBank] - bankBefore); // the batch's money, and only it, left the trust account

        // Paid runs are not reversed; the ledger's chains and cached balances still verify.
        var reverse = await Settlement.ReverseAsync(run.Value.RunId, "wrong tariff", makerId);
        Assert.Equal("paid", reverse.Errors[0].Code);
        var verification = await Services.GetRequiredService<LedgerVerifier>().VerifyAsync();
        Assert.Empty(verification.Problems);

        // The daily reconciliation (the code of the `reconcile` verb) of today, the day of the run and the payouts:
        // all nine checks pass; `ledger verify` exits 0; the revenue accounts are still zero; a third run posts nothing.
        var today = EstateToday.In(Services.GetRequiredService<TimeProvider>(), null);
        using var reconcileOutput = new StringWriter();
        var reconcileExit = await ReconcileVerb.RunAsync(Services, ["--date", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)], reconcileOutput, reconcileOutput);
        Assert.True(reconcileExit == 0, reconcileOutput.ToString());
        var report = await Services.GetRequiredService<ReconciliationService>().RunAsync(today, notify: false);
        Assert.Equal(ReconciliationService.Checks.Select(c => c.Check), report.Checks.Select(c => c.Check));
        Assert.Equal(9, report.Checks.Count);
        Assert.All(report.Checks, c => Assert.True(c.Passed, $"{c.Check}: {c.Summary} {string.Join("; ", c.Rows)}"));
        using var verifyOutput = new StringWriter();
        Assert.True(await LedgerVerb.RunAsync(Services, ["verify"], verifyOutput, verifyOutput) == 0, verifyOutput.ToString());
        Assert.All(await BalancesAsync(AccountKind.EstateRevenue), b => Assert.Equal(0m, b.Value));
        var settled = await TransactionCountAsync();
        Assert.False((await Settlement.RunAsync(estateId, month.Year, month.Month, checkerId)).Value.Posted);
        Assert.Equal(settled, await TransactionCountAsync());
    }

    [Fact]
    public async Task AnUnpaidRun_IsReversed_ItsBatchCancelled_AndTheMonthCanBeSettledAgain()
    {
        await ConsumeLastMonthAsync();
        await Services.GetRequiredService<PeriodService>().CloseAsync(estateId, month.Year, month.Month);
        var revenue = await BalancesAsync(AccountKind.EstateRevenue);
        var first = (await Settlement.RunAsync(estateId, month.Year, month.Month, makerId)).Value;
        var batch = (await Settlement.DraftBatchAsync(first.RunId, makerId)).Value;

        Assert.Equal("reason_required", (await Settlement.ReverseAsync(first.RunId, " ", makerId)).Errors[0].Code);
        Assert.True((await Settlement.ReverseAsync(first.RunId, "bulk reading corrected", makerId)).IsSuccess);

        Assert.Equal(revenue, await BalancesAsync(AccountKind.EstateRevenue));
        Assert.Equal(PayoutBatchStatus.Cancelled, (await Settlement.BatchesAsync(estateId)).Single(b => b.Id == batch.Id).Status);
        Assert.Equal("not_approved", (await Settlement.MarkPaidAsync(batch.Id, batch.Lines[0].Id, "X1", checkerId)).Errors[0].Code);
        var second = (await Settlement.RunAsync(estateId, month.Year, month.Month, makerId)).Value;
        Assert.True(second.Posted);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(first.Total, second.Total);
        Assert.Empty((await Services.GetRequiredService<LedgerVerifier>().VerifyAsync()).Problems);
    }

    [Fact]
    public async Task TheMonthlyJob_SettlesOnlyClosedMonths_AndRunningItAgainPostsNothing()
    {
        await ConsumeLastMonthAsync();
        var open = await Settlement.RunDueAsync();
        Assert.Equal(0, open.Settled); // nothing closed yet: skipped, not an error
        Assert.Empty(open.Problems);

        await Services.GetRequiredService<PeriodService>().CloseAsync(estateId, month.Year, month.Month);
        var first = await Settlement.RunDueAsync();
        var count = await TransactionCountAsync();
        var second = await Settlement.RunDueAsync();

        Assert.Equal((1, 0), (first.Settled, first.Problems.Count));
        Assert.Equal(0, second.Settled);
        Assert.Equal(count, await TransactionCountAsync());
        Assert.Single(await Settlement.RunsAsync(estateId));
    }

    [Fact]
    public async Task StatementsAndBankFiles_AreForAdminsOnly_AndADraftHasNoBankFile()
    {
        await ConsumeLastMonthAsync();
        await Services.GetRequiredService<PeriodService>().CloseAsync(estateId, month.Year, month.Month);
        var run = (await Settlement.RunAsync(estateId, month.Year, month.Month, makerId)).Value;
        var batch = (await Settlement.DraftBatchAsync(run.RunId, makerId)).Value;
        var payeeId = batch.Lines[0].PayeeId;

        using var trustee = app.CreateClient();
        await PortalClient.LoginAsync(trustee, PortalClient.Email("trustee"));
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await trustee.GetAsync($"/api/v1/settlement/runs/{run.RunId}/statements/{payeeId}?format=pdf")).StatusCode);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, (await trustee.GetAsync($"/api/v1/settlement/batches/{batch.Id}/file?format=acb")).StatusCode);

        using var admin = app.CreateClient();
        await PortalClient.LoginAsync(admin, PortalClient.Email("admin"));
        var pdf = await admin.GetAsync($"/api/v1/settlement/runs/{run.RunId}/statements/{payeeId}?format=pdf");
        Assert.Equal(System.Net.HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/settlement/runs/{run.RunId}/statements/{payeeId}?format=docx")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/settlement/batches/{batch.Id}/file?format=acb")).StatusCode); // not approved
    }

    [Fact]
    public async Task AnOverlappingRuleVersion_IsRefused_NamingEffectiveFrom()
    {
        var rules = await Settlement.RulesAsync(estateId);
        var electricity = rules.First(r => r.Utility == Quantify.Domain.Metering.Utility.Electricity);
        var overlapping = SettlementRuleVersion.Create(estateId, electricity.Utility, electricity.EffectiveFrom.AddMonths(1), electricity.VatPayeeId, electricity.RemainderPayeeId, []).Value;

        var r = await Settlement.AddRuleAsync(overlapping);

        Assert.Equal(("overlap", "EffectiveFrom"), (r.Errors[0].Code, r.Errors[0].Field));
        Assert.Equal(rules.Count, (await Settlement.RulesAsync(estateId)).Count);
    }
}

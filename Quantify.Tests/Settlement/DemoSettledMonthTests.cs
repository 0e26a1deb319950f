using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Ledger;
using Quantify.Domain.Settlement;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Cli;
using Quantify.Web.Data;
using Quantify.Web.Features;
using Quantify.Web.Features.Reconciliation;
using Quantify.Web.Features.Settlement;

namespace Quantify.Tests.Settlement;

/// <summary>
/// Issue 14 item 8: the demo starts with one closed and settled month (last month: run posted, statements tie to the
/// ledger, payout batch approved by the checker and paid) and a clean daily reconciliation for a day with its postings.
/// </summary>
public class DemoSettledMonthTests : IAsyncLifetime
{
    private TestApp app = null!;

    public async Task InitializeAsync() => app = await TestApp.StartAsync(demo: true, settings: new Dictionary<string, string?> { ["Demo:SettledMonth"] = "true" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TheDemo_HasLastMonthClosedSettledAndPaid_ForBothEstates()
    {
        var services = app.Services;
        var today = EstateToday.In(services.GetRequiredService<TimeProvider>(), null);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        await using var db = await services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var settlement = services.GetRequiredService<SettlementService>();

        foreach (var estate in await db.Estates.AsNoTracking().Select(e => new { e.Id, e.Name }).ToListAsync())
        {
            var period = await db.FinancialPeriods.AsNoTracking().SingleAsync(p => p.EstateId == estate.Id && p.Year == month.Year && p.Month == month.Month);
            Assert.Equal(PeriodStatus.Closed, period.Status);
            var run = Assert.Single(await settlement.RunsAsync(estate.Id));
            Assert.Equal((SettlementRunStatus.Posted, month.Year, month.Month), (run.Status, run.Year, run.Month));
            Assert.Contains(run.PayeeTotals(), p => p.Amount > 0);
            // Consumption was billed and settled: the revenue accounts are empty, some electricity revenue went through the run.
            Assert.Contains(run.Lines, l => l.Utility == Quantify.Domain.Metering.Utility.Electricity && l.Amount > 0);
            Assert.All(await db.LedgerAccounts.AsNoTracking().Where(a => a.EstateId == estate.Id && a.Kind == AccountKind.EstateRevenue).ToListAsync(),
                a => Assert.Equal(0m, a.Balance));
            foreach (var (payeeId, amount) in run.PayeeTotals())
            {
                var statement = (await settlement.StatementAsync(run.Id, payeeId))!;
                Assert.Equal((amount, amount), (statement.Total, statement.LedgerAmount));
            }
            var batch = Assert.Single(await settlement.BatchesAsync(estate.Id));
            Assert.Equal(PayoutBatchStatus.Paid, batch.Status);
            Assert.NotEqual(batch.MakerId, batch.ApprovedById);
            Assert.All(batch.Lines, l => Assert.StartsWith("DEMO-EFT-", l.BankReference, StringComparison.Ordinal));
            Assert.All(await db.LedgerAccounts.AsNoTracking().Where(a => a.EstateId == estate.Id && a.Kind == AccountKind.Payable).ToListAsync(),
                a => Assert.Equal(0m, a.Balance));
        }
    }

    [Fact]
    public async Task TheDemosReconciliation_OfYesterdayAndToday_IsStoredClean_AndTheVerbAgrees()
    {
        var services = app.Services;
        var today = EstateToday.In(services.GetRequiredService<TimeProvider>(), null);
        await using (var db = await services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            foreach (var day in new[] { today.AddDays(-1), today })
            {
                var stored = await db.ReconciliationResults.AsNoTracking().Where(r => r.Day == day).ToListAsync();
                Assert.Equal(ReconciliationService.Checks.Count, stored.Count);
                Assert.All(stored, r => Assert.True(r.Passed, $"{day} {r.Check}: {r.Summary} {r.Details}"));
            }
        }
        // Today holds the demo's own postings (top-ups, levies, the payouts marked paid): `reconcile --date today` exits 0, as does the default (yesterday).
        using var output = new StringWriter();
        Assert.True(await ReconcileVerb.RunAsync(services, ["--date", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)], output, output) == 0, output.ToString());
        Assert.True(await ReconcileVerb.RunAsync(services, [], output, output) == 0, output.ToString());
        Assert.True(await LedgerVerb.RunAsync(services, ["verify"], output, output) == 0, output.ToString());
    }
}

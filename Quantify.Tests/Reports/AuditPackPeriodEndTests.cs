using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Ledger;
using Quantify.Domain.Settlement;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Cli;
using Quantify.Web.Data;
using Quantify.Web.Features;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Reports;
using Quantify.Web.Features.Settlement;

namespace Quantify.Tests.Reports;

/// <summary>
/// The audit pack's verification statement is as at the end of its period: chain heads are the last line of each
/// wallet chain dated in or before the period, and the period hash covers only the period's lines, so a pack made
/// again after later postings prints the same figures (issue 14 item 6).
/// </summary>
public class AuditPackPeriodEndTests : IAsyncLifetime
{
    private TestApp app = null!;
    private int silverleaf;
    private DateOnly month;

    private IServiceProvider Services => app.Services;

    public async Task InitializeAsync()
    {
        app = await TestApp.StartAsync(demo: true, settings: new Dictionary<string, string?> { ["Demo:SettledMonth"] = "true" }); // with the demo's settled last month: Silverleaf's wallets have lines in it
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        silverleaf = await db.Estates.Where(e => e.Name == "Silverleaf Estate").Select(e => e.Id).SingleAsync();
        var today = EstateToday.In(Services.GetRequiredService<TimeProvider>(), null);
        month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task APostingAfterThePeriod_LeavesThePacksHeadsHashAndBalancesUnchanged()
    {
        var packs = Services.GetRequiredService<AuditPackService>();
        var before = (await packs.BuildAsync(silverleaf, month))!;
        Assert.NotEmpty(before.Verification.ChainHeads);
        Assert.True(before.Verification.Lines > 0);

        // A deposit today (after the period) onto a wallet that has lines in the period.
        var ledger = Services.GetRequiredService<LedgerService>();
        int unit;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
            unit = await db.Units.Where(u => u.EstateId == silverleaf && u.PaymentReference == "SLF-A105").Select(u => u.Id).SingleAsync();
        var wallet = await ledger.EnsureWalletAsync(unit);
        var today = EstateToday.In(Services.GetRequiredService<TimeProvider>(), null);
        Assert.True((await ledger.PostAsync(Postings.EftDeposit(990_101, "SLF-A105", "AFTER-1", wallet, new Dictionary<Pocket, decimal> { [Pocket.Water] = 55.55m }, today,
            AccountCode.TrustBank(silverleaf)))).IsSuccess);

        var after = (await packs.BuildAsync(silverleaf, month))!;

        Assert.Equal(before.Verification.ChainHeads, after.Verification.ChainHeads);
        Assert.Equal((before.Verification.PeriodHash, before.Verification.Lines, before.Verification.Transactions),
            (after.Verification.PeriodHash, after.Verification.Lines, after.Verification.Transactions));
        Assert.Equal(before.Balances, after.Balances);
        Assert.Equal(before.Transactions.Count, after.Transactions.Count);

        // The head printed for the wallet is the line at its printed position, not the chain's head now.
        await using (var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            var printed = Assert.Single(after.Verification.ChainHeads, h => h.WalletId == wallet);
            var now = await db.WalletChains.AsNoTracking().SingleAsync(c => c.WalletId == wallet);
            Assert.True(now.Length > printed.Length);
            Assert.NotEqual(now.Head, printed.Head);
            Assert.Equal(printed.Head, await db.LedgerLines.Where(l => l.WalletId == wallet && l.Sequence == printed.Length).Select(l => l.Hash).SingleAsync());
        }
        using var output = new StringWriter();
        var exit = await LedgerVerb.RunAsync(Services, ["verify", "--estate", silverleaf.ToString(CultureInfo.InvariantCulture), "--period",
            month.ToString("yyyy-MM", CultureInfo.InvariantCulture), "--expect", before.Verification.PeriodHash], output, output);
        Assert.True(exit == 0, output.ToString());
    }

    [Fact]
    public async Task TheAuditTrail_ShowsTheEstatesSettlementAndPeriodChanges_OfThePeriodOnly()
    {
        var added = await Services.GetRequiredService<SettlementService>().AddPayeeAsync(silverleaf, "Garden Services CC", PayeeKind.Other, "Nedbank", "198765", "1029384756", "SLF-GARDEN");
        Assert.True(added.IsSuccess);
        var today = EstateToday.In(Services.GetRequiredService<TimeProvider>(), null);
        var packs = Services.GetRequiredService<AuditPackService>();

        var thisMonth = (await packs.BuildAsync(silverleaf, today))!;
        var lastMonth = (await packs.BuildAsync(silverleaf, month))!;

        Assert.Contains(thisMonth.Trail, t => t.Entity == $"Payee #{added.Value.Id}" && t.Action == "Added");
        Assert.Contains(thisMonth.Trail, t => t.Entity.StartsWith("FinancialPeriod #", StringComparison.Ordinal)); // last month was closed today by the demo
        Assert.Contains(thisMonth.Trail, t => t.Entity.StartsWith("SettlementRuleVersion #", StringComparison.Ordinal));
        Assert.DoesNotContain(lastMonth.Trail, t => t.Entity == $"Payee #{added.Value.Id}");
    }
}

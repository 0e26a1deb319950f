using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Ledger;
using Quantify.Tests.Security;
using Quantify.Web.Cli;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Trust;

/// <summary>`reconcile [--date D]` on the demo: exit 1 naming the failed check when money crossed estates, 2 on bad arguments.</summary>
public class ReconcileVerbTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<(int Exit, string Output)> ReconcileAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exit = await ReconcileVerb.RunAsync(fixture.App.Services, args, output, output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task ADepositBankedInAnotherEstatesTrustAccount_MakesReconcileExitOne_NamingTrustBank_AndBadArgumentsExitTwo()
    {
        Assert.Equal(2, (await ReconcileAsync("--date", "2026-13-01")).Exit);
        Assert.Equal(2, (await ReconcileAsync("yesterday")).Exit);

        var services = fixture.App.Services;
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var before = await ReconcileAsync("--date", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Contains("[ok] trust-bank", before.Output, StringComparison.Ordinal);

        int unit, harbour;
        await using (var db = await services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            unit = await db.Units.Where(u => u.PaymentReference == "SLF-A104").Select(u => u.Id).SingleAsync();
            harbour = await db.Estates.Where(e => e.Name == "Harbour View Residences").Select(e => e.Id).SingleAsync();
        }
        var ledger = services.GetRequiredService<LedgerService>();
        var wallet = await ledger.EnsureWalletAsync(unit);
        Assert.True((await ledger.PostAsync(Postings.EftDeposit(990_101, "SLF-A104", "CROSS-1", wallet, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 75m }, today,
            AccountCode.TrustBank(harbour)))).IsSuccess);

        var (exit, output) = await ReconcileAsync("--date", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.Equal(1, exit);
        Assert.Contains("[FAIL] trust-bank", output, StringComparison.Ordinal);
        Assert.Contains("Harbour View Residences: trust bank holds", output, StringComparison.Ordinal);
    }
}

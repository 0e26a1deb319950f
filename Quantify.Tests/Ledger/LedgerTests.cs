using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using P = Quantify.Domain.Ledger.Pocket;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.MasterData;

namespace Quantify.Tests.Ledger;

public class LedgerTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private LedgerVerifier verifier = null!;
    private int estateId, unitId, walletId;
    private DateOnly today;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        verifier = new LedgerVerifier(w.Db.Factory);
        walletId = await ledger.EnsureWalletAsync(unitId);
        today = w.Today;
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private AccountCode Pocket(Pocket p) => AccountCode.Wallet(walletId, p);

    private PostingRequest TopUp(string key, decimal amount, Pocket pocket = P.Electricity) =>
        new(key, TransactionType.TopUp, today, "Card top-up", [new(Pocket(pocket), amount), new(AccountCode.PayFastClearing, -amount)]);

    private PostingRequest Consumption(string key, decimal exVat, decimal vat) =>
        new(key, TransactionType.Consumption, today, "Electricity used",
            [new(Pocket(P.Electricity), -(exVat + vat)), new(AccountCode.Revenue(estateId, P.Electricity), exVat), new(AccountCode.VatOutput, vat)]);

    [Fact]
    public async Task TopUpThenConsumption_MovesExactAmounts_AndEveryTransactionSumsToZero()
    {
        Assert.True((await ledger.PostAsync(TopUp("pf-1", 200m))).IsSuccess);
        var used = await ledger.PostAsync(Consumption("reading-1", 20.00m, 3.00m));
        Assert.Equal(177m, used.Value.Balances[Pocket(P.Electricity)]);
        var balances = await ledger.BalancesAsync(unitId);
        Assert.Equal(177m, balances.Single(b => b.Pocket == P.Electricity).Balance);
        Assert.Equal(6, balances.Count); // unallocated, four utilities and levies
        var check = await verifier.VerifyAsync();
        Assert.True(check.IsValid, check.Summary);
        Assert.Equal(2, check.LinesChecked); // the two wallet lines are chained; revenue and VAT lines are not wallet lines
    }

    [Fact]
    public async Task ReplayedPosting_ReturnsTheOriginal_AndCreditsNothingTwice()
    {
        var first = await ledger.PostAsync(TopUp("pf-42", 100m));
        var again = await ledger.PostAsync(TopUp("pf-42", 100m));
        Assert.True(again.Value.Replayed);
        Assert.Equal(first.Value.Number, again.Value.Number);
        Assert.Equal(100m, (await ledger.BalancesAsync(unitId)).Single(b => b.Pocket == P.Electricity).Balance);
    }

    [Fact]
    public async Task ReplayWithDifferentContent_IsRefused_NamingTheOriginal()
    {
        var first = await ledger.PostAsync(TopUp("pf-7", 100m));
        var forged = await ledger.PostAsync(TopUp("pf-7", 1000m));
        Assert.True(forged.IsFailure);
        Assert.Contains($"already used by {first.Value.Number} for different content", forged.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, -99, "sum to R 1,00")]
    [InlineData(0.001, -0.001, "whole cents")]
    public async Task UnbalancedOrFractionalPostings_AreRefused(decimal a, decimal b, string expected)
    {
        var r = await ledger.PostAsync(new PostingRequest("bad", TransactionType.Adjustment, today, "x", [new(Pocket(P.Water), a), new(AccountCode.Bank, b)]));
        Assert.Contains(expected, r.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reversal_CancelsTheOriginal_AndCannotItselfBeReversed()
    {
        var t = await ledger.PostAsync(TopUp("pf-9", 50m));
        var reversal = await ledger.ReverseAsync(t.Value.TransactionId, "captured twice");
        Assert.True(reversal.IsSuccess);
        Assert.Equal(0m, reversal.Value.Balances[Pocket(P.Electricity)]);
        Assert.True((await ledger.ReverseAsync(t.Value.TransactionId, "again")).Value.Replayed);
        Assert.Equal("is_reversal", (await ledger.ReverseAsync(reversal.Value.TransactionId, "x")).Errors[0].Code);
        await using var db = w.Db.Create();
        Assert.Equal(t.Value.TransactionId, (await db.LedgerTransactions.SingleAsync(x => x.Id == reversal.Value.TransactionId)).ReversesId);
    }

    [Fact]
    public async Task TheDatabaseRefusesUpdatesAndDeletes_OnLedgerTables()
    {
        await ledger.PostAsync(TopUp("pf-1", 10m));
        await using var conn = new SqliteConnection(w.Db.ConnectionString);
        await conn.OpenAsync();
        foreach (var sql in new[] { "UPDATE LedgerLines SET Amount = '999.00'", "DELETE FROM LedgerLines", "UPDATE LedgerTransactions SET Description = 'x'", "DELETE FROM LedgerTransactions" })
        {
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = sql;
            var ex = await Assert.ThrowsAsync<SqliteException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TamperingBehindTheAppsBack_IsDetected_AndTheFirstBadEntryNamed()
    {
        await ledger.PostAsync(TopUp("pf-1", 100m));
        var second = await ledger.PostAsync(TopUp("pf-2", 50m));
        await ledger.PostAsync(Consumption("r-1", 10m, 1.5m));
        Assert.True((await verifier.VerifyAsync(walletId)).IsValid);
        await using (var conn = new SqliteConnection(w.Db.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            // Someone with database access removes the guard and turns R 50 into R 5 000.
            cmd.CommandText = "DROP TRIGGER TR_LedgerLines_NoUpdate; UPDATE LedgerLines SET Amount = '5000.00' WHERE Sequence = 2 AND WalletId = $w;";
            cmd.Parameters.AddWithValue("$w", walletId);
            await cmd.ExecuteNonQueryAsync();
        }
        var result = await verifier.VerifyAsync(walletId);
        Assert.False(result.IsValid);
        var first = result.Problems[0];
        Assert.Equal(second.Value.Number, first.TransactionNumber);
        Assert.Equal(2, first.Sequence);
        Assert.Contains("changed after posting", first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACachedBalanceThatDisagreesWithTheLines_IsReported()
    {
        await ledger.PostAsync(TopUp("pf-1", 100m));
        await using (var db = w.Db.Create())
            await db.Database.ExecuteSqlRawAsync("UPDATE LedgerAccounts SET Balance = '1000.00' WHERE Code = {0}", Pocket(P.Electricity).ToString());
        var result = await verifier.VerifyAsync();
        Assert.Contains(result.Problems, p => p.Message.Contains("cached balance R 1 000,00 but its lines sum to R 100,00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EightWritersTimesAThousandPostings_EndWithExactBalancesAndAValidChain()
    {
        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                var r = await ledger.PostAsync(TopUp($"w{writer}-{i}", 1.25m, writer % 2 == 0 ? P.Electricity : P.Water));
                Assert.True(r.IsSuccess, r.IsFailure ? r.Describe() : null);
            }
        })).ToList();
        await Task.WhenAll(writers);
        var balances = await ledger.BalancesAsync(unitId);
        Assert.Equal(5000m, balances.Single(b => b.Pocket == P.Electricity).Balance);
        Assert.Equal(5000m, balances.Single(b => b.Pocket == P.Water).Balance);
        var check = await verifier.VerifyAsync();
        Assert.True(check.IsValid, check.Summary);
        Assert.Equal(8000, check.LinesChecked);
    }

    [Fact]
    public async Task Seed000_8_1_UnitToWallet_ArchivingKeepsTheWallet_AndAUnitWithAWalletIsNeverDeleted()
    {
        await ledger.PostAsync(TopUp("pf-1", 10m));
        var delete = await w.Lifecycle.AnalyseAsync(EntityKind.Unit, unitId, LifecycleAction.Delete);
        Assert.Contains("It has a wallet (financial history): archive the unit instead.", delete.Blockers);
        var archive = await w.Lifecycle.ExecuteAsync(EntityKind.Unit, unitId, LifecycleAction.Archive, "sold off-plan");
        Assert.Contains("keeps the wallet and its ledger history", archive.Value.Keeps);
        Assert.Equal(10m, (await ledger.BalancesAsync(unitId)).Single(b => b.Pocket == P.Electricity).Balance);
    }

    [Fact]
    public async Task Seed000_8_1_WalletToTransaction_TransactionsCannotBeOrphaned()
    {
        await ledger.PostAsync(TopUp("pf-1", 10m));
        await using var db = w.Db.Create();
        await Assert.ThrowsAsync<DbUpdateException>(async () =>
        {
            db.Wallets.Remove(await db.Wallets.SingleAsync());
            await db.SaveChangesAsync();
        });
    }
}

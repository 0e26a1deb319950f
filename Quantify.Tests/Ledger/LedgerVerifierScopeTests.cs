using Microsoft.Data.Sqlite;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Ledger;

/// <summary>
/// <c>ledger verify</c> over two estates: what it says when all is well and when it is not, narrowed to an estate or a
/// wallet (only their chains and accounts), a missing chain position, a line booked to another wallet's account, a
/// transaction that no longer sums to zero (whole-ledger check only), a problem in one wallet not hiding another's,
/// and the audit pack's period fingerprint (estate and both end dates). Found by the Ledger mutation run of 2026-12-07.
/// </summary>
public class LedgerVerifierScopeTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private LedgerVerifier verifier = null!;
    private int estateA, estateB, walletA, walletB;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();     // the clock starts on 2026-11-02
        estateA = await w.EstateAsync("Silverleaf");
        estateB = await w.EstateAsync("Oakridge");
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        verifier = new LedgerVerifier(w.Db.Factory);
        walletA = await ledger.EnsureWalletAsync(await w.UnitAsync(estateA, "A101"));
        walletB = await ledger.EnsureWalletAsync(await w.UnitAsync(estateB, "B201"));
        foreach (var (wallet, estate, prefix) in new[] { (walletA, estateA, "a"), (walletB, estateB, "b") })
            for (var i = 1; i <= 3; i++)
                Assert.True((await ledger.PostAsync(Postings.TopUp($"{prefix}{i}", new DateOnly(2026, 10, 9 + (10 * (i - 1))), "EFT deposit", wallet,
                    new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 10m * i }, AccountCode.TrustBank(estate)))).IsSuccess);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task SqlAsync(string sql)
    {
        await using var conn = new SqliteConnection(w.Db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "DROP TRIGGER IF EXISTS TR_LedgerLines_NoUpdate; DROP TRIGGER IF EXISTS TR_LedgerLines_NoDelete; " + sql;
        cmd.Parameters.AddWithValue("$a", walletA);
        cmd.Parameters.AddWithValue("$b", walletB);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task ACleanLedger_SaysWhatWasChecked()
    {
        var all = await verifier.VerifyAsync();
        var one = await verifier.VerifyAsync(walletId: walletA);

        Assert.True(all.IsValid);
        Assert.Equal(2, all.WalletsChecked);
        Assert.Equal(6, all.LinesChecked);
        Assert.Equal($"Ledger verified: 2 wallet chains, 6 chained lines, {all.AccountsChecked} account balances, no problems.", all.Summary);
        Assert.Equal(1, one.WalletsChecked);
        Assert.Equal(3, one.LinesChecked);
        Assert.Equal(Enum.GetValues<Pocket>().Length, one.AccountsChecked); // the wallet's pockets only, not the estates' bank accounts
        Assert.True(all.AccountsChecked > one.AccountsChecked * 2);
    }

    [Fact]
    public async Task NarrowedToAnEstate_OnlyItsWalletsAndAccountsAreChecked()
    {
        await SqlAsync("UPDATE LedgerLines SET Hash = 'x' || Hash WHERE WalletId = $b AND Sequence = 3;");

        var a = await verifier.VerifyAsync(estateId: estateA);
        var b = await verifier.VerifyAsync(estateId: estateB);

        Assert.True(a.IsValid, a.Summary);
        Assert.Equal(1, a.WalletsChecked);
        Assert.Equal(Enum.GetValues<Pocket>().Length, a.AccountsChecked);
        Assert.False(b.IsValid);
        Assert.Equal(1, b.WalletsChecked);
        var problem = Assert.Single(b.Problems);
        Assert.Equal(walletB, problem.WalletId);
        Assert.Equal(3, problem.Sequence);
        Assert.Equal($"Ledger NOT valid: 1 problem; first: {problem.Message}", b.Summary);
    }

    [Fact]
    public async Task AnAmountChangedMidChain_IsOneHashProblem_PlusItsAccountsBalances()
    {
        await SqlAsync("UPDATE LedgerLines SET Amount = '25.00' WHERE WalletId = $a AND Sequence = 2;");

        var result = await verifier.VerifyAsync();

        Assert.Single(result.Problems, p => p.Message.Contains("does not match its hash", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.AccountCode == AccountCode.Wallet(walletA, Pocket.Electricity).ToString() && p.Message.Contains("cached balance", StringComparison.Ordinal));
        var unbalanced = Assert.Single(result.Problems, p => p.Message.EndsWith("does not sum to zero.", StringComparison.Ordinal));
        Assert.Equal("QTX-2026-000002", unbalanced.TransactionNumber);
        Assert.DoesNotContain(result.Problems, p => p.WalletId == walletB);
    }

    [Fact]
    public async Task ATransactionNoLongerSummingToZero_IsFoundByTheWholeLedgerCheck_NotByAWalletCheck()
    {
        // The estate's side of B's first top-up is changed: no wallet chain covers that line.
        await SqlAsync("UPDATE LedgerLines SET Amount = '-11.00' WHERE WalletId IS NULL AND TransactionId = (SELECT TransactionId FROM LedgerLines WHERE WalletId = $b AND Sequence = 1);");

        var all = await verifier.VerifyAsync();
        var wallet = await verifier.VerifyAsync(walletId: walletB);

        var problem = Assert.Single(all.Problems, p => p.Message.EndsWith("does not sum to zero.", StringComparison.Ordinal));
        Assert.Equal("QTX-2026-000004", problem.TransactionNumber);
        Assert.Contains(all.Problems, p => p.AccountCode == AccountCode.TrustBank(estateB).ToString());
        Assert.True(wallet.IsValid, wallet.Summary);
    }

    [Fact]
    public async Task AMissingChainPosition_IsNamed()
    {
        await SqlAsync("UPDATE LedgerLines SET Sequence = 4 WHERE WalletId = $a AND Sequence = 3;");

        var result = await verifier.VerifyAsync(walletId: walletA);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(4, problem.Sequence);
        Assert.Contains($"Wallet {walletA}: expected chain position 3, found 4", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALineChainedToOneWalletButBookedToAnothersAccount_IsNamed()
    {
        await SqlAsync("""
            UPDATE LedgerLines SET AccountId = (SELECT Id FROM LedgerAccounts WHERE WalletId = $b AND Pocket = 'Electricity')
            WHERE WalletId = $a AND Sequence = 2;
            """);

        var result = await verifier.VerifyAsync(walletId: walletA);

        Assert.Contains(result.Problems, p => p.WalletId == walletA && p.Sequence == 2
            && p.Message.Contains("is chained to wallet", StringComparison.Ordinal) && p.Message.Contains("books to another wallet's account", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProblemInOneWallet_DoesNotHideAnotherWalletsRewrittenChainHead()
    {
        await SqlAsync("""
            UPDATE LedgerLines SET Hash = 'x' || Hash WHERE WalletId = $a AND Sequence = 1;
            UPDATE WalletChains SET Head = 'forged' WHERE WalletId = $b;
            """);

        var result = await verifier.VerifyAsync();

        Assert.Contains(result.Problems, p => p.WalletId == walletA);
        Assert.Contains(result.Problems, p => p.WalletId == walletB && p.Message.Contains("the chain head says", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePeriodFingerprint_CoversTheEstatesTransactionsFromTheFirstToTheLastDay_Included()
    {
        // A's top-ups are dated 9, 19 and 29 October; B's the same days.
        var october = await verifier.PeriodAsync(estateA, new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 29));
        var inner = await verifier.PeriodAsync(estateA, new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 28));
        var other = await verifier.PeriodAsync(estateB, new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 29));

        Assert.Equal((3, 6), (october.Transactions, october.Lines));
        Assert.Equal((1, 2), (inner.Transactions, inner.Lines));
        Assert.Equal((3, 6), (other.Transactions, other.Lines));
        Assert.NotEqual(october.Hash, other.Hash);
        Assert.NotEqual(october.Hash, inner.Hash);
    }
}

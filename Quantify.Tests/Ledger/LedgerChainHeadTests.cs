using Microsoft.Data.Sqlite;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Ledger;

/// <summary>
/// <c>ledger verify</c> compares each wallet's stored chain head with the chain it recomputes, so the newest entries
/// cannot be cut off unnoticed (issue 11 item 8, mutant f: removing that check survived, because every tamper test
/// changed a line in the middle, which the per-line hashes catch anyway).
/// </summary>
public class LedgerChainHeadTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private LedgerVerifier verifier = null!;
    private int walletId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        var estateId = await w.EstateAsync();
        var unitId = await w.UnitAsync(estateId);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        verifier = new LedgerVerifier(w.Db.Factory);
        walletId = await ledger.EnsureWalletAsync(unitId);
        foreach (var (key, amount) in new[] { ("pf-1", 100m), ("pf-2", 50m), ("pf-3", 25m) })
            Assert.True((await ledger.PostAsync(new PostingRequest(key, TransactionType.TopUp, w.Today, "Card top-up",
                [new(AccountCode.Wallet(walletId, Pocket.Electricity), amount), new(AccountCode.PayFastClearing, -amount)]))).IsSuccess);
        Assert.True((await verifier.VerifyAsync()).IsValid);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task SqlAsync(string sql)
    {
        await using var conn = new SqliteConnection(w.Db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$w", walletId);
        cmd.Parameters.AddWithValue("$code", AccountCode.Wallet(walletId, Pocket.Electricity).ToString());
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task TheNewestTopUp_DeletedWholeWithBalancesMadeToMatch_IsStillDetectedByTheChainHead()
    {
        // Someone with database access removes the guards and the last R 25 top-up (both its lines and the
        // transaction), then sets the cached balances so every remaining line still adds up.
        await SqlAsync("""
            DROP TRIGGER TR_LedgerLines_NoDelete; DROP TRIGGER TR_LedgerTransactions_NoDelete;
            DELETE FROM LedgerLines WHERE TransactionId = (SELECT TransactionId FROM LedgerLines WHERE WalletId = $w AND Sequence = 3);
            DELETE FROM LedgerTransactions WHERE IdempotencyKey = 'pf-3';
            UPDATE LedgerAccounts SET Balance = '150.00' WHERE Code = $code;
            UPDATE LedgerAccounts SET Balance = '-150.00' WHERE Code = 'payfast-clearing';
            """);

        var result = await verifier.VerifyAsync();

        Assert.False(result.IsValid, result.Summary);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(walletId, problem.WalletId);
        Assert.Contains("the chain head says 3 entries but 2 were found", problem.Message, StringComparison.Ordinal);
        Assert.False((await verifier.VerifyAsync(walletId)).IsValid);
    }

    [Fact]
    public async Task AChainHeadRewritten_WithTheRightLength_IsDetected()
    {
        await SqlAsync("UPDATE WalletChains SET Head = 'f00d' WHERE WalletId = $w;");

        var result = await verifier.VerifyAsync(walletId);

        Assert.False(result.IsValid);
        Assert.Contains("chain head", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChainLengthRewritten_IsDetected()
    {
        await SqlAsync("UPDATE WalletChains SET Length = 2 WHERE WalletId = $w;");

        var result = await verifier.VerifyAsync(walletId);

        Assert.False(result.IsValid);
        Assert.Contains("the chain head says 2 entries but 3 were found", Assert.Single(result.Problems).Message, StringComparison.Ordinal);
    }
}

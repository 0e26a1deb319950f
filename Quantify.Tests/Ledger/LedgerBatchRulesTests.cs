using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Ledger;

/// <summary>
/// The ledger's posting rules as the ingestion batch and every other caller meet them (<see cref="LedgerService"/>):
/// each request of a batch is refused or posted on its own (replay, reused key, duplicate key, unknown account, both
/// months closed), posted ones get consecutive numbers, listeners hear of new wallet postings only, and the wallet
/// helpers (open, pockets, balances, reversal) keep to their unit. Found by the Ledger mutation run of 2026-12-07.
/// </summary>
public class LedgerBatchRulesTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private readonly RecordingListener listener = new();
    private int estateId, unitId, walletId;

    private sealed class RecordingListener : IWalletPostingListener
    {
        public List<int[]> Calls { get; } = [];

        public void WalletsPosted(IReadOnlyCollection<int> walletIds) => Calls.Add([.. walletIds]);
    }

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();     // the clock starts on 2026-11-02
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks(), [listener]);
        walletId = await ledger.EnsureWalletAsync(unitId);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private PostingRequest TopUp(string key, decimal amount, DateOnly? valueDate = null) =>
        Postings.TopUp(key, valueDate ?? w.Today, "EFT deposit", walletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = amount }, AccountCode.Bank);

    private async Task<IReadOnlyList<Quantify.Domain.Common.Result<PostingResult>>> BatchAsync(params PostingRequest[] requests)
    {
        await using var db = w.Db.Create();
        await using var tx = await db.Database.BeginTransactionAsync();
        var results = await ledger.PostBatchInAsync(db, requests, default);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return results;
    }

    private async Task<List<string>> NumbersAsync()
    {
        await using var db = w.Db.Create();
        return await db.LedgerTransactions.OrderBy(t => t.Id).Select(t => t.Number).ToListAsync();
    }

    [Fact]
    public async Task ABatchOfThree_PostsEach_WithConsecutiveNumbers_NotMarkedAsReplays()
    {
        var results = await BatchAsync(TopUp("a", 10m), TopUp("b", 20m), TopUp("c", 30m));

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.All(results, r => Assert.False(r.Value.Replayed));
        Assert.Equal(["QTX-2026-000001", "QTX-2026-000002", "QTX-2026-000003"], results.Select(r => r.Value.Number));
        Assert.Equal(["QTX-2026-000001", "QTX-2026-000002", "QTX-2026-000003"], await NumbersAsync());
        Assert.Equal(60m, (await ledger.BalancesAsync(unitId)).Single(p => p.Pocket == Pocket.Electricity).Balance);
    }

    [Fact]
    public async Task InABatch_AReplayIsFound_AReusedKeyAndADuplicateAreRefused_AndTheRestPost()
    {
        var first = await ledger.PostAsync(TopUp("seen", 10m));
        Assert.True(first.IsSuccess);

        var results = await BatchAsync(TopUp("seen", 10m), TopUp("seen", 99m), TopUp("new", 5m), TopUp("new", 5m));

        Assert.True(results[0].IsSuccess);
        Assert.True(results[0].Value.Replayed);
        Assert.Equal(first.Value.TransactionId, results[0].Value.TransactionId);
        Assert.Equal(first.Value.Number, results[0].Value.Number);
        Assert.Equal("key_reused", results[1].Errors[0].Code);
        Assert.Contains($"already used by {first.Value.Number}", results[1].Errors[0].Message, StringComparison.Ordinal);
        Assert.True(results[2].IsSuccess);
        Assert.False(results[2].Value.Replayed);
        Assert.Equal("duplicate_in_batch", results[3].Errors[0].Code);
        Assert.Contains("'new' appears twice", results[3].Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(15m, (await ledger.BalancesAsync(unitId)).Single(p => p.Pocket == Pocket.Electricity).Balance);
        Assert.Equal(2, (await NumbersAsync()).Count);
    }

    [Fact]
    public async Task InABatch_AnInvalidRequestAndAnUnknownWalletAccount_AreRefused_AndTheOthersPost()
    {
        var unbalanced = new PostingRequest("bad", TransactionType.TopUp, w.Today, "Does not balance",
            [new(AccountCode.Wallet(walletId, Pocket.Electricity), 10m), new(AccountCode.Bank, -9m)]);
        var nowhere = Postings.TopUp("ghost", w.Today, "To a wallet that does not exist", walletId + 100,
            new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 10m }, AccountCode.Bank);

        var results = await BatchAsync(unbalanced, TopUp("good", 7m), nowhere);

        Assert.True(results[0].IsFailure);
        Assert.True(results[1].IsSuccess);
        Assert.Equal("unknown_account", results[2].Errors[0].Code);
        Assert.Contains($"'{AccountCode.Wallet(walletId + 100, Pocket.Electricity)}' does not exist", results[2].Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(["QTX-2026-000001"], await NumbersAsync());
    }

    [Fact]
    public async Task WhenTheItemsMonthAndTheCurrentMonthAreBothClosed_ItIsRefused_NotPosted()
    {
        var periods = new PeriodService(w.Db.Factory, w.Db.Clock);
        Assert.True((await periods.CloseAsync(estateId, 2026, 9)).IsSuccess);
        Assert.True((await periods.CloseAsync(estateId, 2026, 10)).IsSuccess);
        w.Db.Clock.Set(new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero)); // "today" is in closed October

        var results = await BatchAsync(TopUp("sep", 10m, new DateOnly(2026, 9, 5)));

        Assert.Equal("period_closed", results[0].Errors[0].Code);
        Assert.Contains("Both 2026-09 and the current month are closed", results[0].Errors[0].Message, StringComparison.Ordinal);
        Assert.Empty(await NumbersAsync());
    }

    [Fact]
    public async Task TheFirstPostingBetweenAccountsNeverUsed_OpensThemAndBooksToThem()
    {
        // Both accounts open on first use: nothing in the ledger yet has an id the lines could borrow.
        var payout = Postings.PayFastPayout("PO-1", 250m, w.Today, AccountCode.TrustBank(estateId));

        var posted = await ledger.PostAsync(payout);

        Assert.True(posted.IsSuccess, posted.IsFailure ? posted.Errors[0].Message : "");
        await using var db = w.Db.Create();
        var lines = await (from l in db.LedgerLines join a in db.LedgerAccounts on l.AccountId equals a.Id select new { a.Code, l.Amount, a.Balance }).ToListAsync();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(l.Amount, l.Balance));
        Assert.Equal(0m, lines.Sum(l => l.Amount));
        Assert.True((await new LedgerVerifier(w.Db.Factory).VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task ListenersHearOfANewWalletPosting_NotOfAReplay_NorOfAPostingWithoutAWallet()
    {
        var posted = await ledger.PostAsync(TopUp("t1", 10m));
        Assert.False(posted.Value.Replayed);
        Assert.Equal(walletId, Assert.Single(Assert.Single(listener.Calls)));

        var replay = await ledger.PostAsync(TopUp("t1", 10m));
        Assert.True(replay.Value.Replayed);
        Assert.Equal(posted.Value.TransactionId, replay.Value.TransactionId);
        Assert.Equal(10m, replay.Value.Balances[AccountCode.Wallet(walletId, Pocket.Electricity)]);

        Assert.True((await ledger.PostAsync(Postings.PayFastPayout("PO-2", 5m, w.Today, AccountCode.TrustBank(estateId)))).IsSuccess);
        Assert.Single(listener.Calls);
    }

    [Fact]
    public async Task AKeyUsedForOtherContent_IsRefusedByName_AndNothingIsPosted()
    {
        var first = await ledger.PostAsync(TopUp("k", 10m));

        var again = await ledger.PostAsync(TopUp("k", 11m));

        Assert.Equal("key_reused", again.Errors[0].Code);
        Assert.Contains(first.Value.Number, again.Errors[0].Message, StringComparison.Ordinal);
        Assert.Single(await NumbersAsync());
    }

    [Fact]
    public async Task EachUnitGetsItsOwnWallet_AndOpeningItAgainReturnsTheSameOne()
    {
        var other = await w.UnitAsync(estateId, "A102");

        var otherWallet = await ledger.EnsureWalletAsync(other);

        Assert.NotEqual(walletId, otherWallet);
        Assert.Equal(otherWallet, await ledger.EnsureWalletAsync(other));
        Assert.Equal(walletId, await ledger.EnsureWalletAsync(unitId));
    }

    [Fact]
    public async Task BalancesAreListedInPocketOrder_WithEachPocketsSettings()
    {
        Assert.True((await ledger.PostAsync(Postings.TopUp("split", w.Today, "EFT", walletId,
            new Dictionary<Pocket, decimal> { [Pocket.Water] = 30m, [Pocket.Electricity] = 70m }, AccountCode.Bank))).IsSuccess);

        var balances = await ledger.BalancesAsync(unitId);

        Assert.Equal(Enum.GetValues<Pocket>(), balances.Select(b => b.Pocket));
        Assert.Equal(70m, balances.Single(b => b.Pocket == Pocket.Electricity).Balance);
        Assert.Equal(30m, balances.Single(b => b.Pocket == Pocket.Water).Balance);
        Assert.Empty(await ledger.BalancesAsync(unitId + 100));
    }

    [Fact]
    public async Task ReversingATransactionThatDoesNotExist_SaysSo()
    {
        var r = await ledger.ReverseAsync(4242, "typo");

        Assert.Equal("not_found", r.Errors[0].Code);
        Assert.Equal("Transaction #4242 does not exist.", r.Errors[0].Message);
    }

    [Fact]
    public async Task AWalletOpenedBeforeThePocketExisted_GetsTheMissingPocketAndAccount_OnlyOnce_AndOnlyItself()
    {
        var otherUnit = await w.UnitAsync(estateId, "A102");
        var otherWallet = await ledger.EnsureWalletAsync(otherUnit);
        // A wallet from before the levy pocket: its pocket row and account are not there.
        await using (var conn = new SqliteConnection(w.Db.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "DELETE FROM WalletPockets WHERE WalletId = $w AND Pocket = 'Levy'; DELETE FROM LedgerAccounts WHERE Code = $code;";
            cmd.Parameters.AddWithValue("$w", walletId);
            cmd.Parameters.AddWithValue("$code", AccountCode.Wallet(walletId, Pocket.Levy).ToString());
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var db = w.Db.Create())
        {
            await LedgerService.EnsurePocketsInAsync(db, walletId, default);
            await db.SaveChangesAsync();
            await LedgerService.EnsurePocketsInAsync(db, walletId, default);
            await db.SaveChangesAsync();
        }

        await using var check = w.Db.Create();
        Assert.Equal(Enum.GetValues<Pocket>().Length, await check.WalletPockets.CountAsync(p => p.WalletId == walletId));
        Assert.Equal(Enum.GetValues<Pocket>().Length, await check.LedgerAccounts.CountAsync(a => a.WalletId == walletId));
        Assert.Equal(1, await check.LedgerAccounts.CountAsync(a => a.Code == AccountCode.Wallet(walletId, Pocket.Levy).ToString()));
        Assert.Equal(Enum.GetValues<Pocket>().Length, await check.LedgerAccounts.CountAsync(a => a.WalletId == otherWallet));
    }
}

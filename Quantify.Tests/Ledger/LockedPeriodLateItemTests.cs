using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Ledger;

/// <summary>
/// A late item dated in a locked month is posted into the open month with its original date kept, exactly as one dated
/// in a closed month (issue 11 item 8, mutant e: treating only Closed as "not open" survived, since the late-item test
/// used a closed month and the locked-month test only tried to reopen it).
/// </summary>
public class LockedPeriodLateItemTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private PeriodService periods = null!;
    private int estateId, walletId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync(); // the clock starts on 2026-11-02
        estateId = await w.EstateAsync();
        var unit = await w.UnitAsync(estateId);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        periods = new PeriodService(w.Db.Factory, w.Db.Clock);
        walletId = await ledger.EnsureWalletAsync(unit);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private PostingRequest TopUp(string key, decimal amount, DateOnly valueDate) =>
        new(key, TransactionType.TopUp, valueDate, "EFT deposit", [new(AccountCode.Wallet(walletId, Pocket.Electricity), amount), new(AccountCode.Bank, -amount)]);

    private async Task<LedgerTransaction> TransactionAsync(long id)
    {
        await using var db = w.Db.Create();
        return await db.LedgerTransactions.AsNoTracking().SingleAsync(t => t.Id == id);
    }

    [Fact]
    public async Task ALateItemDatedInALockedMonth_PostsIntoTheOpenMonth_WithItsOriginalDate()
    {
        Assert.True((await ledger.PostAsync(TopUp("oct-1", 100m, new DateOnly(2026, 10, 20)))).IsSuccess);
        Assert.True((await periods.CloseAsync(estateId, 2026, 10)).IsSuccess);
        Assert.True((await periods.LockAsync(estateId, 2026, 10)).IsSuccess);
        Assert.Equal(PeriodStatus.Locked, Assert.Single(await periods.ListAsync(estateId)).Status);

        var late = await ledger.PostAsync(TopUp("oct-late", 40m, new DateOnly(2026, 10, 28)));

        Assert.True(late.IsSuccess, late.IsFailure ? late.Describe() : null);
        var t = await TransactionAsync(late.Value.TransactionId);
        Assert.Equal(new DateOnly(2026, 11, 2), t.ValueDate);
        Assert.Equal(new DateOnly(2026, 10, 28), t.OriginalValueDate);
        Assert.Contains("late item dated 2026-10-28", t.Description, StringComparison.Ordinal);
        Assert.Equal(140m, (await ledger.BalancesAsync(await UnitOfWalletAsync())).Single(b => b.Pocket == Pocket.Electricity).Balance);
    }

    [Fact]
    public async Task AnItemDatedInTheOpenMonth_KeepsItsDate_AndHasNoOriginalDate()
    {
        await periods.CloseAsync(estateId, 2026, 10);
        await periods.LockAsync(estateId, 2026, 10);

        var onTime = await ledger.PostAsync(TopUp("nov-1", 10m, new DateOnly(2026, 11, 1)));

        var t = await TransactionAsync(onTime.Value.TransactionId);
        Assert.Equal(new DateOnly(2026, 11, 1), t.ValueDate);
        Assert.Null(t.OriginalValueDate);
        Assert.Equal("EFT deposit", t.Description);
    }

    [Fact]
    public async Task ALateItemForALockedMonth_MovesToTheMonthThatIsOpenToday_NotTheNextOne()
    {
        // October locked, November closed a month later: an October item found in December lands in December.
        await periods.CloseAsync(estateId, 2026, 10);
        await periods.LockAsync(estateId, 2026, 10);
        w.Db.Clock.Set(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        Assert.True((await periods.CloseAsync(estateId, 2026, 11)).IsSuccess);

        var late = await ledger.PostAsync(TopUp("oct-very-late", 25m, new DateOnly(2026, 10, 5)));
        var alsoLate = await ledger.PostAsync(TopUp("nov-late", 5m, new DateOnly(2026, 11, 30)));

        var a = await TransactionAsync(late.Value.TransactionId);
        var b = await TransactionAsync(alsoLate.Value.TransactionId);
        Assert.Equal((new DateOnly(2026, 12, 3), new DateOnly(2026, 10, 5)), (a.ValueDate, a.OriginalValueDate));
        Assert.Equal((new DateOnly(2026, 12, 3), new DateOnly(2026, 11, 30)), (b.ValueDate, b.OriginalValueDate));
    }

    private async Task<int> UnitOfWalletAsync()
    {
        await using var db = w.Db.Create();
        return await db.Wallets.Where(x => x.Id == walletId).Select(x => x.UnitId).SingleAsync();
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Ledger;

public class PeriodTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private PeriodService periods = null!;
    private int estateId, walletId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();     // the clock starts on 2026-11-02
        estateId = await w.EstateAsync();
        var unit = await w.UnitAsync(estateId);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        periods = new PeriodService(w.Db.Factory, w.Db.Clock);
        walletId = await ledger.EnsureWalletAsync(unit);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private PostingRequest TopUp(string key, decimal amount, DateOnly valueDate) =>
        new(key, TransactionType.TopUp, valueDate, "EFT deposit", [new(AccountCode.Wallet(walletId, Pocket.Electricity), amount), new(AccountCode.Bank, -amount)]);

    [Fact]
    public async Task AMonthCannotBeClosedBeforeItEnds()
    {
        var r = await periods.CloseAsync(estateId, 2026, 11);
        Assert.Contains("has not ended yet", r.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClosingSnapshotsBalances_AndALateItemPostsIntoTheOpenMonth_WithItsOriginalDate()
    {
        Assert.True((await ledger.PostAsync(TopUp("oct-1", 100m, new DateOnly(2026, 10, 20)))).IsSuccess);
        Assert.True((await periods.CloseAsync(estateId, 2026, 10)).IsSuccess);
        var row = Assert.Single(await periods.ListAsync(estateId));
        Assert.Equal(PeriodStatus.Closed, row.Status);
        Assert.True(row.Snapshots >= 5);

        var late = await ledger.PostAsync(TopUp("oct-late", 40m, new DateOnly(2026, 10, 28)));
        Assert.True(late.IsSuccess);
        await using var db = w.Db.Create();
        var t = await db.LedgerTransactions.SingleAsync(x => x.Id == late.Value.TransactionId);
        Assert.Equal(new DateOnly(2026, 11, 2), t.ValueDate);
        Assert.Equal(new DateOnly(2026, 10, 28), t.OriginalValueDate);
        Assert.Contains("late item dated 2026-10-28", t.Description, StringComparison.Ordinal);
        var snapshot = await db.PeriodBalances.Join(db.LedgerAccounts, b => b.AccountId, a => a.Id, (b, a) => new { a.Code, b.Balance })
            .SingleAsync(x => x.Code == AccountCode.Wallet(walletId, Pocket.Electricity).ToString());
        Assert.Equal(100m, snapshot.Balance);
    }

    [Fact]
    public async Task TheDatabaseItselfRefusesAnInsertIntoAClosedMonth()
    {
        await periods.CloseAsync(estateId, 2026, 10);
        await using var conn = new SqliteConnection(w.Db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = "INSERT INTO LedgerTransactions (Number, Type, ValueDate, PostedAt, Description, IdempotencyKey, ContentHash, EstateId) VALUES ('X-1', 'Adjustment', '2026-10-15', 0, 'sneaky', 'k', 'h', $e)";
        cmd.Parameters.AddWithValue("$e", estateId);
        var ex = await Assert.ThrowsAsync<SqliteException>(() => cmd.ExecuteNonQueryAsync());
        Assert.Contains("closed or locked financial period", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClosedMonthReopensWithAReason_ALockedMonthNever()
    {
        await periods.CloseAsync(estateId, 2026, 10);
        Assert.Equal("reason_required", (await periods.ReopenAsync(estateId, 2026, 10, " ")).Errors[0].Code);
        Assert.True((await periods.ReopenAsync(estateId, 2026, 10, "bank statement arrived late")).IsSuccess);
        Assert.True((await ledger.PostAsync(TopUp("oct-2", 10m, new DateOnly(2026, 10, 30)))).IsSuccess);
        await periods.CloseAsync(estateId, 2026, 10);
        Assert.True((await periods.LockAsync(estateId, 2026, 10)).IsSuccess);
        var reopen = await periods.ReopenAsync(estateId, 2026, 10, "again");
        Assert.Contains("can never be reopened", reopen.Errors[0].Message, StringComparison.Ordinal);
        await using var db = w.Db.Create();
        Assert.Contains(await db.AuditEntries.Where(a => a.EntityType == "FinancialPeriod").Select(a => a.ChangesJson).ToListAsync(),
            j => j.Contains("bank statement arrived late", StringComparison.Ordinal));
    }
}

public class WalletSettingsTests
{
    [Fact]
    public async Task PocketSettings_AreValidated_Versioned_AndSuspensionNeedsAReason()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        var unit = await w.UnitAsync(await w.EstateAsync());
        var ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        await ledger.EnsureWalletAsync(unit);
        var settings = new WalletSettingsService(w.Db.Factory);
        var water = (await ledger.BalancesAsync(unit)).Single(p => p.Pocket == Pocket.Water);
        Assert.Equal(20m, water.MinimumActivationAmount);
        Assert.Equal(200m, water.CreditLimit);
        Assert.Equal("CreditLimit", (await settings.ConfigureAsync(unit, Pocket.Water, 50m, 20m, -1m)).Errors[0].Field);
        w.Db.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True((await settings.ConfigureAsync(unit, Pocket.Water, 75m, 30m, 300m)).IsSuccess);
        Assert.Equal(300m, (await ledger.BalancesAsync(unit)).Single(p => p.Pocket == Pocket.Water).CreditLimit);
        Assert.Equal("reason_required", (await settings.SuspendAsync(unit, Pocket.Electricity, "")).Errors[0].Code);
        Assert.True((await settings.SuspendAsync(unit, Pocket.Electricity, "Meter tampered")).IsSuccess);
        Assert.True((await ledger.BalancesAsync(unit)).Single(p => p.Pocket == Pocket.Electricity).IsSuspended);
        await using var db = w.Db.Create();
        var pocketId = await db.WalletPockets.Where(p => p.Pocket == Pocket.Water).Select(p => p.Id).SingleAsync();
        var versions = await new Quantify.Web.Data.Temporal.HistoryService(w.Db.Factory).VersionsAsync<WalletPocket>(pocketId);
        Assert.Equal([200m, 300m], versions.Select(v => v.Row.CreditLimit));
    }
}

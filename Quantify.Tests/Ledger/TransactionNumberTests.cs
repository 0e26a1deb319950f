using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Tests.Schema;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Ledger;

/// <summary>Transaction numbers come from a per-year counter in the database: readable, consecutive, never shared.</summary>
public partial class TransactionNumberTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private int walletId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        var estateId = await w.EstateAsync();
        var unitId = await w.UnitAsync(estateId);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private PostingRequest TopUp(string key, decimal amount) =>
        new(key, TransactionType.TopUp, w.Today, "Card top-up", [new(AccountCode.Wallet(walletId, Pocket.Electricity), amount), new(AccountCode.PayFastClearing, -amount)]);

    private int Year => w.Db.Clock.GetUtcNow().UtcDateTime.Year;

    [Fact]
    public async Task Postings_AreNumberedConsecutively_WithTheYear()
    {
        var numbers = new List<string>();
        for (var i = 1; i <= 3; i++) numbers.Add((await ledger.PostAsync(TopUp($"pf-{i}", 10m * i))).Value.Number);
        Assert.Equal([$"QTX-{Year}-000001", $"QTX-{Year}-000002", $"QTX-{Year}-000003"], numbers);
        Assert.Equal(numbers[1], (await ledger.PostAsync(TopUp("pf-2", 20m))).Value.Number); // a replay keeps its number and takes none
        Assert.Equal($"QTX-{Year}-000004", (await ledger.PostAsync(TopUp("pf-4", 5m))).Value.Number);
        Assert.True((await new LedgerVerifier(w.Db.Factory).VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task ConcurrentWriters_OnSeparateConnections_NeverShareANumber()
    {
        var tasks = Enumerable.Range(0, 12).Select(async _ =>
        {
            await using var db = w.Db.Create();
            await using var tx = await db.Database.BeginTransactionAsync();
            var got = await TransactionNumbers.AllocateAsync(db, Year, 5, default);
            await tx.CommitAsync();
            return got;
        });
        var all = (await Task.WhenAll(tasks)).SelectMany(x => x).ToList();
        Assert.Equal(60, all.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 60).Select(i => TransactionNumbers.Format(Year, i)).Order(), all.Order());
    }

    [Fact]
    public async Task ARolledBackPosting_GivesItsNumbersBack()
    {
        await using (var db = w.Db.Create())
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            Assert.Equal([$"QTX-{Year}-000001", $"QTX-{Year}-000002"], await TransactionNumbers.AllocateAsync(db, Year, 2, default));
            await tx.RollbackAsync();
        }
        Assert.Equal($"QTX-{Year}-000001", (await ledger.PostAsync(TopUp("pf-after-rollback", 10m))).Value.Number);
    }

    [Fact]
    public async Task EachYear_HasItsOwnCounter()
    {
        await using var db = w.Db.Create();
        Assert.Equal(["QTX-2026-000001"], await TransactionNumbers.AllocateAsync(db, 2026, 1, default));
        Assert.Equal(["QTX-2027-000001", "QTX-2027-000002"], await TransactionNumbers.AllocateAsync(db, 2027, 2, default));
        Assert.Equal(["QTX-2026-000002"], await TransactionNumbers.AllocateAsync(db, 2026, 1, default));
        Assert.Equal(2, await db.TransactionNumberSequences.CountAsync());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(999_999)]
    [InlineData(1_000_000)]
    [InlineData(4_294_967_295)]
    public void NewNumbers_CanNeverEqualAnOldRandomNumber(long sequence)
    {
        // Before the counter, numbers were the posting day and 4 random bytes (QTX-261206-1A2B3C4D); those rows keep them
        // (each number is hashed into its wallet chain). The two shapes cannot meet, and a new number fits the column.
        var number = TransactionNumbers.Format(2026, sequence);
        Assert.DoesNotMatch(OldNumber(), number);
        Assert.Matches(NewNumber(), number);
        Assert.True(number.Length <= 32);
    }

    [Fact]
    public void TheSqlServerAllocation_ParsesAsTsql()
    {
        var errors = TsqlText.Parse(TransactionNumbers.SqlServerAllocate, out _);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(TsqlText.Describe)));
    }

    [Fact]
    public void AnInvalidTsqlAllocation_WouldBeCaught()
    {
        var broken = TransactionNumbers.SqlServerAllocate.Replace("WHEN MATCHED", "WHEN MATCH", StringComparison.Ordinal);
        Assert.NotEmpty(TsqlText.Parse(broken, out _));
    }

    [GeneratedRegex("^QTX-[0-9]{6}-[0-9A-F]{8}$")]
    private static partial Regex OldNumber();

    [GeneratedRegex("^QTX-[0-9]{4}-[0-9]{6,}$")]
    private static partial Regex NewNumber();
}

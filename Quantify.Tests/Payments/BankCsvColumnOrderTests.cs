using Microsoft.EntityFrameworkCore;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;
using Quantify.Web.Identity;

namespace Quantify.Tests.Payments;

/// <summary>
/// Issue 14, bad input: a bank statement CSV whose columns come in another order is read by its header names (the same
/// deposits land), and one that lacks a mapped column is refused naming the column, with nothing recorded.
/// </summary>
public class BankCsvColumnOrderTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private EftService eft = null!;
    private int estateId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync("Silver Leaf");
        await w.UnitAsync(estateId, "A101"); // payment reference SL-A101
        eft = new EftService(w.Db.Factory, new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks()), w.Db.Clock);
        await using var db = w.Db.Create();
        db.Users.Add(new ApplicationUser { Id = "maker", UserName = "maker", Email = "maker@x.co.za", DisplayName = "maker", SecurityStamp = "s" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<List<(string, decimal, DateOnly, string)>> DepositsAsync()
    {
        await using var db = w.Db.Create();
        return (await db.BankDeposits.AsNoTracking().OrderBy(d => d.BankLineId).Select(d => new { d.BankLineId, d.Amount, d.DepositDate, d.Reference }).ToListAsync())
            .Select(d => (d.BankLineId, d.Amount, d.DepositDate, d.Reference)).ToList();
    }

    [Fact]
    public async Task ColumnsInAnotherOrder_LandTheSameDeposits_AsTheUsualOrder()
    {
        const string usual = "Date,Amount,Reference,Bank Ref\n2026-11-01,150.00,SL-A101,B-1\n2026-11-02,75.25,SL-A101,B-2\n";
        const string reordered = "Bank Ref,Reference,Amount,Date\nB-1,SL-A101,150.00,2026-11-01\nB-2,SL-A101,75.25,2026-11-02\n";

        var first = await eft.ImportCsvAsync(estateId, reordered, "Date", "Amount", "Reference", "Bank Ref", "maker");

        Assert.Equal((2, 0), (first.Added, first.RowErrors.Count));
        Assert.Equal([("B-1", 150.00m, new DateOnly(2026, 11, 1), "SL-A101"), ("B-2", 75.25m, new DateOnly(2026, 11, 2), "SL-A101")], await DepositsAsync());
        var again = await eft.ImportCsvAsync(estateId, usual, "Date", "Amount", "Reference", "Bank Ref", "maker");
        Assert.Equal((0, 2), (again.Added, again.Duplicates)); // the same bank lines, whatever the column order
    }

    [Fact]
    public async Task AReorderedFileWithoutAMappedColumn_IsRefusedNamingTheColumn_AndNothingIsRecorded()
    {
        const string csv = "Bank Ref,Amount,Date\nB-1,150.00,2026-11-01\n";

        var r = await eft.ImportCsvAsync(estateId, csv, "Date", "Amount", "Reference", "Bank Ref", "maker");

        Assert.Equal(0, r.Added);
        Assert.StartsWith("Column not found in the header: Reference", Assert.Single(r.RowErrors), StringComparison.Ordinal);
        Assert.Empty(await DepositsAsync());
    }
}

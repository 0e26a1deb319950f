using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;
using Quantify.Web.Identity;

namespace Quantify.Tests.Payments;

public class EftTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private EftService eft = null!;
    private LedgerService ledger = null!;
    private int estateId, unitId;
    private string maker = "", checker = "";

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync("Silver Leaf");
        unitId = await w.UnitAsync(estateId, "A101");      // payment reference SL-A101
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        eft = new EftService(w.Db.Factory, ledger, w.Db.Clock);
        await using var db = w.Db.Create();
        foreach (var name in new[] { "maker", "checker" })
            db.Users.Add(new ApplicationUser { Id = name, UserName = name, Email = $"{name}@x.co.za", DisplayName = name, SecurityStamp = "s" });
        await db.SaveChangesAsync();
        (maker, checker) = ("maker", "checker");
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<decimal> Electricity() => (await ledger.BalancesAsync(unitId)).Single(b => b.Pocket == Pocket.Electricity).Balance;

    [Fact]
    public async Task ADepositMatchedByReference_IsCreditedOnlyAfterASecondPersonApproves()
    {
        var id = (await eft.RecordAsync(estateId, "sl a101", 500m, w.Today, "STMT-1", maker)).Value;
        Assert.Equal(0m, (await ledger.BalancesAsync(unitId)).Sum(b => b.Balance));
        var own = await eft.ApproveAsync(id, maker);
        Assert.Equal("You recorded this deposit: a second person must approve it.", own.Errors[0].Message);
        Assert.True((await eft.ApproveAsync(id, checker)).IsSuccess);
        // The estate's default rule: 80 % electricity, the rest water.
        Assert.Equal(400m, await Electricity());
        Assert.Equal(100m, (await ledger.BalancesAsync(unitId)).Single(b => b.Pocket == Pocket.Water).Balance);
        Assert.Equal("not_awaiting", (await eft.ApproveAsync(id, checker)).Errors[0].Code);
        Assert.Equal(400m, await Electricity());
    }

    [Fact]
    public async Task AnUnknownReference_WaitsInTheUnmatchedQueue_UntilAssigned()
    {
        var id = (await eft.RecordAsync(estateId, "RENT JUNE", 250m, w.Today, "STMT-2", maker)).Value;
        var queued = Assert.Single(await eft.ListAsync(estateId, DepositStatus.Unmatched));
        Assert.Contains("No unit has payment reference 'RENT JUNE'", queued.Note, StringComparison.Ordinal);
        Assert.Equal("not_awaiting", (await eft.ApproveAsync(id, checker)).Errors[0].Code);
        Assert.True((await eft.AssignAsync(id, unitId)).IsSuccess);
        Assert.True((await eft.ApproveAsync(id, checker)).IsSuccess);
        Assert.Equal(250m, (await ledger.BalancesAsync(unitId)).Sum(b => b.Balance));
    }

    [Fact]
    public async Task ZeroOrNegativeDeposits_AndDoubleCapture_AreRefused()
    {
        Assert.Equal("Amount", (await eft.RecordAsync(estateId, "SL-A101", 0m, w.Today, "S-0", maker)).Errors[0].Field);
        Assert.Equal("Amount", (await eft.RecordAsync(estateId, "SL-A101", -5m, w.Today, "S-1", maker)).Errors[0].Field);
        Assert.True((await eft.RecordAsync(estateId, "SL-A101", 5m, w.Today, "S-2", maker)).IsSuccess);
        Assert.Contains("already recorded", (await eft.RecordAsync(estateId, "SL-A101", 5m, w.Today, "S-2", maker)).Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatementCsv_WithAColumnMapping_LandsGoodRows_ReportsBadOnes_AndIgnoresRepeats()
    {
        const string csv = "Date,Description,Amount,Bank Ref\n2026-11-01,SL-A101,150.00,B-1\n2026-11-01,SL-A101,lots,B-2\nnot-a-date,SL-A101,10,B-3\n2026-11-02,UNKNOWN,75.50,B-4\n";
        var first = await eft.ImportCsvAsync(estateId, csv, "Date", "Amount", "Description", "Bank Ref", maker);
        Assert.Equal(2, first.Added);
        Assert.Equal(["Line 3, Amount: 'lots' is not an amount.", "Line 4, Date: 'not-a-date' is not a date (use yyyy-mm-dd)."], first.RowErrors);
        var again = await eft.ImportCsvAsync(estateId, csv, "Date", "Amount", "Description", "Bank Ref", maker);
        Assert.Equal(0, again.Added);
        Assert.Equal(2, again.Duplicates);
        var wrong = await eft.ImportCsvAsync(estateId, csv, "When", "Amount", "Description", "Bank Ref", maker);
        Assert.Contains("Column not found in the header: When", wrong.RowErrors[0], StringComparison.Ordinal);
        await using var db = w.Db.Create();
        Assert.Equal(2, await db.BankDeposits.CountAsync());
    }
}

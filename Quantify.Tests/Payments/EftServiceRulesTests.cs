using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;
using Quantify.Web.Identity;

namespace Quantify.Tests.Payments;

/// <summary>
/// Manual EFT rule by rule: what a deposit must carry, how a payer's reference finds the unit, what the statement import
/// says about each bad line, who may assign and approve, and what the agent's list shows. Each message is pinned.
/// </summary>
public class EftServiceRulesTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private EftService eft = null!;
    private LedgerService ledger = null!;
    private int estateId, otherEstateId, unitId, otherUnitId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync("Silver Leaf");
        otherEstateId = await w.EstateAsync("Harbour");
        unitId = await w.UnitAsync(estateId, "A101");            // payment reference SL-A101
        otherUnitId = await w.UnitAsync(otherEstateId, "B202");
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        eft = new EftService(w.Db.Factory, ledger, w.Db.Clock);
        await using var db = w.Db.Create();
        foreach (var name in new[] { "maker", "checker" })
            db.Users.Add(new ApplicationUser { Id = name, UserName = name, Email = $"{name}@x.co.za", DisplayName = name, SecurityStamp = "s" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<string> ReferenceOfAsync(int unit)
    {
        await using var db = w.Db.Create();
        return await db.Units.Where(u => u.Id == unit).Select(u => u.PaymentReference).SingleAsync();
    }

    [Theory]
    [InlineData("SL-A101")]
    [InlineData("sl a101")]
    [InlineData(" SL/A-101 ")]
    [InlineData("sla101")]
    public async Task AReference_MatchesItsUnit_WhateverTheCaseSpacesAndPunctuation(string written)
    {
        Assert.Equal("SL-A101", await ReferenceOfAsync(unitId));
        var id = (await eft.RecordAsync(estateId, written, 120m, w.Today, "L-1", "maker")).Value;

        var row = Assert.Single(await eft.ListAsync(estateId, DepositStatus.AwaitingApproval));
        Assert.Equal(id, row.Id);
        Assert.Equal("A101", row.UnitNumber);
        Assert.Equal(written.Trim(), row.Reference);
        Assert.Null(row.Note);
        Assert.Empty(await eft.ListAsync(estateId, DepositStatus.Unmatched));
    }

    [Fact]
    public async Task AReferenceOfAnotherEstatesUnit_IsNotMatchedHere()
    {
        var otherReference = await ReferenceOfAsync(otherUnitId);
        await eft.RecordAsync(estateId, otherReference, 120m, w.Today, "L-2", "maker");

        var row = Assert.Single(await eft.ListAsync(estateId, null));
        Assert.Equal(DepositStatus.Unmatched, row.Status);
        Assert.Null(row.UnitNumber);
        Assert.Equal($"No unit has payment reference '{otherReference}'.", row.Note);
        Assert.Empty(await eft.ListAsync(otherEstateId, null));
    }

    [Fact]
    public async Task ADepositNeedsWholeCentsAboveZero_AndTheBanksLineId()
    {
        var zero = await eft.RecordAsync(estateId, "SL-A101", 0m, w.Today, "L-0", "maker");
        Assert.Equal("bad_amount", zero.Errors[0].Code);
        Assert.StartsWith("A deposit must be more than R 0,00; this one is ", zero.Errors[0].Message, StringComparison.Ordinal);
        var fraction = await eft.RecordAsync(estateId, "SL-A101", 10.005m, w.Today, "L-1", "maker");
        Assert.Equal(("bad_amount", "Amounts are whole cents.", "Amount"), (fraction.Errors[0].Code, fraction.Errors[0].Message, fraction.Errors[0].Field));
        Assert.True((await eft.RecordAsync(estateId, "SL-A101", 0.01m, w.Today, "L-2", "maker")).IsSuccess);
        foreach (var blank in new[] { "", "   " })
        {
            var noId = await eft.RecordAsync(estateId, "SL-A101", 10m, w.Today, blank, "maker");
            Assert.Equal(("no_bank_id", "Each deposit needs the bank statement's line id (to avoid double capture).", "BankLineId"),
                (noId.Errors[0].Code, noId.Errors[0].Message, noId.Errors[0].Field));
        }
        var twice = await eft.RecordAsync(estateId, "SL-A101", 10m, w.Today, "L-2", "maker");
        Assert.Equal(("duplicate", "Bank line 'L-2' was already recorded.", "BankLineId"), (twice.Errors[0].Code, twice.Errors[0].Message, twice.Errors[0].Field));
        await using var db = w.Db.Create();
        var stored = await db.BankDeposits.SingleAsync();
        Assert.Equal((0.01m, "L-2", "maker", w.Today, w.Db.Clock.GetUtcNow()), (stored.Amount, stored.BankLineId, stored.RecordedById, stored.DepositDate, stored.RecordedAt));
    }

    [Fact]
    public async Task Assigning_OnlyAnUnmatchedDeposit_ToAnActiveUnitOfItsOwnEstate()
    {
        var unmatched = (await eft.RecordAsync(estateId, "RENT", 80m, w.Today, "L-1", "maker")).Value;
        var matched = (await eft.RecordAsync(estateId, "SL-A101", 80m, w.Today, "L-2", "maker")).Value;

        var missing = await eft.AssignAsync(999_999, unitId);
        Assert.Equal(("not_found", "Deposit #999999 does not exist."), (missing.Errors[0].Code, missing.Errors[0].Message));
        var already = await eft.AssignAsync(matched, unitId);
        Assert.Equal(("not_unmatched", "Only an unmatched deposit can be assigned to a unit."), (already.Errors[0].Code, already.Errors[0].Message));
        var foreign = await eft.AssignAsync(unmatched, otherUnitId);
        Assert.Equal(("unknown_unit", "That unit is not an active unit of the deposit's estate.", "UnitId"), (foreign.Errors[0].Code, foreign.Errors[0].Message, foreign.Errors[0].Field));
        Assert.Single(await eft.ListAsync(estateId, DepositStatus.Unmatched));

        Assert.True((await eft.AssignAsync(unmatched, unitId)).IsSuccess);
        Assert.Empty(await eft.ListAsync(estateId, DepositStatus.Unmatched));
        Assert.Equal(2, (await eft.ListAsync(estateId, DepositStatus.AwaitingApproval)).Count);
    }

    [Fact]
    public async Task Approving_AnUnknownDeposit_IsRefused_AndAnApprovalIsRecordedWithItsTransaction()
    {
        var missing = await eft.ApproveAsync(424242, "checker");
        Assert.Equal(("not_found", "Deposit #424242 does not exist."), (missing.Errors[0].Code, missing.Errors[0].Message));

        var id = (await eft.RecordAsync(estateId, "SL-A101", 200m, w.Today, "L-9", "maker")).Value;
        var own = await eft.ApproveAsync(id, "maker");
        Assert.Equal("same_person", own.Errors[0].Code);
        Assert.True((await eft.ApproveAsync(id, "checker")).IsSuccess);
        var again = await eft.ApproveAsync(id, "checker");
        Assert.Equal(("not_awaiting", $"Deposit #{id} is Approved, not awaiting approval."), (again.Errors[0].Code, again.Errors[0].Message));

        await using var db = w.Db.Create();
        var d = await db.BankDeposits.SingleAsync();
        Assert.Equal((DepositStatus.Approved, "checker", w.Db.Clock.GetUtcNow()), (d.Status, d.ApprovedById, d.ApprovedAt));
        Assert.NotNull(d.LedgerTransactionId);
        Assert.True(await db.LedgerTransactions.AnyAsync(t => t.Id == d.LedgerTransactionId));
        Assert.Equal(200m, (await ledger.BalancesAsync(unitId)).Sum(b => b.Balance));
        Assert.Single(await eft.ListAsync(estateId, DepositStatus.Approved));
        Assert.Empty(await eft.ListAsync(estateId, DepositStatus.AwaitingApproval));
    }

    [Fact]
    public async Task StatementImport_ExplainsEachProblem_ByLineAndColumn()
    {
        Assert.Equal(["The file is empty."], (await eft.ImportCsvAsync(estateId, "", "Date", "Amount", "Ref", "Id", "maker")).RowErrors);
        Assert.Equal(["The file is empty."], (await eft.ImportCsvAsync(estateId, "\r\n\n", "Date", "Amount", "Ref", "Id", "maker")).RowErrors);

        var noColumns = await eft.ImportCsvAsync(estateId, "Date,Amount\n2026-11-01,10\n", "date", "AMOUNT", "Ref", "Id", "maker");
        Assert.Equal(["Columns not found in the header: Ref, Id. The header is: Date, Amount."], noColumns.RowErrors);

        const string csv = "\"Date\",\"Amount\",\"Ref\",\"Id\"\r\n" +
            "\"2026-11-01\",\"100.00\",\"SL-A101\",\"B-1\"\r\n" +
            "2026-11-01,50\r\n" +
            "2026-11-02,1.50,SL-A101,B-2,extra\r\n" +
            "2026-11-03, 20.00 , sl a101 , B-3 \r\n" +
            "2026-11-03,20.00,SL-A101,B-3\r\n" +
            "2026-11-04,0,SL-A101,B-4\r\n";
        var result = await eft.ImportCsvAsync(estateId, csv, "DATE", "amount", "ref", "ID", "maker");

        Assert.Equal(3, result.Added); // B-1, B-2 (an extra trailing cell is ignored), B-3
        Assert.Equal(1, result.Duplicates);
        Assert.Equal(2, result.RowErrors.Count);
        Assert.Equal("Line 3: 2 columns, expected 4.", result.RowErrors[0]);
        Assert.StartsWith("Line 7: Amount: A deposit must be more than R 0,00", result.RowErrors[1], StringComparison.Ordinal);
        await using var db = w.Db.Create();
        var b3 = await db.BankDeposits.SingleAsync(d => d.BankLineId == "B-3");
        Assert.Equal((20.00m, new DateOnly(2026, 11, 3), unitId, "sl a101"), (b3.Amount, b3.DepositDate, b3.UnitId, b3.Reference));
    }
}

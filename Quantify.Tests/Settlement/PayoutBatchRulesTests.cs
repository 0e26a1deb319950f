using System.Text;
using Quantify.Domain.Metering;
using Quantify.Domain.Settlement;

namespace Quantify.Tests.Settlement;

/// <summary>Maker-checker on payout batches, and the bank files, without a database.</summary>
public class PayoutBatchRulesTests
{
    private static SettlementRun Run() => new(7, 2026, 10, DateTimeOffset.UnixEpoch, "maker",
        [new SettlementLine(3, Utility.Electricity, SettlementLineKind.PercentOfRevenue, "commission", 750m),
         new SettlementLine(2, Utility.Electricity, SettlementLineKind.Remainder, "shortfall", -20m)],
        [("estate:7:revenue:electricity", 730m)]);

    [Fact]
    public void ADraft_PaysOnlyPayeesOwedSomething()
    {
        var batch = PayoutBatch.Draft(Run(), new Dictionary<int, string> { [3] = "OPS-SLF" }, "maker", DateTimeOffset.UnixEpoch).Value;
        var line = Assert.Single(batch.Lines);
        Assert.Equal((3, 750m, "OPS-SLF"), (line.PayeeId, line.Amount, line.Reference));
    }

    [Fact]
    public void TheMaker_CannotApproveTheirOwnBatch_AnotherAdminCan()
    {
        var batch = PayoutBatch.Draft(Run(), new Dictionary<int, string>(), "maker", DateTimeOffset.UnixEpoch).Value;

        var own = batch.Approve("maker", DateTimeOffset.UnixEpoch);
        Assert.Equal(("same_admin", "ApprovedById"), (own.Errors[0].Code, own.Errors[0].Field));
        Assert.Equal(PayoutBatchStatus.Draft, batch.Status);

        Assert.True(batch.Approve("checker", DateTimeOffset.UnixEpoch).IsSuccess);
        Assert.Equal(PayoutBatchStatus.Approved, batch.Status);
    }

    [Fact]
    public void AnApprovedBatch_CannotBeEdited()
    {
        var batch = PayoutBatch.Draft(Run(), new Dictionary<int, string>(), "maker", DateTimeOffset.UnixEpoch).Value;
        var lineId = batch.Lines[0].Id;
        Assert.True(batch.EditLine(lineId, 700m, "DISPUTED").IsSuccess);
        batch.Approve("checker", DateTimeOffset.UnixEpoch);

        var edit = batch.EditLine(lineId, 1m, "CHANGED");

        Assert.Equal(("not_draft", "Status"), (edit.Errors[0].Code, edit.Errors[0].Field));
        Assert.Equal((700m, "DISPUTED"), (batch.Lines[0].Amount, batch.Lines[0].Reference));
    }

    [Fact]
    public void ADraftLine_CannotPayMoreThanOwed_NorUnpaidWithoutApproval()
    {
        var batch = PayoutBatch.Draft(Run(), new Dictionary<int, string>(), "maker", DateTimeOffset.UnixEpoch).Value;
        var over = batch.EditLine(batch.Lines[0].Id, 750.01m, "X");
        Assert.Equal(("over_owed", "Amount"), (over.Errors[0].Code, over.Errors[0].Field));
        Assert.Equal("not_approved", batch.CannotPay(batch.Lines[0].Id, "FNB123")!.Code);
    }

    private static readonly PayoutFileLine BigRentals = new("2", "BIG RENTALS", "Standard Bank", "051001", "1015568988", 985.25m, "Inv 784944");

    [Fact]
    public void TheAcbCreditorCsv_MatchesThePublishedLayoutsExampleRow()
    {
        // acbtransfers.co.za/csvmain.html, example row 2: No 2, Name BIG RENTALS, Amount 985.25, Acc No 1015568988,
        // BR Code 051001, Reference "Inv 784944" (e-mail left empty: optional).
        var text = Encoding.ASCII.GetString(PayoutFiles.AcbCreditorCsv([BigRentals]));
        Assert.Equal("No,Name,Amount,Acc No,BR Code,Reference,Email\r\n2,BIG RENTALS,985.25,1015568988,051001,Inv 784944,\r\n", text);
    }

    [Fact]
    public void TheAcbCreditorCsv_CutsFieldsTo16_AndDropsCommasAndNonAscii()
    {
        var text = Encoding.ASCII.GetString(PayoutFiles.AcbCreditorCsv([BigRentals with { PayeeName = "Silverleaf Body Corporate, SS 12/2001", Reference = "Caf\u00e9, Oct" }]));
        var row = text.Split("\r\n")[1].Split(',');
        Assert.Equal(7, row.Length);
        Assert.Equal("Silverleaf Body", row[1]);
        Assert.Equal("Caf Oct", row[5]);
        Assert.All(row, f => Assert.True(f.Length <= 16, f));
    }

    [Fact]
    public void TheGenericCsv_KeepsFullNamesQuoted_AndTwoDecimals()
    {
        var text = Encoding.UTF8.GetString(PayoutFiles.GenericCsv([BigRentals with { PayeeName = "Rentals, Big", Amount = 1000m }]));
        Assert.Equal("Own reference,Payee,Bank,Branch code,Account number,Amount,Beneficiary reference\r\n2,\"Rentals, Big\",Standard Bank,051001,1015568988,1000.00,Inv 784944\r\n", text);
    }
}

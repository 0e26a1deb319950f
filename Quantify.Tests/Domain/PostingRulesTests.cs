using Quantify.Domain.Ledger;

namespace Quantify.Tests.Domain;

/// <summary>
/// The posting rules' remaining edges: the words on each posting and each refusal (what an auditor or an operator
/// reads in the ledger), the idempotency keys of the kinds not covered by <see cref="PostingsTests"/>, group top-ups,
/// and <see cref="PostingRequest.Validate"/> at both sides of each rule.
/// </summary>
public class PostingRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 2);
    private const int WalletId = 7, EstateId = 3;

    private static decimal On(PostingRequest r, AccountCode account) => r.Lines.Where(l => l.Account == account).Sum(l => l.Amount);

    private static Dictionary<Pocket, decimal> Split(decimal electricity, decimal water = 0m)
    {
        var split = new Dictionary<Pocket, decimal> { [Pocket.Electricity] = electricity };
        if (water != 0) split[Pocket.Water] = water;
        return split;
    }

    [Fact]
    public void TopUp_CreditsEachPocket_AndDebitsTheSourceTheTotal_UnderTheCallersKey()
    {
        var r = Postings.TopUp("bulk:2026-11:7", Day, "Bulk top-up", WalletId, Split(80m, 20.50m), AccountCode.Bank);
        Assert.Null(r.Validate());
        Assert.Equal(("bulk:2026-11:7", TransactionType.TopUp, Day, "Bulk top-up"), (r.IdempotencyKey, r.Type, r.ValueDate, r.Description));
        Assert.Equal([80m, 20.50m, -100.50m], r.Lines.Select(l => l.Amount));
        Assert.Equal(AccountCode.Bank, r.Lines[^1].Account);
    }

    [Fact]
    public void PayFastTopUp_WithFee_SaysTheFeeInRand_AndNeedsTheEstate()
    {
        var r = Postings.PayFastTopUp("1089250", "QP-ABC", WalletId, Split(200m), Day, fee: 5.75m, estateId: EstateId);
        Assert.Equal("PayFast top-up QP-ABC (pf 1089250, fee R 5,75)", r.Description);
        Assert.Equal(3, r.Lines.Count);
        var e = Assert.Throws<ArgumentException>(() => Postings.PayFastTopUp("1", "r", WalletId, Split(10m), Day, fee: 1m));
        Assert.Equal(("estateId", "A fee is booked to an estate's gateway fees: give the estate."), (e.ParamName, e.Message.Split(" (Parameter")[0]));
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => Postings.PayFastTopUp("1", "r", WalletId, Split(10m), Day, fee: -0.01m, estateId: EstateId));
        Assert.StartsWith("Give the fee as a positive amount.", negative.Message);
        var noFee = Postings.PayFastTopUp("2", "r", WalletId, Split(10m), Day, fee: 0m);
        Assert.Equal(2, noFee.Lines.Count);
        Assert.Null(noFee.Validate());
    }

    [Fact]
    public void PayFastGroupTopUp_CreditsEachMembersPockets_AndDebitsClearingTheGross_KeyedLikeASingleTopUp()
    {
        var r = Postings.PayFastGroupTopUp("2200", "QP-FAM", [(7, Split(100m, 50m)), (9, Split(25m))], Day);
        Assert.Null(r.Validate());
        Assert.Equal(("payfast:2200", TransactionType.TopUp, "PayFast group top-up QP-FAM (pf 2200, 2 wallets)"), (r.IdempotencyKey, r.Type, r.Description));
        Assert.Equal(100m, On(r, AccountCode.Wallet(7, Pocket.Electricity)));
        Assert.Equal(50m, On(r, AccountCode.Wallet(7, Pocket.Water)));
        Assert.Equal(25m, On(r, AccountCode.Wallet(9, Pocket.Electricity)));
        Assert.Equal(-175m, On(r, AccountCode.PayFastClearing));
        Assert.Equal(4, r.Lines.Count);
        Assert.Equal([7, 9], r.WalletIds());
        var e = Assert.Throws<ArgumentException>(() => Postings.PayFastGroupTopUp("1", "r", [], Day));
        Assert.StartsWith("A group top-up needs at least one member wallet.", e.Message);
    }

    [Fact]
    public void EftDeposit_SaysTheReferenceAndBankLine_AndIsATopUp()
    {
        var r = Postings.EftDeposit(41, "U12", "FNB-0001", WalletId, Split(100m), Day, AccountCode.TrustBank(EstateId));
        Assert.Equal((TransactionType.TopUp, "EFT deposit U12 (FNB-0001)", Day), (r.Type, r.Description, r.ValueDate));
    }

    [Fact]
    public void PayoutAndFee_AreFees_KeyedOnPayFastsReferences_WithTheirWords()
    {
        var payout = Postings.PayFastPayout("PO-9", 97.70m, Day, AccountCode.Bank);
        Assert.Equal(("payfast-payout:PO-9", TransactionType.Fee, "PayFast payout PO-9 to the bank"), (payout.IdempotencyKey, payout.Type, payout.Description));
        Assert.Equal((97.70m, -97.70m), (On(payout, AccountCode.PayFastClearing), On(payout, AccountCode.Bank)));
        var fee = Postings.GatewayFee("1089250", EstateId, 1.15m, Day);
        Assert.Equal(("payfast-fee:1089250", TransactionType.Fee, "PayFast fee (pf 1089250)"), (fee.IdempotencyKey, fee.Type, fee.Description));
    }

    public static TheoryData<decimal, Func<decimal, PostingRequest>> AmountRules => new()
    {
        { 0m, a => Postings.PayFastPayout("PO", a, Day, AccountCode.Bank) },
        { -1m, a => Postings.GatewayFee("1", EstateId, a, Day) },
        { 0m, a => Postings.LevyReceipt("k", EstateId, 12, a, Day, "x", AccountCode.Bank) },
        { 0m, a => Postings.RefundPaid(1, a, "r", Day, AccountCode.Bank) },
        { 0m, a => Postings.PayeePaid(1, EstateId, 2, "x", a, "r", Day) },
        { 0m, a => Postings.Levy(1, 12, "2026-11", EstateId, AccountCode.LevyReceivable(EstateId, 12), a, Day, "x") },
    };

    [Theory]
    [MemberData(nameof(AmountRules))]
    public void AmountsThatMustBePositive_RefuseZeroOrLess_AndTakeOneCent(decimal bad, Func<decimal, PostingRequest> post)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => post(bad));
        Assert.StartsWith("Give a positive amount.", e.Message);
        Assert.Equal(bad, e.ActualValue);
        Assert.Null(post(0.01m).Validate());
    }

    [Fact]
    public void Consumption_AndLevy_CarryTheCallersDescription_AndValueDate()
    {
        var c = Postings.Consumption(9001, WalletId, EstateId, Pocket.Electricity, 20m, 3m, Day, "Electricity 10 kWh");
        Assert.Equal(("Electricity 10 kWh", Day), (c.Description, c.ValueDate));
        Assert.Equal([-23m, 20m, 3m], c.Lines.Select(l => l.Amount));
        var levy = Postings.Levy(5, 12, "2026-11", EstateId, AccountCode.LevyReceivable(EstateId, 12), 850m, Day, "Monthly levy");
        Assert.Equal(("Monthly levy", Day), (levy.Description, levy.ValueDate));
        var e = Assert.Throws<ArgumentException>(() => Postings.Levy(5, 12, "2026-11", EstateId, AccountCode.Bank, 1m, Day, "x"));
        Assert.StartsWith("A levy is charged to a wallet pocket or a levy receivable, not bank.", e.Message);
        var receipt = Postings.LevyReceipt("levy-eft:8", EstateId, 12, 400m, Day, "Levy paid", AccountCode.TrustBank(EstateId));
        Assert.Equal(("levy-eft:8", TransactionType.Levy, "Levy paid"), (receipt.IdempotencyKey, receipt.Type, receipt.Description));
    }

    [Theory]
    [InlineData(30.00, -10.00, "Move-out: refund R 20,00")]
    [InlineData(5.00, -25.50, "Move-out: debt R 20,50 to arrears")]
    [InlineData(10.00, -10.00, "Move-out: pockets netted")]
    public void MoveOut_SaysWhatHappenedToTheNet(decimal electricity, decimal water, string description)
    {
        var r = Postings.MoveOut("offboard:1", EstateId, Day, "Move-out", [(AccountCode.Wallet(WalletId, Pocket.Electricity), electricity), (AccountCode.Wallet(WalletId, Pocket.Water), water)]);
        Assert.Equal(("offboard:1", description), (r.IdempotencyKey, r.Description));
    }

    [Fact]
    public void MoveOut_OfAnAccountThatIsNotAPocket_IsRefused_EvenAtZero()
    {
        var e = Assert.Throws<ArgumentException>(() => Postings.MoveOut("k", EstateId, Day, "x", [(AccountCode.Wallet(WalletId, Pocket.Water), 5m), (AccountCode.Bank, 0m)]));
        Assert.StartsWith("bank is not a wallet pocket.", e.Message);
        Assert.Equal("pockets", e.ParamName);
    }

    [Fact]
    public void Settlement_SaysTheRunAndPeriod_AndRefusesPayablesAsSources()
    {
        var r = Postings.Settlement(4, EstateId, "2026-10", Day, [(AccountCode.VatOutput, 15m), (AccountCode.LevyIncome(EstateId), 85m)], [(1, 100m)]);
        Assert.Null(r.Validate());
        Assert.Equal("Settlement run #4 for 2026-10", r.Description);
        Assert.Equal([-15m, -85m, 100m], r.Lines.Select(l => l.Amount));
        var e = Assert.Throws<ArgumentException>(() => Postings.Settlement(4, EstateId, "2026-10", Day, [(AccountCode.Payable(EstateId, 1), 10m)], [(2, 10m)]));
        Assert.StartsWith("A settlement takes from revenue, levy income or VAT, not estate:3:payable:1.", e.Message);
    }

    [Fact]
    public void PayeePaid_SaysWhoWasPaid_WithTheBanksReference()
    {
        Assert.Equal("Paid City of Tshwane (ABSA-77)", Postings.PayeePaid(55, EstateId, 2, "City of Tshwane", 380m, " ABSA-77 ", Day).Description);
    }

    [Fact]
    public void Imported_KeepsTheRowsKeyTypeAndWords()
    {
        var r = Postings.Imported("import:row:12", TransactionType.Adjustment, Day, "Opening balance", WalletId, Pocket.Water, 40m, AccountCode.OpeningBalances);
        Assert.Equal(("import:row:12", TransactionType.Adjustment, Day, "Opening balance"), (r.IdempotencyKey, r.Type, r.ValueDate, r.Description));
    }

    [Fact]
    public void Reversal_OfAReversal_SaysWhy()
    {
        var again = Postings.Reversal(89, "QTX-2", TransactionType.Reversal, [new(AccountCode.Bank, 1m), new(AccountCode.Wallet(WalletId, Pocket.Water), -1m)], "x", Day);
        var e = Assert.Single(again.Errors);
        Assert.Equal(("is_reversal", "QTX-2 is itself a reversal: post a new transaction instead."), (e.Code, e.Message));
        var ok = Postings.Reversal(90, "QTX-3", TransactionType.TopUp, [new(AccountCode.Bank, -1m), new(AccountCode.Wallet(WalletId, Pocket.Water), 1m)], "typo", Day);
        Assert.Equal(("reversal:90", 90L, Day), (ok.Value.IdempotencyKey, ok.Value.ReversesId!.Value, ok.Value.ValueDate));
        Assert.Equal([1m, -1m], ok.Value.Lines.Select(l => l.Amount));
    }

    // ------------------------------------------------------------ PostingRequest.Validate

    private static PostingRequest Request(params (AccountCode Account, decimal Amount)[] lines) =>
        new("k", TransactionType.Adjustment, Day, "x", lines.Select(l => new PostingLine(l.Account, l.Amount)).ToList());

    private static readonly AccountCode Water = AccountCode.Wallet(WalletId, Pocket.Water);

    [Fact]
    public void Validate_EachRefusal_SaysWhatIsWrong()
    {
        static (string, string, string?) Of(PostingRequest r) => r.Validate() is { } e ? (e.Code, e.Message, e.Field) : ("", "", null);
        Assert.Equal(("no_key", "Every posting needs an idempotency key (payment id, reading id or import row).", "IdempotencyKey"),
            Of(Request((Water, 1m), (AccountCode.Bank, -1m)) with { IdempotencyKey = "" }));
        Assert.Equal(("too_few_lines", "A transaction needs at least two lines.", "Lines"), Of(Request((Water, 0.01m))));
        Assert.Equal(("too_few_lines", "A transaction needs at least two lines.", "Lines"), Of(Request()));
        Assert.Equal(("no_account", "Every line needs an account.", "Lines"), Of(Request((Water, 1m), (default, -1m))));
        Assert.Equal(("zero_line", "A line of R 0,00 moves nothing: leave it out.", "Lines"), Of(Request((Water, 1m), (AccountCode.Bank, -1m), (AccountCode.VatOutput, 0m))));
        Assert.Equal(("fractional_cents", "Ledger amounts are whole cents.", "Lines"), Of(Request((Water, 1m), (AccountCode.Bank, -1.005m), (AccountCode.VatOutput, 0.005m))));
        Assert.Equal(("unbalanced", "The lines sum to R 0,01; a transaction must sum to zero.", "Lines"), Of(Request((Water, 1m), (AccountCode.Bank, -0.99m))));
        Assert.Equal(("unbalanced", "The lines sum to -R 5,00; a transaction must sum to zero.", "Lines"), Of(Request((Water, 1m), (AccountCode.Bank, -6m))));
    }

    [Fact]
    public void Validate_TwoOrMoreWholeCentLinesSummingToZero_AreAccepted_OperatorAccountsIncluded()
    {
        Assert.Null(Request((Water, 0.01m), (AccountCode.Bank, -0.01m)).Validate());
        Assert.Null(Request((Water, 10m), (AccountCode.Bank, -7.50m), (AccountCode.VatOutput, -2.50m)).Validate());
        Assert.True(AccountCode.Bank.IsDefined);
        Assert.True(AccountCode.PayFastClearing.IsDefined);
    }

    [Fact]
    public void ContentHash_CoversTheReversedId_AndOrdersRepeatedAccountsByAmount()
    {
        // SHA-256 of "Reversal\n2026-11-03\n88\nbank=-2.00\nwallet:7:water=-3.00\nwallet:7:water=5.00", computed with Python's hashlib.
        var r = new PostingRequest("k", TransactionType.Reversal, new DateOnly(2026, 11, 3), "x",
            [new(Water, 5m), new(AccountCode.Bank, -2m), new(Water, -3m)], ReversesId: 88);
        Assert.Equal("5943c50c96469265556bf36ad6be34a54933fa36f4526b2e303cbd1ad6e2548f", r.ContentHash());
        Assert.NotEqual(r.ContentHash(), (r with { ReversesId = 89 }).ContentHash());
        Assert.Equal(r.ContentHash(), (r with { Lines = [new(Water, -3m), new(Water, 5m), new(AccountCode.Bank, -2m)], Description = "other words" }).ContentHash());
    }

    [Fact]
    public void WalletIds_AreEachWalletOnce_InLineOrder()
    {
        var r = Request((AccountCode.Wallet(9, Pocket.Water), 1m), (AccountCode.Wallet(4, Pocket.Water), 1m), (AccountCode.Wallet(9, Pocket.Electricity), 1m), (AccountCode.Bank, -3m));
        Assert.Equal([9, 4], r.WalletIds());
    }
}

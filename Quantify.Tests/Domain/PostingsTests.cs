using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;

namespace Quantify.Tests.Domain;

/// <summary>The posting rules without a database: every kind balances, books to the right accounts with the right signs, and names its cause.</summary>
public class PostingsTests
{
    private static readonly DateOnly Day = new(2026, 11, 2);
    private const int WalletId = 7, EstateId = 3;

    private static decimal On(PostingRequest r, AccountCode account) => r.Lines.Where(l => l.Account == account).Sum(l => l.Amount);

    private static void Valid(PostingRequest r)
    {
        Assert.Null(r.Validate());
        Assert.Equal(0m, r.Lines.Sum(l => l.Amount));
        Assert.Equal(r.Lines.Count, r.Lines.Select(l => l.Account).Distinct().Count()); // one line per account
    }

    [Fact]
    public void PayFastTopUp_CreditsThePockets_AndDebitsClearingTheGross()
    {
        var r = Postings.PayFastTopUp("1089250", "QP-ABC", WalletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 150m, [Pocket.Water] = 50m }, Day);
        Valid(r);
        Assert.Equal(("payfast:1089250", TransactionType.TopUp, Day), (r.IdempotencyKey, r.Type, r.ValueDate));
        Assert.Equal(150m, On(r, AccountCode.Wallet(WalletId, Pocket.Electricity)));
        Assert.Equal(50m, On(r, AccountCode.Wallet(WalletId, Pocket.Water)));
        Assert.Equal(-200m, On(r, AccountCode.PayFastClearing));
        Assert.Equal("PayFast top-up QP-ABC (pf 1089250)", r.Description);
    }

    [Fact]
    public void PayFastTopUp_WithFee_DebitsClearingTheNet_AndTheEstatesGatewayFeesTheFee()
    {
        var r = Postings.PayFastTopUp("1089250", "QP-ABC", WalletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 200m }, Day, fee: 5.75m, estateId: EstateId);
        Valid(r);
        Assert.Equal(200m, On(r, AccountCode.Wallet(WalletId, Pocket.Electricity))); // the resident gets the gross
        Assert.Equal(-194.25m, On(r, AccountCode.PayFastClearing));                    // PayFast owes the net
        Assert.Equal(-5.75m, On(r, AccountCode.EstateGatewayFees(EstateId)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Postings.PayFastTopUp("1", "r", WalletId, new Dictionary<Pocket, decimal> { [Pocket.Water] = 1m }, Day, fee: -1m, estateId: EstateId));
    }

    [Fact]
    public void EftDeposit_CreditsThePockets_AndDebitsTheBankItArrivedIn()
    {
        var r = Postings.EftDeposit(41, "U12", "FNB-0001", WalletId, Allocation.ByDefaultRule(100m, 70m), Day, AccountCode.TrustBank(EstateId));
        Valid(r);
        Assert.Equal("eft:41", r.IdempotencyKey);
        Assert.Equal(70m, On(r, AccountCode.Wallet(WalletId, Pocket.Electricity)));
        Assert.Equal(30m, On(r, AccountCode.Wallet(WalletId, Pocket.Water)));
        Assert.Equal(-100m, On(r, AccountCode.TrustBank(EstateId)));
    }

    [Fact]
    public void Consumption_DebitsThePocketTheTotal_RevenueExclVat_VatOutputTheVat()
    {
        var r = Postings.Consumption(9001, WalletId, EstateId, Pocket.Electricity, 20.00m, 3.00m, Day, "Electricity 10 kWh");
        Valid(r);
        Assert.Equal(("reading:9001", TransactionType.Consumption), (r.IdempotencyKey, r.Type));
        Assert.Equal(-23.00m, On(r, AccountCode.Wallet(WalletId, Pocket.Electricity)));
        Assert.Equal(20.00m, On(r, AccountCode.Revenue(EstateId, Pocket.Electricity)));
        Assert.Equal(3.00m, On(r, AccountCode.VatOutput));
    }

    [Fact]
    public void Consumption_WithoutVat_HasNoVatLine_AndAllVatHasNoRevenueLine()
    {
        var noVat = Postings.Consumption(1, WalletId, EstateId, Pocket.Water, 12.34m, 0m, Day, "Water");
        Valid(noVat);
        Assert.Equal(2, noVat.Lines.Count);
        var onlyVat = Postings.Consumption(2, WalletId, EstateId, Pocket.Water, 0m, 0.15m, Day, "Water");
        Valid(onlyVat);
        Assert.DoesNotContain(onlyVat.Lines, l => l.Account.Kind == AccountKind.EstateRevenue);
    }

    [Fact]
    public void FixedCharge_IsKeyedPerUnitUtilityAndDay_AndIsAServiceCharge()
    {
        var r = Postings.FixedCharge(12, Utility.HotWater, Day, WalletId, EstateId, Pocket.HotWater, 10m, 1.50m, "Basic charge");
        Valid(r);
        Assert.Equal(("fixed:12:HotWater:2026-11-02", TransactionType.ServiceCharge), (r.IdempotencyKey, r.Type));
        Assert.Equal(-11.50m, On(r, AccountCode.Wallet(WalletId, Pocket.HotWater)));
        Assert.Equal(10m, On(r, AccountCode.Revenue(EstateId, Pocket.HotWater)));
    }

    [Fact]
    public void Levy_FromAReceivableOrAWalletPocket_CreditsLevyIncome_KeyedPerScheduleUnitAndPeriod()
    {
        var receivable = Postings.Levy(5, 12, "2026-11", EstateId, AccountCode.LevyReceivable(EstateId, 12), 850.33m, Day, "Monthly levy");
        Valid(receivable);
        Assert.Equal(("levy:5:12:2026-11", TransactionType.Levy), (receivable.IdempotencyKey, receivable.Type));
        Assert.Equal(-850.33m, On(receivable, AccountCode.LevyReceivable(EstateId, 12)));
        Assert.Equal(850.33m, On(receivable, AccountCode.LevyIncome(EstateId)));
        var wallet = Postings.Levy(5, 12, "2026-11", EstateId, AccountCode.Wallet(WalletId, Pocket.Unallocated), 850.33m, Day, "Monthly levy");
        Assert.Equal(-850.33m, On(wallet, AccountCode.Wallet(WalletId, Pocket.Unallocated)));
        Assert.Throws<ArgumentException>(() => Postings.Levy(5, 12, "2026-11", EstateId, AccountCode.Bank, 1m, Day, "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Postings.Levy(5, 12, "2026-11", EstateId, AccountCode.LevyReceivable(EstateId, 12), 0m, Day, "x"));
    }

    [Fact]
    public void LevyReceipt_SettlesTheUnitsReceivableFromTheBank()
    {
        var r = Postings.LevyReceipt("levy-eft:8", EstateId, 12, 400m, Day, "Levy paid", AccountCode.TrustBank(EstateId));
        Valid(r);
        Assert.Equal(400m, On(r, AccountCode.LevyReceivable(EstateId, 12)));
        Assert.Equal(-400m, On(r, AccountCode.TrustBank(EstateId)));
    }

    [Theory]
    [InlineData(30.00, -10.00, 20.00)]
    [InlineData(5.00, -25.50, -20.50)]
    [InlineData(10.00, -10.00, 0.00)]
    public void MoveOut_ZeroesEveryPocket_AndSendsTheNetToRefundsOrArrears(decimal electricity, decimal water, decimal net)
    {
        var r = Postings.MoveOut("offboard:1", EstateId, Day, "Move-out", [(AccountCode.Wallet(WalletId, Pocket.Electricity), electricity),
            (AccountCode.Wallet(WalletId, Pocket.Water), water), (AccountCode.Wallet(WalletId, Pocket.Solar), 0m)]);
        Valid(r);
        Assert.Equal(TransactionType.Settlement, r.Type);
        Assert.Equal(-electricity, On(r, AccountCode.Wallet(WalletId, Pocket.Electricity)));
        Assert.Equal(-water, On(r, AccountCode.Wallet(WalletId, Pocket.Water)));
        Assert.DoesNotContain(r.Lines, l => l.Account == AccountCode.Wallet(WalletId, Pocket.Solar)); // a zero pocket has no line
        Assert.Equal(net > 0 ? net : 0m, On(r, AccountCode.RefundsPayable));
        Assert.Equal(net < 0 ? net : 0m, On(r, AccountCode.Arrears(EstateId)));
        Assert.Equal(net == 0 ? 2 : 3, r.Lines.Count);
    }

    [Fact]
    public void RefundPaid_MovesRefundsPayableToTheBank()
    {
        var r = Postings.RefundPaid(17, 20m, " EFT-991 ", Day, AccountCode.Bank);
        Valid(r);
        Assert.Equal(("payout:17", TransactionType.Refund, "Refund #17 paid (EFT-991)"), (r.IdempotencyKey, r.Type, r.Description));
        Assert.Equal(-20m, On(r, AccountCode.RefundsPayable));
        Assert.Equal(20m, On(r, AccountCode.Bank));
    }

    [Fact]
    public void Settlement_EmptiesTheSources_IntoEachPayeesPayable_KeyedOnTheRun()
    {
        var r = Postings.Settlement(4, EstateId, "2026-10", new DateOnly(2026, 10, 31),
            [(AccountCode.Revenue(EstateId, Pocket.Electricity), 1000m), (AccountCode.Revenue(EstateId, Pocket.Water), 200m)],
            [(1, 700m), (2, 380m), (3, 120m)]);
        Valid(r);
        Assert.Equal(("settlement:4", TransactionType.Settlement), (r.IdempotencyKey, r.Type));
        Assert.Equal(-1000m, On(r, AccountCode.Revenue(EstateId, Pocket.Electricity)));
        Assert.Equal(380m, On(r, AccountCode.Payable(EstateId, 2)));
        Assert.NotNull(Postings.Settlement(4, EstateId, "2026-10", Day, [(AccountCode.Revenue(EstateId, Pocket.Water), 10m)], [(1, 9.99m)]).Validate());
        Assert.Throws<ArgumentException>(() => Postings.Settlement(4, EstateId, "2026-10", Day, [(AccountCode.Wallet(WalletId, Pocket.Water), 10m)], [(1, 10m)]));
    }

    [Fact]
    public void PayeePaid_MovesThePayableToTheEstatesTrustBank()
    {
        var r = Postings.PayeePaid(55, EstateId, 2, "City of Tshwane", 380m, "ABSA-77", Day);
        Valid(r);
        Assert.Equal(("payee-payout:55", TransactionType.Payout), (r.IdempotencyKey, r.Type));
        Assert.Equal(-380m, On(r, AccountCode.Payable(EstateId, 2)));
        Assert.Equal(380m, On(r, AccountCode.TrustBank(EstateId)));
    }

    [Fact]
    public void PayFastPayoutAndFee_EmptyTheClearingAccount()
    {
        var topUp = Postings.PayFastTopUp("1", "r", WalletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 100m }, Day, 2.30m, EstateId);
        var payout = Postings.PayFastPayout("PF-PAYOUT-1", 97.70m, Day, AccountCode.TrustBank(EstateId));
        Valid(payout);
        Assert.Equal(0m, On(topUp, AccountCode.PayFastClearing) + On(payout, AccountCode.PayFastClearing));
        var fee = Postings.GatewayFee("2", EstateId, 1.15m, Day);
        Valid(fee);
        Assert.Equal((1.15m, -1.15m), (On(fee, AccountCode.PayFastClearing), On(fee, AccountCode.EstateGatewayFees(EstateId))));
    }

    [Fact]
    public void Imported_PostsThePocketAgainstTheCounterAccount()
    {
        var r = Postings.Imported("import:opening-balance:12:water", TransactionType.Adjustment, Day, "Opening", WalletId, Pocket.Water, -40m, AccountCode.OpeningBalances);
        Valid(r);
        Assert.Equal((-40m, 40m), (On(r, AccountCode.Wallet(WalletId, Pocket.Water)), On(r, AccountCode.OpeningBalances)));
    }

    [Fact]
    public void Reversal_IsTheExactOpposite_ReferencingTheOriginal_AndAReversalIsNeverReversed()
    {
        var original = Postings.Consumption(9, WalletId, EstateId, Pocket.Electricity, 20m, 3m, Day, "x");
        var r = Postings.Reversal(88, "QTX-1", original.Type, original.Lines, "meter misread", Day.AddDays(1));
        Assert.True(r.IsSuccess);
        Valid(r.Value);
        Assert.Equal(("reversal:88", TransactionType.Reversal, 88L, "Reversal of QTX-1: meter misread"), (r.Value.IdempotencyKey, r.Value.Type, r.Value.ReversesId!.Value, r.Value.Description));
        Assert.All(original.Lines, l => Assert.Equal(-l.Amount, On(r.Value, l.Account)));
        var again = Postings.Reversal(89, "QTX-2", TransactionType.Reversal, r.Value.Lines, "x", Day);
        Assert.Equal("is_reversal", again.Errors[0].Code);
    }

    [Fact]
    public void SameCause_BuildsTheSamePosting_SoAReplayIsRecognised()
    {
        var a = Postings.Consumption(9001, WalletId, EstateId, Pocket.Electricity, 20m, 3m, Day, "Electricity");
        var b = Postings.Consumption(9001, WalletId, EstateId, Pocket.Electricity, 20m, 3m, Day, "described differently");
        Assert.Equal(a.IdempotencyKey, b.IdempotencyKey);
        Assert.Equal(a.ContentHash(), b.ContentHash());
        var c = Postings.Consumption(9001, WalletId, EstateId, Pocket.Electricity, 20m, 3.01m, Day, "Electricity");
        Assert.NotEqual(a.ContentHash(), c.ContentHash()); // same key, different content: the ledger refuses it as a reused key
    }

    [Fact]
    public void ContentHash_IsTheStoredFormula_LinesInCodeOrder()
    {
        // SHA-256 of "TopUp\n2026-11-02\n\nbank=-100.00\nwallet:7:electricity=100.00", computed outside .NET: rows already stored carry it.
        var r = new PostingRequest("k", TransactionType.TopUp, Day, "EFT", [new(AccountCode.Wallet(7, Pocket.Electricity), 100m), new(AccountCode.Bank, -100m)]);
        Assert.Equal("a0a9e8b16f8cc971a72cce2c05ab8e162f23e8665b33a212b3165786286b3a37", r.ContentHash());
    }

    [Theory]
    [InlineData(10.00, -9.99, "unbalanced")]
    [InlineData(10.001, -10.001, "fractional_cents")]
    [InlineData(0, 0, "zero_line")]
    public void Validate_RefusesUnbalancedFractionalAndEmptyLines(decimal a, decimal b, string code)
    {
        var r = new PostingRequest("k", TransactionType.Adjustment, Day, "x", [new(AccountCode.Wallet(7, Pocket.Water), a), new(AccountCode.Bank, b)]);
        Assert.Equal(code, r.Validate()!.Code);
        Assert.Equal("no_account", new PostingRequest("k", TransactionType.Adjustment, Day, "x", [new(default, 1m), new(AccountCode.Bank, -1m)]).Validate()!.Code);
        Assert.Equal("no_key", new PostingRequest(" ", TransactionType.Adjustment, Day, "x", [new(AccountCode.Wallet(7, Pocket.Water), 1m), new(AccountCode.Bank, -1m)]).Validate()!.Code);
    }

    [Fact]
    public void WalletIds_AreTheChainsThePostingAdvances()
    {
        var r = Postings.PayFastTopUp("1", "r", WalletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 1m, [Pocket.Water] = 2m }, Day);
        Assert.Equal([WalletId], r.WalletIds());
        Assert.Empty(Postings.PayeePaid(1, EstateId, 2, "x", 1m, "r", Day).WalletIds());
    }
}

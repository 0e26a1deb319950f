using Quantify.Domain.Ledger;

namespace Quantify.Tests.Domain;

/// <summary>Account codes: the names people read for new accounts, owner ids, and what each kind carries (and does not).</summary>
public class AccountCodeRulesTests
{
    public static TheoryData<string, string> Names => new()
    {
        { "wallet:4:solar", "Wallet 4 Solar" },
        { "estate:6:revenue:water", "Estate 6 revenue Water" },
        { "estate:6:arrears", "Estate 6 arrears (moved-out residents)" },
        { "estate:6:levy-income", "Estate 6 levy income" },
        { "estate:6:payable:2", "Estate 6 payable to payee 2" },
        { "estate:6:levy-receivable:77", "Estate 6 levies receivable from unit 77" },
        { "estate:6:bank", "Estate 6 trust bank account" },
        { "bank", "Bank" },
        { "estate:6:gateway-fees", "Estate 6 payment gateway fees" },
        { "gateway-fees", "Payment gateway fees" },
        { "estate:6:vat-output", "Estate 6 VAT output" },
        { "vat-output", "VAT output" },
        { "payfast-clearing", "PayFast clearing" },
        { "refunds-payable", "Refunds payable" },
        { "opening-balances", "Opening balances (imported)" },
        { "adjustments", "Adjustments (imported)" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void EachAccount_HasAName_PeopleCanRead(string code, string name) => Assert.Equal(name, AccountCode.Parse(code).DisplayName());

    [Fact]
    public void EstateFactories_WriteTheirCodes()
    {
        Assert.Equal("estate:6:vat-output", AccountCode.EstateVatOutput(6).ToString());
        Assert.Equal("estate:6:levy-income", AccountCode.LevyIncome(6).ToString());
        Assert.Equal("estate:6:gateway-fees", AccountCode.EstateGatewayFees(6).ToString());
        Assert.Equal("estate:6:levy-receivable:1", AccountCode.LevyReceivable(6, 1).ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void OwnerIds_MustBePositive(int id)
    {
        foreach (var make in new Func<AccountCode>[]
        {
            () => AccountCode.Wallet(id, Pocket.Water), () => AccountCode.Revenue(id, Pocket.Water), () => AccountCode.Arrears(id),
            () => AccountCode.TrustBank(id), () => AccountCode.EstateGatewayFees(id), () => AccountCode.EstateVatOutput(id),
            () => AccountCode.Payable(id, 1), () => AccountCode.Payable(1, id), () => AccountCode.LevyReceivable(id, 1),
            () => AccountCode.LevyReceivable(1, id), () => AccountCode.LevyIncome(id),
        })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => make());
            Assert.StartsWith("Account owner ids are positive.", e.Message);
            Assert.Equal(id, e.ActualValue);
        }
        Assert.Equal(1, AccountCode.Wallet(1, Pocket.Water).WalletId);
    }

    [Fact]
    public void EachKind_CarriesOnlyWhatItHas()
    {
        var revenue = AccountCode.Revenue(6, Pocket.HotWater);
        Assert.Equal((Pocket.HotWater, (int?)6, (int?)null, false), (revenue.Pocket!.Value, revenue.EstateId, revenue.WalletId, revenue.IsWallet));
        var wallet = AccountCode.Wallet(4, Pocket.Unallocated);
        Assert.Equal((Pocket.Unallocated, (int?)null, true, true), (wallet.Pocket!.Value, wallet.EstateId, wallet.IsWallet, wallet.IsDefined));
        Assert.Null(AccountCode.Arrears(6).Pocket);
        Assert.Null(AccountCode.Arrears(6).PayeeId);
        Assert.Null(AccountCode.Arrears(6).UnitId);
        Assert.Null(AccountCode.LevyReceivable(6, 77).PayeeId);
        Assert.Null(AccountCode.Payable(6, 2).UnitId);
        Assert.Null(AccountCode.PayFastClearing.EstateId);
        Assert.True(AccountCode.RefundsPayable.IsDefined);
        Assert.NotEqual(AccountCode.OpeningBalances, AccountCode.Adjustments);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("estate:0:arrears")]
    [InlineData("estate:+3:arrears")]
    [InlineData("estate: 3:arrears")]
    [InlineData("estate:3:revenue:gas")]
    [InlineData("estate:3:payable:x")]
    [InlineData("estate:3:levy-receivable:0")]
    [InlineData("estate:3:arrears:1")]
    [InlineData("estate:3:bank:1")]
    [InlineData("wallet:12:water:1")]
    [InlineData("ledger:3:arrears")]
    [InlineData("payfast-clearing:1")]
    public void NearMisses_AreNotAccountCodes(string? text)
    {
        Assert.False(AccountCode.TryParse(text, out var parsed));
        Assert.Equal(default, parsed);
    }

    [Fact]
    public void Parse_OfGarbage_SaysWhatItGot() =>
        Assert.Equal("'estate:3:nope' is not a ledger account code.", Assert.Throws<FormatException>(() => AccountCode.Parse("estate:3:nope")).Message);
}

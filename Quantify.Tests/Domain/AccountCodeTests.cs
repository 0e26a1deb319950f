using Quantify.Domain.Ledger;

namespace Quantify.Tests.Domain;

public class AccountCodeTests
{
    public static TheoryData<string> StoredCodes => new()
    {
        // Codes already in databases (written by the string helpers before AccountCode existed).
        "wallet:12:electricity", "wallet:12:water", "wallet:12:hotwater", "wallet:12:solar", "wallet:12:unallocated",
        "estate:3:revenue:electricity", "estate:3:revenue:hotwater", "estate:3:arrears",
        "payfast-clearing", "bank", "gateway-fees", "vat-output", "refunds-payable", "opening-balances", "adjustments",
        // Codes of the settlement, trust and levy accounts.
        "estate:3:bank", "estate:3:gateway-fees", "estate:3:vat-output", "estate:3:payable:41", "estate:3:levy-receivable:77", "estate:3:levy-income",
    };

    [Theory]
    [MemberData(nameof(StoredCodes))]
    public void StoredCode_ParsesAndFormatsBackToTheSameText(string code) => Assert.Equal(code, AccountCode.Parse(code).ToString());

    [Fact]
    public void Factories_WriteTheTextTheDatabaseAlreadyHolds()
    {
        Assert.Equal("wallet:5:hotwater", AccountCode.Wallet(5, Pocket.HotWater).ToString());
        Assert.Equal("estate:2:revenue:water", AccountCode.Revenue(2, Pocket.Water).ToString());
        Assert.Equal("estate:2:arrears", AccountCode.Arrears(2).ToString());
        Assert.Equal("payfast-clearing", AccountCode.PayFastClearing.ToString());
        Assert.Equal("refunds-payable", AccountCode.RefundsPayable.ToString());
    }

    [Fact]
    public void ParsedCode_KnowsItsOwner_WithoutSplittingStrings()
    {
        var wallet = AccountCode.Parse("wallet:12:water");
        Assert.Equal((AccountKind.WalletPocket, 12, Pocket.Water, (int?)null), (wallet.Kind, wallet.WalletId!.Value, wallet.Pocket!.Value, wallet.EstateId));
        var payable = AccountCode.Parse("estate:3:payable:41");
        Assert.Equal((AccountKind.Payable, 3, 41, (int?)null), (payable.Kind, payable.EstateId!.Value, payable.PayeeId!.Value, payable.WalletId));
        var levy = AccountCode.Parse("estate:3:levy-receivable:77");
        Assert.Equal((3, 77), (levy.EstateId!.Value, levy.UnitId!.Value));
        Assert.Null(AccountCode.Bank.EstateId);
        Assert.Equal(9, AccountCode.TrustBank(9).EstateId);
        Assert.NotEqual(AccountCode.Bank, AccountCode.TrustBank(9));
        Assert.Equal(AccountCode.Wallet(12, Pocket.Water), wallet);
    }

    [Theory]
    [InlineData("")]
    [InlineData("wallet:12")]
    [InlineData("wallet:x:water")]
    [InlineData("wallet:0:water")]
    [InlineData("wallet:-1:water")]
    [InlineData("wallet:012:water")]
    [InlineData("wallet:12:gas")]
    [InlineData("wallet:12:Electricity")]
    [InlineData("estate:3:revenue")]
    [InlineData("estate:3:payable:0")]
    [InlineData("estate:3:unknown")]
    [InlineData("estate:3:revenue:water:extra")]
    [InlineData("BANK")]
    [InlineData("wallet:99999999999:water")]
    public void Garbage_IsNotAnAccountCode(string text)
    {
        Assert.False(AccountCode.TryParse(text, out _));
        Assert.Throws<FormatException>(() => AccountCode.Parse(text));
    }

    [Fact]
    public void Default_NamesNoAccount() => Assert.False(default(AccountCode).IsDefined);

    [Fact]
    public void OpenedAccount_CarriesKindOwnerAndPocket()
    {
        var pocket = LedgerAccount.Open(AccountCode.Wallet(4, Pocket.Solar));
        Assert.Equal(("wallet:4:solar", AccountKind.WalletPocket, 4, Pocket.Solar, (int?)null), (pocket.Code, pocket.Kind, pocket.WalletId!.Value, pocket.Pocket!.Value, pocket.EstateId));
        var payable = LedgerAccount.Open(AccountCode.Payable(6, 2));
        Assert.Equal((AccountKind.Payable, 6, (int?)null, (Pocket?)null), (payable.Kind, payable.EstateId!.Value, payable.WalletId, payable.Pocket));
        var revenue = LedgerAccount.Open(AccountCode.Revenue(6, Pocket.Water));
        Assert.Null(revenue.Pocket); // a revenue account belongs to an estate, not a wallet pocket
        Assert.Equal(6, revenue.EstateId);
    }
}

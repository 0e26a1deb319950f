using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;

namespace Quantify.Tests.Domain;

/// <summary>
/// Who pays for a vacant unit's consumption (docs/billing.md, feature flag `vacant-to-common-property`): an occupied
/// unit's wallet always; a vacant unit or one under maintenance its own wallet, unless the estate bills vacancy to
/// common property. The common property account's code reads back to the same account. Written against the survivors
/// of `mutation/run.sh rules` (docs/testing.md).
/// </summary>
public class VacantConsumptionRulesTests
{
    [Theory]
    [InlineData(Occupancy.Occupied, VacantConsumption.OwnerWallet, true)]
    [InlineData(Occupancy.Occupied, VacantConsumption.CommonProperty, true)]
    [InlineData(Occupancy.Vacant, VacantConsumption.OwnerWallet, true)]
    [InlineData(Occupancy.Maintenance, VacantConsumption.OwnerWallet, true)]
    [InlineData(Occupancy.Vacant, VacantConsumption.CommonProperty, false)]
    [InlineData(Occupancy.Maintenance, VacantConsumption.CommonProperty, false)]
    public void ConsumptionPayer_IsTheWallet_UnlessTheUnitIsEmptyAndTheEstateBillsCommonProperty(Occupancy occupancy, VacantConsumption rule, bool wallet)
    {
        var payer = Postings.ConsumptionPayer(walletId: 12, estateId: 3, Pocket.Water, occupancy, rule);

        Assert.Equal(wallet ? AccountCode.Wallet(12, Pocket.Water) : AccountCode.CommonProperty(3, Pocket.Water), payer);
    }

    [Fact]
    public void AVacantUnitsReading_ChargesCommonProperty_SaysSo_AndStillCreditsRevenueAndVat()
    {
        var day = new DateOnly(2026, 11, 30);

        var vacant = Postings.Consumption(77, 12, 3, Pocket.Electricity, 100m, 15m, day, "Electricity 40 kWh", Occupancy.Vacant, VacantConsumption.CommonProperty);
        var occupied = Postings.Consumption(78, 12, 3, Pocket.Electricity, 100m, 15m, day, "Electricity 40 kWh", Occupancy.Occupied, VacantConsumption.CommonProperty);

        Assert.Equal("reading:77", vacant.IdempotencyKey);
        Assert.Equal("Electricity 40 kWh · vacant unit, common property", vacant.Description);
        Assert.Equal(new[] { (AccountCode.CommonProperty(3, Pocket.Electricity), -115m), (AccountCode.Revenue(3, Pocket.Electricity), 100m), (AccountCode.VatOutput, 15m) },
            vacant.Lines.Select(l => (l.Account, l.Amount)));
        Assert.Equal("Electricity 40 kWh", occupied.Description);
        Assert.Equal(AccountCode.Wallet(12, Pocket.Electricity), occupied.Lines[0].Account);
    }

    [Theory]
    [InlineData(Pocket.Electricity, "estate:3:common-property:electricity")]
    [InlineData(Pocket.HotWater, "estate:3:common-property:hotwater")]
    public void TheCommonPropertyAccount_HasItsCode_AndTheCodeParsesBackToIt(Pocket pocket, string code)
    {
        var account = AccountCode.CommonProperty(3, pocket);

        Assert.Equal(code, account.ToString());
        Assert.Equal(account, AccountCode.Parse(code));
        Assert.Equal(AccountKind.CommonProperty, AccountCode.Parse(code).Kind);
        Assert.Equal(pocket, AccountCode.Parse(code).Pocket);
        Assert.Equal(3, AccountCode.Parse(code).EstateId);
        Assert.Equal("Estate 3 common property " + pocket + " (vacant units)", account.DisplayName());
    }

    [Theory]
    [InlineData("estate:3:common-propert:water")]
    [InlineData("estate:3:common-property:gas")]
    [InlineData("estate:0:common-property:water")]
    public void ACommonPropertyCodeThatIsNearlyRight_DoesNotParse(string code) =>
        Assert.False(AccountCode.TryParse(code, out _));
}

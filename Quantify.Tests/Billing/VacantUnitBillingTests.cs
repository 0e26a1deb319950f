using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Billing;

/// <summary>
/// Issue 13 item 2: a vacant unit's consumption is billed as its estate decides: the unit's own wallet (the owner pays;
/// the default) or the estate's common property account. Readings go through the real pipeline and biller; the
/// rule itself is <c>Postings.ConsumptionPayer</c> in Domain.
/// </summary>
public class VacantUnitBillingTests : IAsyncLifetime
{
    private const string Serial = "SN-VAC-1";
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private ReadingPipeline pipeline = null!;
    private VacancyBillingService vacancy = null!;
    private int estateId, unitId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(T0.AddDays(40));
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        await w.MeterAsync(estateId, unitId, Serial);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        await ledger.EnsureWalletAsync(unitId);
        var directory = new TariffDirectory();
        var tariffs = new TariffService(w.Db.Factory, directory, w.Db.Clock);
        Assert.True((await tariffs.CreateAsync(estateId, null, Utility.Electricity, "Test electricity", new DateOnly(2026, 1, 1), TariffRules.Flat(2.00m))).IsSuccess);
        var biller = new ConsumptionBiller(ledger, directory, NullLogger<ConsumptionBiller>.Instance);
        pipeline = new ReadingPipeline(w.Db.Factory, new MessageDecoder(), new MeterDirectory(), [biller], [], w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
        vacancy = new VacancyBillingService(w.Db.Factory);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task OccupancyAsync(Occupancy occupancy)
    {
        await using var db = w.Db.Create();
        (await db.Units.SingleAsync(u => u.Id == unitId)).SetOccupancy(occupancy);
        await db.SaveChangesAsync();
    }

    private static IncomingMessage Msg(DateTimeOffset at, decimal register) =>
        new(MessageSource.Http, "quantify/gateways/gw-1/readings",
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { readings = new[] { new { serial = Serial, register, timestamp = at.ToString("o") } } })), at.AddSeconds(5), null);

    /// <summary>10 kWh at R 2,00 + 15 % VAT = R 23,00; returns (electricity pocket, common property account) balances.</summary>
    private async Task<(decimal Wallet, decimal? CommonProperty)> BillTenKwhAsync()
    {
        await pipeline.ProcessAsync([Msg(T0, 100m), Msg(T0.AddHours(1), 110m)], default);
        await using var db = w.Db.Create();
        var accounts = await db.LedgerAccounts.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Balance);
        var wallet = (await ledger.BalancesAsync(unitId)).Single(b => b.Pocket == Pocket.Electricity).Balance;
        Assert.Equal(20.00m, accounts[AccountCode.Revenue(estateId, Pocket.Electricity).ToString()]); // revenue is the same whoever pays
        return (wallet, accounts.TryGetValue(AccountCode.CommonProperty(estateId, Pocket.Electricity).ToString(), out var cp) ? cp : null);
    }

    [Fact]
    public async Task VacantUnit_InAnEstateBillingCommonProperty_ChargesCommonProperty_AndLeavesTheWalletAlone()
    {
        await OccupancyAsync(Occupancy.Vacant);
        Assert.True((await vacancy.SetAsync(estateId, VacantConsumption.CommonProperty)).IsSuccess);

        var (wallet, commonProperty) = await BillTenKwhAsync();

        Assert.Equal(0m, wallet);
        Assert.Equal(-23.00m, commonProperty);
        await using var db = w.Db.Create();
        var posting = await db.LedgerTransactions.AsNoTracking().SingleAsync(t => t.Type == TransactionType.Consumption);
        Assert.Contains("vacant unit, common property", posting.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VacantUnit_ByDefault_IsChargedToItsOwnWallet()
    {
        await OccupancyAsync(Occupancy.Vacant);
        Assert.Equal(VacantConsumption.OwnerWallet, await vacancy.RuleAsync(estateId));

        Assert.Equal((-23.00m, (decimal?)null), await BillTenKwhAsync());
    }

    [Fact]
    public async Task OccupiedUnit_IsChargedToItsWallet_WhateverTheEstatesVacancyRule()
    {
        await OccupancyAsync(Occupancy.Occupied);
        Assert.True((await vacancy.SetAsync(estateId, VacantConsumption.CommonProperty)).IsSuccess);

        Assert.Equal((-23.00m, (decimal?)null), await BillTenKwhAsync());
    }

    [Theory]
    [InlineData(Occupancy.Occupied, VacantConsumption.CommonProperty, true)]
    [InlineData(Occupancy.Occupied, VacantConsumption.OwnerWallet, true)]
    [InlineData(Occupancy.Vacant, VacantConsumption.OwnerWallet, true)]
    [InlineData(Occupancy.Vacant, VacantConsumption.CommonProperty, false)]
    [InlineData(Occupancy.Maintenance, VacantConsumption.CommonProperty, false)]
    public void ConsumptionPayer_IsTheWallet_UnlessVacantInACommonPropertyEstate(Occupancy occupancy, VacantConsumption rule, bool wallet)
    {
        var payer = Postings.ConsumptionPayer(7, 3, Pocket.Water, occupancy, rule);

        Assert.Equal(wallet ? AccountCode.Wallet(7, Pocket.Water) : AccountCode.CommonProperty(3, Pocket.Water), payer);
        Assert.Equal(payer, AccountCode.Parse(payer.ToString())); // the stored code reads back as the same account
    }

    [Fact]
    public void CommonPropertyCode_IsStable()
    {
        Assert.Equal("estate:3:common-property:hotwater", AccountCode.CommonProperty(3, Pocket.HotWater).ToString());
        Assert.Equal((3, (Pocket?)Pocket.HotWater), (AccountCode.Parse("estate:3:common-property:hotwater").EstateId, AccountCode.Parse("estate:3:common-property:hotwater").Pocket));
        Assert.False(AccountCode.TryParse("estate:3:common-property:gas", out _));
    }
}

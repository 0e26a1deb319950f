using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Billing;

/// <summary>
/// Monthly fixed charges are pro rata for the days a unit is occupied: A × days occupied / days in the month, rounded
/// once to the cent (half away from zero) over the month, accrued day by day; a full month is exactly A.
/// </summary>
public sealed class FixedChargeProRataTests : IAsyncLifetime
{
    // October 2026 has 31 days. Basic charge R100 a month + 15% VAT.
    private static readonly DateOnly October = new(2026, 10, 1);
    private static readonly TariffRules Basic = TariffRules.Flat(2m) with { FixedCharges = [new FixedCharge { Description = "Basic charge", Amount = 100m, Per = ChargePer.Month }] };
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private FixedChargeService fixedCharges = null!;
    private int estateId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        estateId = await w.EstateAsync();
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        var directory = new TariffDirectory();
        var created = await new TariffService(w.Db.Factory, directory, w.Db.Clock).CreateAsync(estateId, null, Utility.Electricity, "Basic", new DateOnly(2026, 1, 1), Basic);
        Assert.True(created.IsSuccess, created.Describe());
        fixedCharges = new FixedChargeService(w.Db.Factory, ledger, directory, w.Db.Clock);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<int> UnitAsync(string number, DateOnly? moveIn, DateOnly? moveOut)
    {
        var unit = await w.UnitAsync(estateId, number);
        await w.MeterAsync(estateId, unit, "SN-" + number);
        if (moveIn is DateOnly start)
            Assert.True((await w.Occupancy.AddTenancyAsync(unit, await w.PersonAsync(), start, moveOut)).IsSuccess);
        return unit;
    }

    private async Task<decimal> ElectricityAsync(int unit) => (await ledger.BalancesAsync(unit)).Single(b => b.Pocket == Pocket.Electricity).Balance;

    private async Task ChargeOctoberAsync()
    {
        for (var day = October; day.Month == 10; day = day.AddDays(1)) await fixedCharges.PostForAsync(day);
    }

    [Fact]
    public async Task MoveInOnThe20th_PaysTwelveThirtyFirsts_MoveOutOnThe10th_PaysTenThirtyFirsts_AFullMonthPaysAll()
    {
        var movedIn = await UnitAsync("IN20", new DateOnly(2026, 10, 20), null);
        var movedOut = await UnitAsync("OUT10", new DateOnly(2026, 3, 1), new DateOnly(2026, 10, 10));
        var wholeMonth = await UnitAsync("FULL", new DateOnly(2026, 3, 1), null);
        var noTenancy = await UnitAsync("OWNER", null, null);

        await ChargeOctoberAsync();
        await ChargeOctoberAsync(); // the nightly job re-run: nothing twice

        // 20-31 October = 12 days: 100 × 12 / 31 = 38.709677… → R38.71; VAT 15% of 38.71 = 5.8065 → R5.81.
        Assert.Equal(-(38.71m + 5.81m), await ElectricityAsync(movedIn));
        // 1-10 October = 10 days (the move-out day counts): 100 × 10 / 31 = 32.258064… → R32.26; VAT 4.839 → R4.84.
        Assert.Equal(-(32.26m + 4.84m), await ElectricityAsync(movedOut));
        Assert.Equal(-115.00m, await ElectricityAsync(wholeMonth));
        Assert.Equal(-115.00m, await ElectricityAsync(noTenancy)); // owner-occupied / not let through Quantify: the full month, as before
    }

    [Fact]
    public void ProRata_IsAccruedOnOccupiedDaysOnly_AndAddsUpToTheCent()
    {
        var occupied = Enumerable.Range(20, 12).ToHashSet();
        var days = Enumerable.Range(1, 31).Select(d => TariffPricer.FixedChargesFor(Basic, new DateOnly(2026, 10, d), occupied)).ToList();

        Assert.All(days.Take(19), d => Assert.Equal((0m, 0m), (d.ExclVat, d.Vat)));
        Assert.All(days.Skip(19), d => Assert.Equal("Basic charge (pro rata, 1/31 month)", Assert.Single(d.Lines).Description));
        Assert.Equal((38.71m, 5.81m), (days.Sum(d => d.ExclVat), days.Sum(d => d.Vat)));
        // Each day carries a cent-rounded share: 3.23 or 3.22 (100/31 = 3.2258…), never a fraction of a cent.
        Assert.All(days.Skip(19), d => Assert.Contains(d.ExclVat, new[] { 3.22m, 3.23m }));

        var full = Enumerable.Range(1, 31).Select(d => TariffPricer.FixedChargesFor(Basic, new DateOnly(2026, 10, d), Enumerable.Range(1, 31).ToHashSet())).ToList();
        Assert.Equal((100.00m, 15.00m), (full.Sum(d => d.ExclVat), full.Sum(d => d.Vat)));
    }

    [Fact]
    public void WithDailyCharges_TheVatOfTheMonthStillAddsUp()
    {
        // R3.33 a day and R100 a month, occupied 1-10 February 2027 (28 days): 33.30 + round(100 × 10/28 = 35.714…) = 35.71 → 69.01; VAT 10.3515 → 10.35.
        var rules = Basic with { FixedCharges = [.. Basic.FixedCharges, new FixedCharge { Description = "Service charge", Amount = 3.33m, Per = ChargePer.Day }] };
        var occupied = Enumerable.Range(1, 10).ToHashSet();
        var days = Enumerable.Range(1, 10).Select(d => TariffPricer.FixedChargesFor(rules, new DateOnly(2027, 2, d), occupied)).ToList();
        Assert.Equal((69.01m, 10.35m), (days.Sum(d => d.ExclVat), days.Sum(d => d.Vat)));
    }
}

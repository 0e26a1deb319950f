using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;

using static Quantify.Tests.Domain.TariffTestKit;

namespace Quantify.Tests.Domain;

public class TariffPricerTests
{
    private static readonly TariffRules Blocks = TariffRules.SampleElectricityBlocks(); // R2.50 ≤350 kWh, R3.10 above; 50 kWh free basic
    private static readonly TariffRules Tou = TariffRules.SampleTimeOfUse();

    [Fact]
    public void Flat_TenKwhAtR2_50_IsR25_PlusR3_75Vat()
    {
        // 10 kWh × R2.50 = R25.00; VAT 15% = R3.75; total R28.75.
        var c = Price(TariffRules.Flat(2.50m), "2026-03-10 08:00", "2026-03-10 09:00", 10m);
        var line = Assert.Single(c.Lines);
        Assert.Equal(("Consumption (flat rate)", 10m, 2.50m, 25.00m), (line.Description, line.Quantity, line.Rate, line.Amount));
        Assert.Equal((25.00m, 3.75m, 28.75m, 15m), (c.ExclVat, c.Vat, c.Total, c.VatPercent));
        AssertConsistent(c);
    }

    [Fact]
    public void Vat_IsFifteenPercentOfTheExclAmount_RoundedHalfAwayFromZero()
    {
        // 1.1 kWh × R1.00 = R1.10; VAT 0.165 → R0.17 (half a cent rounds up); total R1.27.
        var c = Price(TariffRules.Flat(1m), "2026-03-10 08:00", "2026-03-10 09:00", 1.1m);
        Assert.Equal((1.10m, 0.17m, 1.27m), (c.ExclVat, c.Vat, c.Total));
        // A VAT-exempt estate (0%): no VAT.
        var exempt = Price(TariffRules.Flat(1m) with { VatPercent = 0m }, "2026-03-10 08:00", "2026-03-10 09:00", 1.1m);
        Assert.Equal((1.10m, 0m, 1.10m), (exempt.ExclVat, exempt.Vat, exempt.Total));
    }

    [Fact]
    public void ReadingCrossingTheBlockEdge_IsSplitExactlyAt350()
    {
        // 340 kWh already this month (R850.00). 20 kWh more: 10 × R2.50 = R25.00 + 10 × R3.10 = R31.00 = R56.00; VAT R8.40.
        var mtd = new MonthToDate { Month = new DateOnly(2026, 3, 1), Quantity = 340m };
        var c = Price(Blocks, "2026-03-20 08:00", "2026-03-20 12:00", 20m, Context(monthToDate: mtd));

        Assert.Equal(2, c.Lines.Count);
        Assert.Equal(("Block 1 (≤350 kWh)", 10m, 2.50m, 25.00m, 1), (c.Lines[0].Description, c.Lines[0].Quantity, c.Lines[0].Rate, c.Lines[0].Amount, c.Lines[0].Block));
        Assert.Equal(("Block 2 (>350 kWh)", 10m, 3.10m, 31.00m, 2), (c.Lines[1].Description, c.Lines[1].Quantity, c.Lines[1].Rate, c.Lines[1].Amount, c.Lines[1].Block));
        Assert.Equal((56.00m, 8.40m, 64.40m), (c.ExclVat, c.Vat, c.Total));
        // The month-to-date cost was recomputed from the 340 kWh (R850) and carried on: R906.
        Assert.Equal(new MonthToDate { Month = new DateOnly(2026, 3, 1), Quantity = 360m, FreeBasicUsed = 0m, CostUnrounded = 906.000m }, c.After);
    }

    [Fact]
    public void WaterSteps_AreNamedWithTheirRanges()
    {
        // 5 kL done; 7 kL more: 1 kL of step 1 (R26.10), 4.5 kL of step 2 (R168.75), 1.5 kL of step 3 (R78.375 → R78.38).
        var mtd = new MonthToDate { Month = new DateOnly(2026, 3, 1), Quantity = 5m, CostUnrounded = 130.50m };
        var r = TariffPricer.Price(TariffRules.SampleWaterBlocks(), Utility.Water, Context(monthToDate: mtd), At("2026-03-20 00:00"), At("2026-03-21 00:00"), 7m);
        var c = r.Value;
        Assert.Equal(["Block 1 (≤6 kL)", "Block 2 (>6 to 10,5 kL)", "Block 3 (>10,5 to 20 kL)"], c.Lines.Select(l => l.Description));
        Assert.Equal([1m, 4.5m, 1.5m], c.Lines.Select(l => l.Quantity));
        // Month cost 130.50 → 403.725: charge = round(403.725) − round(130.50) = 403.73 − 130.50 = 273.23.
        Assert.Equal(273.23m, c.ExclVat);
        Assert.Equal("kL", c.Lines[0].Unit);
        AssertConsistent(c);
    }

    [Fact]
    public void MonthBoundary_ResetsTheBlocks()
    {
        // 400 kWh in March (cost 350 × 2.50 + 50 × 3.10 = R1 030). Reading 31 Mar 23:00 → 1 Apr 01:00, 4 kWh:
        // 2 kWh in March at block 2 (R6.20) and 2 kWh in April at block 1 again (R5.00): R11.20.
        // VAT per month, cumulatively: March round(0.15 × 1036.20) − round(0.15 × 1030) = 155.43 − 154.50 = 0.93; April 0.75.
        var mtd = new MonthToDate { Month = new DateOnly(2026, 3, 1), Quantity = 400m, CostUnrounded = 1030m };
        var c = Price(Blocks, "2026-03-31 23:00", "2026-04-01 01:00", 4m, Context(monthToDate: mtd));

        Assert.Equal(2, c.Lines.Count);
        Assert.Equal((new DateOnly(2026, 3, 1), "Block 2 (>350 kWh)", 2m, 6.20m), (c.Lines[0].Month, c.Lines[0].Description, c.Lines[0].Quantity, c.Lines[0].Amount));
        Assert.Equal((new DateOnly(2026, 4, 1), "Block 1 (≤350 kWh)", 2m, 5.00m), (c.Lines[1].Month, c.Lines[1].Description, c.Lines[1].Quantity, c.Lines[1].Amount));
        Assert.Equal((11.20m, 1.68m, 12.88m), (c.ExclVat, c.Vat, c.Total));
        Assert.Equal(new MonthToDate { Month = new DateOnly(2026, 4, 1), Quantity = 2m, FreeBasicUsed = 0m, CostUnrounded = 5.00m }, c.After);
    }

    [Fact]
    public void MonthToDateOfAnEarlierMonth_IsIgnored_TheNewMonthStartsAtZero()
    {
        var march = new MonthToDate { Month = new DateOnly(2026, 3, 1), Quantity = 500m, CostUnrounded = 1340m };
        var c = Price(Blocks, "2026-04-02 08:00", "2026-04-02 09:00", 10m, Context(monthToDate: march));
        Assert.Equal("Block 1 (≤350 kWh)", Assert.Single(c.Lines).Description);
        Assert.Equal(25.00m, c.ExclVat);
    }

    [Fact]
    public void ThirtyDailyReadings_AddUpToTheMonthPricedInOneGo_ToTheCent()
    {
        // April 2026: 29 days of 12.333 kWh and one of 0.333 kWh = 357.990 kWh.
        // In one go: 350 × R2.50 = R875.00 + 7.990 × R3.10 = R24.769 → R899.77; VAT 134.9655 → R134.97; total R1 034.74.
        var quantities = Enumerable.Repeat(12.333m, 29).Append(0.333m).ToList();
        var context = Context();
        decimal excl = 0, vat = 0, naive = 0;
        var day = At("2026-04-01 00:00");
        foreach (var q in quantities)
        {
            var c = TariffPricer.Price(Blocks, Utility.Electricity, context, day, day.AddDays(1), q).Value;
            AssertConsistent(c);
            excl += c.ExclVat;
            vat += c.Vat;
            naive += Math.Round(c.Lines.Sum(l => l.ExactAmount), 2, MidpointRounding.AwayFromZero);
            context = context with { MonthToDate = c.After };
            day = day.AddDays(1);
        }
        var oneGo = Price(Blocks, "2026-04-01 00:00", "2026-05-01 00:00", quantities.Sum());

        Assert.Equal(357.990m, quantities.Sum());
        Assert.Equal((899.77m, 134.97m, 1034.74m), (oneGo.ExclVat, oneGo.Vat, oneGo.Total));
        Assert.Equal(oneGo.ExclVat, excl);
        Assert.Equal(oneGo.Vat, vat);
        // Rounding each reading on its own would have lost 7 cents (28 × 30.8325 → 30.83 each).
        Assert.Equal(899.70m, naive);
    }

    [Fact]
    public void FreeBasic_OnlyForEligibleUnits_FirstFiftyKwhOfTheMonth()
    {
        // Eligible: 30 kWh all free; then 40 kWh: 20 free + 20 × R2.50 = R50.00.
        var first = Price(Blocks, "2026-03-01 00:00", "2026-03-05 00:00", 30m, Context(eligible: true));
        var line = Assert.Single(first.Lines);
        Assert.Equal((ChargeLineKind.FreeBasic, "Free basic (50 kWh a month)", 30m, 0m, 0m), (line.Kind, line.Description, line.Quantity, line.Rate, line.Amount));
        Assert.Equal((0m, 0m), (first.ExclVat, first.Vat));

        var second = Price(Blocks, "2026-03-05 00:00", "2026-03-10 00:00", 40m, Context(eligible: true, monthToDate: first.After));
        Assert.Equal([(20m, 0m), (20m, 50.00m)], second.Lines.Select(l => (l.Quantity, l.Amount)));
        Assert.Equal(50.00m, second.ExclVat);
        Assert.Equal((70m, 50m), (second.After.Quantity, second.After.FreeBasicUsed));

        // Not eligible: the same 30 kWh costs R75.00.
        Assert.Equal(75.00m, Price(Blocks, "2026-03-01 00:00", "2026-03-05 00:00", 30m, Context(eligible: false)).ExclVat);
    }

    [Fact]
    public void FreeBasic_ResetsOnTheFirst_AndFreeUnitsCountTowardsTheBlocks()
    {
        // March used up (60 kWh, 50 free). A reading 31 Mar 22:00 → 1 Apr 02:00 of 8 kWh: 4 kWh in March at R2.50 (R10.00),
        // 4 kWh in April free again.
        var march = new MonthToDate { Month = new DateOnly(2026, 3, 1), Quantity = 60m, FreeBasicUsed = 50m, CostUnrounded = 25m };
        var c = Price(Blocks, "2026-03-31 22:00", "2026-04-01 02:00", 8m, Context(eligible: true, monthToDate: march));
        Assert.Equal([("Block 1 (≤350 kWh)", 4m, 10.00m), ("Free basic (50 kWh a month)", 4m, 0m)], c.Lines.Select(l => (l.Description, l.Quantity, l.Amount)));
        Assert.Equal(new MonthToDate { Month = new DateOnly(2026, 4, 1), Quantity = 4m, FreeBasicUsed = 4m, CostUnrounded = 0m }, c.After);

        // An eligible unit using 400 kWh in a month: 50 free, 300 × R2.50 = R750, 50 × R3.10 = R155: R905.00.
        var month = Price(Blocks, "2026-04-01 00:00", "2026-05-01 00:00", 400m, Context(eligible: true));
        Assert.Equal([50m, 300m, 50m], month.Lines.Select(l => l.Quantity));
        Assert.Equal(905.00m, month.ExclVat);
    }

    [Fact]
    public void TimeOfUse_1630To1730OnAHighSeasonWeekday_SplitsStandardAndPeakAt1700()
    {
        // Wednesday 15 July 2026. 1 kWh: 0.5 kWh standard (R2.20) = R1.10, 0.5 kWh peak (R7.10) = R3.55.
        // R4.65 excl; VAT 0.6975 → R0.70; total R5.35.
        var c = Price(Tou, "2026-07-15 16:30", "2026-07-15 17:30", 1m);
        Assert.Equal([("Standard (high season)", 0.5m, 2.20m, 1.10m), ("Peak (high season)", 0.5m, 7.10m, 3.55m)],
            c.Lines.Select(l => (l.Description, l.Quantity, l.Rate, l.Amount)));
        Assert.Equal([TouBand.Standard, TouBand.Peak], c.Lines.Select(l => l.Band!.Value));
        Assert.Equal((4.65m, 0.70m, 5.35m), (c.ExclVat, c.Vat, c.Total));
        Assert.Equal(4.65m, c.After.CostUnrounded);
    }

    [Fact]
    public void TimeOfUse_UnevenSplit_ApportionsByTime()
    {
        // 16:45-17:30: 15 of 45 minutes standard. 0.9 kWh → 0.3 standard (R0.66) + 0.6 peak (R4.26) = R4.92.
        var c = Price(Tou, "2026-07-15 16:45", "2026-07-15 17:30", 0.9m);
        Assert.Equal([0.3m, 0.6m], c.Lines.Select(l => l.Quantity));
        Assert.Equal(4.92m, c.ExclVat);
    }

    [Fact]
    public void TimeOfUse_PublicHoliday_IsPricedAsASunday()
    {
        // Youth Day, Tuesday 16 June 2026, 17:00-18:00: off-peak all day as a Sunday, 2 kWh × R1.20 = R2.40.
        // The next day, an ordinary Wednesday, the same hour is peak: 2 kWh × R7.10 = R14.20.
        var holiday = Price(Tou, "2026-06-16 17:00", "2026-06-16 18:00", 2m);
        Assert.Equal(("Off-peak (high season)", 2.40m), (Assert.Single(holiday.Lines).Description, holiday.ExclVat));
        var wednesday = Price(Tou, "2026-06-17 17:00", "2026-06-17 18:00", 2m);
        Assert.Equal(("Peak (high season)", 14.20m), (Assert.Single(wednesday.Lines).Description, wednesday.ExclVat));
    }

    [Fact]
    public void TimeOfUse_Saturday_UsesTheSaturdayHours()
    {
        // Saturday 13 June 2026, 11:00-13:00: 11-12 standard (R2.20), 12-13 off-peak (R1.20); 2 kWh → R3.40.
        var c = Price(Tou, "2026-06-13 11:00", "2026-06-13 13:00", 2m);
        Assert.Equal(["Standard (high season)", "Off-peak (high season)"], c.Lines.Select(l => l.Description));
        Assert.Equal(3.40m, c.ExclVat);
    }

    [Fact]
    public void TimeOfUse_SeasonChangeAtTheFirstOfJune()
    {
        // Sunday 31 May 23:00 → Monday 1 June 01:00, 2 kWh: 1 kWh off-peak low season (R1.05) in May,
        // 1 kWh off-peak high season (R1.20) in June. VAT per month: round(0.1575)=0.16 + round(0.18)=0.18.
        var c = Price(Tou, "2026-05-31 23:00", "2026-06-01 01:00", 2m);
        Assert.Equal([(new DateOnly(2026, 5, 1), "Off-peak (low season)", 1m, 1.05m), (new DateOnly(2026, 6, 1), "Off-peak (high season)", 1m, 1.20m)],
            c.Lines.Select(l => (l.Month, l.Description, l.Quantity, l.Amount)));
        Assert.Equal([Season.LowDemand, Season.HighDemand], c.Lines.Select(l => l.Season!.Value));
        Assert.Equal((2.25m, 0.34m, 2.59m), (c.ExclVat, c.Vat, c.Total));
        Assert.Equal(new MonthToDate { Month = new DateOnly(2026, 6, 1), Quantity = 1m, FreeBasicUsed = 0m, CostUnrounded = 1.20m }, c.After);
    }

    [Fact]
    public void TimeOfUse_ReadingAcrossADay_CoversEveryBandOnce()
    {
        // Wednesday 15 July 2026, a whole day, 24 kWh (1 kWh an hour):
        // peak 5 h × R7.10 = 35.50, standard 11 h × R2.20 = 24.20, off-peak 8 h × R1.20 = 9.60 → R69.30.
        var c = Price(Tou, "2026-07-15 00:00", "2026-07-16 00:00", 24m);
        Assert.Equal([("Off-peak (high season)", 8m), ("Peak (high season)", 5m), ("Standard (high season)", 11m)],
            c.Lines.Select(l => (l.Description, l.Quantity)));
        Assert.Equal(69.30m, c.ExclVat);
    }

    [Fact]
    public void TimeOfUse_WithoutTheMonthsCostSoFar_IsRefused()
    {
        var mtd = new MonthToDate { Month = new DateOnly(2026, 7, 1), Quantity = 100m };
        var r = TariffPricer.Price(Tou, Utility.Electricity, Context(monthToDate: mtd), At("2026-07-15 16:30"), At("2026-07-15 17:30"), 1m);
        Assert.Equal("month_cost_required", Assert.Single(r.Errors).Code);
    }

    [Fact]
    public void TariffChangeAtMidnight_SplitsTheReadingBetweenVersions()
    {
        // R2.50 until 14 March, R2.80 from 15 March. Reading 14 Mar 22:00 → 15 Mar 02:00, 4 kWh:
        // 2 kWh × R2.50 = R5.00 + 2 kWh × R2.80 = R5.60 = R10.60.
        var v1 = Create(TariffRules.Flat(2.50m), "2026-01-01");
        var v2 = v1.Supersede(TariffRules.Flat(2.80m), new DateOnly(2026, 3, 15)).Value;
        var c = TariffPricer.Price([v1, v2], Context(), At("2026-03-14 22:00"), At("2026-03-15 02:00"), 4m).Value;
        Assert.Equal([(2m, 2.50m, 5.00m), (2m, 2.80m, 5.60m)], c.Lines.Select(l => (l.Quantity, l.Rate, l.Amount)));
        Assert.Equal(10.60m, c.ExclVat);
    }

    [Fact]
    public void TariffChangeMidMonth_KeepsAccumulatingTheMonthsBlocks()
    {
        // 345 kWh so far (R862.50). New version from 15 March: R2.70 ≤350, R3.30 above.
        // 10 kWh over midnight: 5 kWh on the 14th at old block 1 (R12.50), 5 kWh on the 15th at NEW block 2 (R16.50) = R29.00.
        var v1 = Create(Blocks, "2026-01-01");
        var v2 = v1.Supersede(Blocks with { Blocks = [new() { UpTo = 350m, Rate = 2.70m }, new() { Rate = 3.30m }] }, new DateOnly(2026, 3, 15)).Value;
        var mtd = new MonthToDate { Month = new DateOnly(2026, 3, 1), Quantity = 345m, CostUnrounded = 862.50m };
        var c = TariffPricer.Price([v1, v2], Context(monthToDate: mtd), At("2026-03-14 23:00"), At("2026-03-15 01:00"), 10m).Value;
        Assert.Equal([("Block 1 (≤350 kWh)", 5m, 2.50m), ("Block 2 (>350 kWh)", 5m, 3.30m)], c.Lines.Select(l => (l.Description, l.Quantity, l.Rate)));
        Assert.Equal(29.00m, c.ExclVat);
        Assert.Equal(891.50m, c.After.CostUnrounded);
    }

    [Fact]
    public void SplitQuantities_AlwaysAddUpToTheReading()
    {
        // 1 kWh over 3 hours crossing two hour edges and a band change: 1/3 each, the last part takes the remainder.
        var c = Price(Tou, "2026-07-15 15:00", "2026-07-15 18:00", 1m);
        Assert.Equal(1m, c.Lines.Sum(l => l.Quantity));
        Assert.Equal([0.666667m, 0.333333m], c.Lines.Select(l => l.Quantity)); // standard 15-17, peak 17-18
    }

    [Fact]
    public void ZeroLengthReading_IsPricedAtItsInstant()
    {
        var c = Price(Tou, "2026-07-15 17:00", "2026-07-15 17:00", 1m);
        Assert.Equal(("Peak (high season)", 7.10m), (Assert.Single(c.Lines).Description, c.ExclVat));
    }

    [Fact]
    public void BadInput_IsRefusedWithAReason()
    {
        var flat = TariffRules.Flat(2m);
        Assert.Equal("to_before_from", Assert.Single(TariffPricer.Price(flat, Utility.Electricity, Context(), At("2026-03-02 00:00"), At("2026-03-01 00:00"), 1m).Errors).Code);
        Assert.Equal("negative_quantity", Assert.Single(TariffPricer.Price(flat, Utility.Electricity, Context(), At("2026-03-01 00:00"), At("2026-03-02 00:00"), -1m).Errors).Code);
        var ahead = new MonthToDate { Month = new DateOnly(2026, 4, 1), Quantity = 1m, CostUnrounded = 2m };
        Assert.Equal("out_of_order", Assert.Single(TariffPricer.Price(flat, Utility.Electricity, Context(monthToDate: ahead), At("2026-03-01 00:00"), At("2026-03-02 00:00"), 1m).Errors).Code);
        var noMonth = new MonthToDate { Quantity = 10m };
        Assert.Equal("month_missing", Assert.Single(TariffPricer.Price(flat, Utility.Electricity, Context(monthToDate: noMonth), At("2026-03-01 00:00"), At("2026-03-02 00:00"), 1m).Errors).Code);
        Assert.Equal("required", Assert.Single(TariffPricer.Price(new TariffRules(), Utility.Electricity, Context(), At("2026-03-01 00:00"), At("2026-03-02 00:00"), 1m).Errors).Code);
    }

    [Fact]
    public void DailyFixedCharge_AddsUpToTheMonth_VatIncluded()
    {
        // R3.33 a day in April (30 days): R99.90, VAT 14.985 → R14.99. Rounded per day VAT would be 30 × 0.50 = R15.00.
        var rules = TariffRules.Flat(2m) with { FixedCharges = [new() { Description = "Service charge", Amount = 3.33m, Per = ChargePer.Day }] };
        var days = Enumerable.Range(1, 30).Select(d => TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 4, d))).ToList();
        Assert.All(days, d => Assert.Equal(3.33m, d.ExclVat));
        Assert.All(days, AssertConsistent);
        var month = TariffPricer.FixedChargesForMonth(rules, 2026, 4);
        Assert.Equal((99.90m, 14.99m, 114.89m), (month.ExclVat, month.Vat, month.Total));
        Assert.Equal(month.Vat, days.Sum(d => d.Vat));
        Assert.Equal(("Service charge", 30m, "day", 3.33m), (month.Lines[0].Description, month.Lines[0].Quantity, month.Lines[0].Unit, month.Lines[0].Rate));
    }

    [Fact]
    public void DailyFixedChargeWithHalfCents_AlternatesCents_AndAddsUp()
    {
        // R8.575 a day: day 1 R8.58 (8.575 rounds up), day 2 round(17.15) − 8.58 = R8.57; 30 days = R257.25.
        var rules = TariffRules.Flat(2m) with { FixedCharges = [new() { Description = "Service", Amount = 8.575m, Per = ChargePer.Day }] };
        Assert.Equal(8.58m, TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 4, 1)).ExclVat);
        Assert.Equal(8.57m, TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 4, 2)).ExclVat);
        Assert.Equal(257.25m, Enumerable.Range(1, 30).Sum(d => TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 4, d)).ExclVat));
        Assert.Equal(257.25m, TariffPricer.FixedChargesForMonth(rules, 2026, 4).ExclVat);
    }

    [Fact]
    public void MonthlyFixedCharge_IsChargedOnTheFirst()
    {
        // R150 a month: on 1 April R150.00 + VAT R22.50; nothing on the 2nd.
        var rules = TariffRules.Flat(2m) with { FixedCharges = [new() { Description = "Basic charge", Amount = 150m, Per = ChargePer.Month }] };
        var first = TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 4, 1));
        Assert.Equal(("Basic charge", "month", 150.00m, 22.50m), (Assert.Single(first.Lines).Description, first.Lines[0].Unit, first.ExclVat, first.Vat));
        var second = TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 4, 2));
        Assert.Empty(second.Lines);
        Assert.Equal((0m, 0m), (second.ExclVat, second.Vat));
    }

    [Fact]
    public void WorkedExampleInDocs_ThreeReadingsOfAnEligibleUnit()
    {
        // docs/tariffs.md, "Worked example". Sample blocks, eligible for 50 kWh free basic electricity.
        var context = Context(eligible: true);

        // 1 → 10 March, 120 kWh: 50 free + 70 × R2.50 = R175.00; VAT R26.25.
        var r1 = Price(Blocks, "2026-03-01 00:00", "2026-03-10 00:00", 120m, context);
        Assert.Equal([("Free basic (50 kWh a month)", 50m, 0m), ("Block 1 (≤350 kWh)", 70m, 175.00m)], r1.Lines.Select(l => (l.Description, l.Quantity, l.Amount)));
        Assert.Equal((175.00m, 26.25m), (r1.ExclVat, r1.Vat));

        // 10 → 31 March 22:00, 240.333 kWh: 230 × R2.50 = R575.00 + 10.333 × R3.10 = R32.0323.
        // Month cost 175 → 782.0323: charge 782.03 − 175.00 = R607.03; VAT round(117.3045) − 26.25 = 117.30 − 26.25 = R91.05.
        var r2 = Price(Blocks, "2026-03-10 00:00", "2026-03-31 22:00", 240.333m, context with { MonthToDate = r1.After });
        Assert.Equal([("Block 1 (≤350 kWh)", 230m, 575.00m), ("Block 2 (>350 kWh)", 10.333m, 32.03m)], r2.Lines.Select(l => (l.Description, l.Quantity, l.Amount)));
        Assert.Equal((607.03m, 91.05m), (r2.ExclVat, r2.Vat));

        // 31 March 22:00 → 1 April 02:00, 4 kWh: 2 kWh in March at R3.10 (month cost 788.2323: 788.23 − 782.03 = R6.20,
        // VAT round(118.2345) − 117.30 = R0.93) and 2 kWh in April, free again.
        var r3 = Price(Blocks, "2026-03-31 22:00", "2026-04-01 02:00", 4m, context with { MonthToDate = r2.After });
        Assert.Equal([(new DateOnly(2026, 3, 1), "Block 2 (>350 kWh)", 2m, 6.20m), (new DateOnly(2026, 4, 1), "Free basic (50 kWh a month)", 2m, 0m)],
            r3.Lines.Select(l => (l.Month, l.Description, l.Quantity, l.Amount)));
        Assert.Equal((6.20m, 0.93m), (r3.ExclVat, r3.Vat));

        // March in one go: 50 free + 300 × 2.50 + 12.333 × 3.10 = 788.2323 → R788.23, VAT R118.23: the same as the readings.
        var march = Price(Blocks, "2026-03-01 00:00", "2026-04-01 00:00", 362.333m, context);
        Assert.Equal((788.23m, 118.23m), (march.ExclVat, march.Vat));
        Assert.Equal(march.ExclVat, r1.ExclVat + r2.ExclVat + r3.ExclVat);
        Assert.Equal(march.Vat, r1.Vat + r2.Vat + r3.Vat);
    }
}

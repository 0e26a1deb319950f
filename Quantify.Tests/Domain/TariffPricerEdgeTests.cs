using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;

using static Quantify.Tests.Domain.TariffTestKit;

namespace Quantify.Tests.Domain;

/// <summary>
/// The pricer at its edges: block ends and time-of-use hour edges priced exactly, month and tariff-change cuts, the
/// month-to-date guard, cent spreading over lines, pro-rata fixed charges, and the refusals with the words people read.
/// </summary>
public class TariffPricerEdgeTests
{
    private static readonly DateOnly July = new(2026, 7, 1);

    private static MonthToDate JulyAt(decimal quantity, decimal? cost) => new() { Month = July, Quantity = quantity, CostUnrounded = cost };

    private static Quantify.Domain.Common.Error Refusal(TariffRules rules, PricingContext context, string from, string to, decimal quantity)
    {
        var r = TariffPricer.Price(rules, Utility.Electricity, context, At(from), At(to), quantity);
        Assert.True(r.IsFailure);
        return Assert.Single(r.Errors);
    }

    // ------------------------------------------------------------ block edges (R2.50 up to 350 kWh, R3.10 above)

    [Fact]
    public void Blocks_ReadingEndingExactlyAtTheBlockEnd_IsAllInBlock1()
    {
        var c = Price(TariffRules.SampleElectricityBlocks(), "2026-07-15 00:00", "2026-07-16 00:00", 10m, Context(monthToDate: JulyAt(340m, 850m)));
        var line = Assert.Single(c.Lines);
        Assert.Equal(("Block 1 (≤350 kWh)", 10m, 25.00m), (line.Description, line.Quantity, line.Amount));
        Assert.Equal(350m, c.After.Quantity);
    }

    [Fact]
    public void Blocks_OneUnitPastTheEnd_IsPricedInBlock2()
    {
        var c = Price(TariffRules.SampleElectricityBlocks(), "2026-07-15 00:00", "2026-07-16 00:00", 11m, Context(monthToDate: JulyAt(340m, 850m)));
        Assert.Equal([("Block 1 (≤350 kWh)", 10m, 25.00m), ("Block 2 (>350 kWh)", 1m, 3.10m)], c.Lines.Select(l => (l.Description, l.Quantity, l.Amount)));
        Assert.Equal(28.10m, c.ExclVat);
    }

    [Fact]
    public void Blocks_StartingExactlyAtTheBlockEnd_IsAllInBlock2()
    {
        var c = Price(TariffRules.SampleElectricityBlocks(), "2026-07-15 00:00", "2026-07-16 00:00", 1m, Context(monthToDate: JulyAt(350m, 875m)));
        Assert.Equal(("Block 2 (>350 kWh)", 3.10m), (Assert.Single(c.Lines).Description, c.ExclVat));
    }

    [Fact]
    public void Blocks_MiddleBlockAndOnlyBlock_AreNamedByTheirRange()
    {
        var water = TariffPricer.Price(TariffRules.SampleWaterBlocks(), Utility.Water, Context(), At("2026-07-01 00:00"), At("2026-07-02 00:00"), 8m).Value;
        Assert.Equal(["Block 1 (≤6 kL)", "Block 2 (>6 to 10,5 kL)"], water.Lines.Select(l => l.Description));
        var single = Price(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { Rate = 2m }] }, "2026-07-01 00:00", "2026-07-02 00:00", 5m);
        Assert.Equal(("Block 1 (all kWh)", 10.00m), (Assert.Single(single.Lines).Description, single.ExclVat));
    }

    [Fact]
    public void FreeBasic_WhenTheWholeReadingIsFree_UnderAFlatRate_HasNoZeroConsumptionLine()
    {
        var c = Price(TariffRules.Flat(2m) with { FreeBasicPerMonth = 50m }, "2026-07-01 00:00", "2026-07-02 00:00", 10m, Context(eligible: true));
        Assert.Equal((ChargeLineKind.FreeBasic, 10m), (Assert.Single(c.Lines).Kind, c.Lines[0].Quantity));
        Assert.Equal(0m, c.Total);
    }

    [Fact]
    public void FreeBasic_WhenTheWholeReadingIsFree_HasOnlyTheFreeLine()
    {
        var c = Price(TariffRules.SampleElectricityBlocks(), "2026-07-01 00:00", "2026-07-02 00:00", 10m, Context(eligible: true));
        var line = Assert.Single(c.Lines);
        Assert.Equal((ChargeLineKind.FreeBasic, "Free basic (50 kWh a month)", 10m, 0m), (line.Kind, line.Description, line.Quantity, line.Amount));
        Assert.Equal(0m, c.Total);
    }

    // ------------------------------------------------------------ time-of-use hour edges (high season weekday: peak 06-09 and 17-19)

    [Theory]
    [InlineData("2026-07-15 05:00", "2026-07-15 06:00", "Off-peak (high season)", 1.20)]
    [InlineData("2026-07-15 06:00", "2026-07-15 07:00", "Peak (high season)", 7.10)]
    [InlineData("2026-07-15 08:00", "2026-07-15 09:00", "Peak (high season)", 7.10)]
    [InlineData("2026-07-15 09:00", "2026-07-15 10:00", "Standard (high season)", 2.20)]
    [InlineData("2026-07-15 21:00", "2026-07-15 22:00", "Standard (high season)", 2.20)]
    [InlineData("2026-07-15 22:00", "2026-07-15 23:00", "Off-peak (high season)", 1.20)]
    [InlineData("2026-09-16 07:00", "2026-09-16 08:00", "Peak (low season)", 2.30)]
    [InlineData("2026-09-16 06:00", "2026-09-16 07:00", "Standard (low season)", 1.60)]
    public void TimeOfUse_AnHourBetweenEdges_IsPricedInItsBandOnly(string from, string to, string band, double rate)
    {
        var c = Price(TariffRules.SampleTimeOfUse(), from, to, 1m, Context(monthToDate: MonthToDate.StartOf(DateOnly.FromDateTime(At(from).DateTime))));
        var line = Assert.Single(c.Lines);
        Assert.Equal((band, 1m, (decimal)rate), (line.Description, line.Quantity, line.Amount));
    }

    [Fact]
    public void TimeOfUse_AcrossAnEdge_SplitsTheQuantityByTime()
    {
        var c = Price(TariffRules.SampleTimeOfUse(), "2026-07-15 05:00", "2026-07-15 07:00", 2m, Context(monthToDate: MonthToDate.StartOf(July)));
        Assert.Equal([("Off-peak (high season)", 1m, 1.20m), ("Peak (high season)", 1m, 7.10m)], c.Lines.Select(l => (l.Description, l.Quantity, l.Amount)));
        var evening = Price(TariffRules.SampleTimeOfUse(), "2026-07-15 16:30", "2026-07-15 19:30", 6m, Context(monthToDate: MonthToDate.StartOf(July)));
        Assert.Equal([("Standard (high season)", 2m), ("Peak (high season)", 4m)], evening.Lines.Select(l => (l.Description, l.Quantity)));
    }

    [Fact]
    public void TimeOfUse_AcrossTheMonthEnd_EachMonthGetsItsOwnHours()
    {
        var c = Price(TariffRules.SampleTimeOfUse(), "2026-07-31 23:00", "2026-08-01 01:00", 2m, Context(monthToDate: MonthToDate.StartOf(July)));
        Assert.Equal([(July, 1m), (new DateOnly(2026, 8, 1), 1m)], c.Months.Select(m => (m.Month, m.Quantity)));
        Assert.Equal([July, new DateOnly(2026, 8, 1)], c.Lines.Select(l => l.Month));
    }

    [Fact]
    public void TimeOfUse_InAZoneWithDaylightSaving_TheRepeatedHourIsPricedAsTheHourItIs()
    {
        // Europe/London falls back on Sunday 25 Oct 2026: 01:00-02:00 local happens twice. Hour 0 is peak, the rest off-peak.
        IReadOnlyList<TouHours> day = [new() { FromHour = 0, ToHour = 1, Band = TouBand.Peak }, new() { FromHour = 1, ToHour = 24, Band = TouBand.OffPeak }];
        var schedule = new TouSeasonSchedule { Weekday = day, Saturday = day, Sunday = day, Rates = new() { Peak = 5m, Standard = 2m, OffPeak = 1m } };
        var rules = new TariffRules { Kind = TariffKind.TimeOfUse, TimeOfUse = new() { HighDemand = schedule, LowDemand = schedule } };
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var context = new PricingContext { TimeZone = london, MonthToDate = MonthToDate.StartOf(new DateOnly(2026, 10, 1)) };
        var from = new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.Zero); // 00:00 BST
        var to = new DateTimeOffset(2026, 10, 25, 2, 0, 0, TimeSpan.Zero);    // 02:00 GMT, three hours later
        var c = TariffPricer.Price(rules, Utility.Electricity, context, from, to, 3m).Value;
        Assert.Equal([(TouBand.Peak, 1m), (TouBand.OffPeak, 2m)], c.Lines.Select(l => (l.Band!.Value, l.Quantity)));
        Assert.Equal(7.00m, c.ExclVat);
    }

    [Fact]
    public void VatChangeInTheMonth_TheMonthsVatIsAtTheRateInEffectAtTheReadingsEnd()
    {
        var v1 = Create(TariffRules.Flat(2m), "2026-01-01");
        var v2 = v1.Supersede(TariffRules.Flat(2m) with { VatPercent = 16m }, new DateOnly(2026, 7, 15)).Value;
        var c = TariffPricer.Price(new TariffSet([v1, v2]), Context(), At("2026-07-14 00:00"), At("2026-07-16 00:00"), 20m).Value;
        Assert.Equal((40.00m, 6.40m, 16m), (c.ExclVat, c.Vat, c.VatPercent));
    }

    [Fact]
    public void WaterTariffs_AreInKilolitres_AndTheMissingTariffMessageNamesTheUtility()
    {
        var water = new TariffSet([Create(TariffRules.SampleWaterBlocks(), "2026-01-01", utility: Utility.Water)]);
        var c = TariffPricer.Price(water, Context(), At("2026-07-01 00:00"), At("2026-07-02 00:00"), 1m).Value;
        Assert.Equal("kL", Assert.Single(c.Lines).Unit);
        var e = Assert.Single(TariffPricer.Price(water, Context(unitId: 7), At("2025-12-31 10:00"), At("2025-12-31 11:00"), 1m).Errors);
        Assert.Equal(("no_tariff", "Tariff", "No water tariff is in effect on 2025-12-31 for unit 7; add one for the estate or the unit."), (e.Code, e.Field, e.Message));
        var estate = Assert.Single(TariffPricer.Price(water, Context(), At("2025-12-31 10:00"), At("2025-12-31 11:00"), 1m).Errors);
        Assert.Equal("No water tariff is in effect on 2025-12-31; add one for the estate or the unit.", estate.Message);
        var none = Assert.Single(TariffPricer.Price(new TariffSet([]), Context(), At("2026-07-01 10:00"), At("2026-07-01 11:00"), 1m).Errors);
        Assert.Equal("No tariff is in effect on 2026-07-01; add one for the estate or the unit.", none.Message);
    }

    [Fact]
    public void BareRules_ThatAreInvalid_FailWithTheirOwnMessages_Unprefixed()
    {
        var r = TariffPricer.Price(new TariffRules { Kind = TariffKind.Flat }, Utility.Electricity, Context(), At("2026-07-01 10:00"), At("2026-07-01 11:00"), 1m);
        var e = Assert.Single(r.Errors);
        Assert.Equal(("required", "A flat tariff needs a rate per unit."), (e.Code, e.Message));
    }

    // ------------------------------------------------------------ refusals and the month-to-date guard

    [Fact]
    public void Reading_EndingBeforeItStarts_OrNegative_IsRefused()
    {
        var e = Refusal(TariffRules.Flat(2m), Context(), "2026-07-15 10:00", "2026-07-15 09:00", 1m);
        Assert.Equal(("to_before_from", "To", "The reading ends (2026-07-15T09:00:00.0000000+02:00) before it starts (2026-07-15T10:00:00.0000000+02:00)."), (e.Code, e.Field, e.Message));
        var n = Refusal(TariffRules.Flat(2m), Context(), "2026-07-15 09:00", "2026-07-15 10:00", -1m);
        Assert.Equal(("negative_quantity", "Quantity", "Consumption cannot be negative (-1)."), (n.Code, n.Field, n.Message));
    }

    public static TheoryData<MonthToDate> FiguresWithoutAMonth => new()
    {
        new MonthToDate { Quantity = 5m },
        new MonthToDate { FreeBasicUsed = 5m },
        new MonthToDate { CostUnrounded = 12.5m },
    };

    [Theory]
    [MemberData(nameof(FiguresWithoutAMonth))]
    public void MonthToDate_AnyFigureWithoutItsMonth_IsRefused(MonthToDate mtd)
    {
        var e = Refusal(TariffRules.Flat(2m), Context(monthToDate: mtd), "2026-07-15 09:00", "2026-07-15 10:00", 1m);
        Assert.Equal(("month_missing", "MonthToDate.Month", "Month-to-date figures were given without the month they are for."), (e.Code, e.Field, e.Message));
    }

    [Fact]
    public void MonthToDate_NoMonthAndNoFigures_IsAFreshMonth()
    {
        var c = Price(TariffRules.Flat(2m), "2026-07-15 09:00", "2026-07-15 10:00", 1m, Context(monthToDate: new MonthToDate { CostUnrounded = 0m }));
        Assert.Equal(2.00m, c.ExclVat);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void MonthToDate_NegativeQuantityOrFreeUnits_IsRefused(int quantity, int free)
    {
        var mtd = new MonthToDate { Month = July, Quantity = quantity, FreeBasicUsed = free, CostUnrounded = 0m };
        var e = Refusal(TariffRules.Flat(2m), Context(monthToDate: mtd), "2026-07-15 09:00", "2026-07-15 10:00", 1m);
        Assert.Equal(("negative_month_to_date", "MonthToDate", "Month-to-date quantities cannot be negative."), (e.Code, e.Field, e.Message));
    }

    [Fact]
    public void MonthToDate_ForALaterMonth_IsRefused_AnEarlierMonthIsForgotten()
    {
        var later = new MonthToDate { Month = new DateOnly(2026, 8, 1), Quantity = 1m, CostUnrounded = 2m };
        var e = Refusal(TariffRules.Flat(2m), Context(monthToDate: later), "2026-07-15 09:00", "2026-07-15 10:00", 1m);
        Assert.Equal(("out_of_order", "MonthToDate.Month", "The month-to-date state is for 2026-08, later than the reading's start (2026-07); price readings in order."), (e.Code, e.Field, e.Message));

        var june = new MonthToDate { Month = new DateOnly(2026, 6, 1), Quantity = 400m, CostUnrounded = 1000m };
        var c = Price(TariffRules.SampleElectricityBlocks(), "2026-07-15 09:00", "2026-07-15 10:00", 10m, Context(monthToDate: june));
        Assert.Equal(("Block 1 (≤350 kWh)", 25.00m, 10m), (Assert.Single(c.Lines).Description, c.ExclVat, c.After.Quantity));
    }

    [Fact]
    public void MonthToDate_WithoutCost_BlocksReplayTheMonth_TimeOfUseRefuses()
    {
        var blocks = Price(TariffRules.SampleElectricityBlocks(), "2026-07-15 00:00", "2026-07-16 00:00", 20m, Context(monthToDate: JulyAt(340m, null)));
        Assert.Equal(56.00m, blocks.ExclVat);
        Assert.Equal(850m + 56m, blocks.After.CostUnrounded);

        foreach (var mtd in new[] { JulyAt(10m, null), new MonthToDate { Month = July, FreeBasicUsed = 5m } })
        {
            var e = Refusal(TariffRules.SampleTimeOfUse(), Context(monthToDate: mtd), "2026-07-15 09:00", "2026-07-15 10:00", 1m);
            Assert.Equal(("month_cost_required", "MonthToDate.CostUnrounded", "Time-of-use pricing needs the month's unrounded cost so far (MonthToDate.CostUnrounded from the previous reading)."), (e.Code, e.Field, e.Message));
        }
        var empty = Price(TariffRules.SampleTimeOfUse(), "2026-07-15 09:00", "2026-07-15 10:00", 1m, Context(monthToDate: new MonthToDate { Month = July }));
        Assert.Equal(2.20m, empty.ExclVat);
    }

    [Fact]
    public void MonthToDate_FreeUnitsAlreadyGiven_AreNotGivenAgain_WhenReplayed()
    {
        // 50 free of 60 so far: the replay charges 10 kWh at R2.50; the next 10 kWh are at R2.50 too.
        var c = Price(TariffRules.SampleElectricityBlocks(), "2026-07-15 00:00", "2026-07-16 00:00", 10m,
            Context(eligible: true, monthToDate: new MonthToDate { Month = July, Quantity = 60m, FreeBasicUsed = 50m }));
        Assert.Equal((25.00m, 50m, 70m, 50m), (c.ExclVat, c.After.FreeBasicUsed, c.After.Quantity, c.After.CostUnrounded));
    }

    // ------------------------------------------------------------ cents spread over lines (largest remainder)

    private static TariffRules ThreeBlocks(decimal r1, decimal r2, decimal r3) => new()
    {
        Kind = TariffKind.InclineBlocks,
        Blocks = [new() { UpTo = 1m, Rate = r1 }, new() { UpTo = 2m, Rate = r2 }, new() { Rate = r3 }],
    };

    [Fact]
    public void Lines_OneCentTooMany_IsTakenFromTheLineRoundedUpTheMost()
    {
        // Exact 2.178 + 2.731 + 2.745 = 7.654, charged R7.65; rounded lines 2.18 + 2.73 + 2.75 = 7.66: 2.745 gives the cent back.
        var c = Price(ThreeBlocks(2.178m, 2.731m, 2.745m), "2026-07-01 00:00", "2026-07-02 00:00", 3m);
        Assert.Equal([2.18m, 2.73m, 2.74m], c.Lines.Select(l => l.Amount));
        Assert.Equal(7.65m, c.ExclVat);
    }

    [Fact]
    public void Lines_OneCentShort_GoesToTheLineRoundedDownTheMost()
    {
        // Exact 0.953 + 2.584 + 2.871 = 6.408, charged R6.41; rounded lines 0.95 + 2.58 + 2.87 = 6.40: 2.584 takes the cent.
        var c = Price(ThreeBlocks(0.953m, 2.584m, 2.871m), "2026-07-01 00:00", "2026-07-02 00:00", 3m);
        Assert.Equal([0.95m, 2.59m, 2.87m], c.Lines.Select(l => l.Amount));
        Assert.Equal(6.41m, c.ExclVat);
    }

    [Fact]
    public void Lines_OneCentShort_CanGoToALineThatRoundedToNothing()
    {
        // Exact 0.004 + 1.003 + 1.001 = 2.008, charged R2.01; the 0.004 line has the largest remainder.
        var c = Price(ThreeBlocks(0.004m, 1.003m, 1.001m), "2026-07-01 00:00", "2026-07-02 00:00", 3m);
        Assert.Equal([0.01m, 1.00m, 1.00m], c.Lines.Select(l => l.Amount));
    }

    [Fact]
    public void Lines_OneCentTooMany_FromTwoLinesRoundedUpAlike_IsTakenFromTheFirst()
    {
        // Exact 0.005 + 0.005 = 0.010, charged R0.01; rounded lines 0.01 + 0.01 = 0.02, both 0.005 over: the first gives the cent back.
        var c = Price(ThreeBlocks(0.005m, 0.005m, 9m), "2026-07-01 00:00", "2026-07-02 00:00", 2m);
        Assert.Equal([0.00m, 0.01m], c.Lines.Select(l => l.Amount));
        Assert.Equal(0.01m, c.ExclVat);
    }

    [Fact]
    public void Lines_OneCentShort_BetweenTwoLinesRoundedDownAlike_GoesToTheFirst()
    {
        // Exact 0.004 + 0.004 = 0.008, charged R0.01; rounded lines 0.00 + 0.00, both 0.004 under: the first takes the cent.
        var c = Price(ThreeBlocks(0.004m, 0.004m, 9m), "2026-07-01 00:00", "2026-07-02 00:00", 2m);
        Assert.Equal([0.01m, 0.00m], c.Lines.Select(l => l.Amount));
    }

    // ------------------------------------------------------------ fixed charges

    private static TariffRules WithCharges() => TariffRules.Flat(1m) with
    {
        FixedCharges = [new() { Description = "Service", Amount = 3.50m, Per = ChargePer.Day }, new() { Description = "Basic", Amount = 100m, Per = ChargePer.Month }],
    };

    [Fact]
    public void FixedCharges_MonthlyCharge_ProRata_ForTheOccupiedDays()
    {
        var rules = WithCharges();
        var occupied = Enumerable.Range(16, 15).ToHashSet(); // 16-30 June, 15 of 30 days
        var day16 = TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 6, 16), occupied);
        Assert.Equal(
            [("Service", "day", 1m, 3.50m, 3.50m), ("Basic (pro rata, 1/30 month)", "day of 30", 1m, 3.3333m, 3.33m)],
            day16.Lines.Select(l => (l.Description, l.Unit, l.Quantity, l.Rate, l.Amount)));
        Assert.Equal(100m / 30, day16.Lines[1].ExactAmount);
        Assert.Equal(3.34m, TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 6, 17), occupied).Lines[1].Amount);
        Assert.Equal(["Service"], TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 6, 10), occupied).Lines.Select(l => l.Description));

        var days = Enumerable.Range(1, 30).Select(d => TariffPricer.FixedChargesFor(rules, new DateOnly(2026, 6, d), occupied)).ToList();
        Assert.Equal(105.00m + 50.00m, days.Sum(d => d.ExclVat));
        Assert.Equal(23.25m, days.Sum(d => d.Vat)); // 15 % of R155.00
        Assert.Equal(50.00m, days.Sum(d => d.Lines.Where(l => l.Description.StartsWith("Basic", StringComparison.Ordinal)).Sum(l => l.Amount)));
    }

    [Fact]
    public void FixedCharges_FullMonthOccupied_ChargesTheWholeMonthlyAmount()
    {
        var all = Enumerable.Range(1, 31).ToHashSet();
        var days = Enumerable.Range(1, 31).Select(d => TariffPricer.FixedChargesFor(WithCharges(), new DateOnly(2026, 7, d), all)).ToList();
        Assert.Equal(108.50m + 100m, days.Sum(d => d.ExclVat));
        Assert.Equal(TariffPricer.FixedChargesForMonth(WithCharges(), 2026, 7).Vat, days.Sum(d => d.Vat));
    }

    [Fact]
    public void FixedCharges_ForAMonth_DailyTimesDays_PlusMonthly()
    {
        var month = TariffPricer.FixedChargesForMonth(WithCharges(), 2026, 6);
        Assert.Equal(
            [("Service", "day", 30m, 3.50m, 105.00m, 105.00m), ("Basic", "month", 1m, 100m, 100.00m, 100m)],
            month.Lines.Select(l => (l.Description, l.Unit, l.Quantity, l.Rate, l.Amount, l.ExactAmount)));
        Assert.Equal((205.00m, 30.75m), (month.ExclVat, month.Vat));
    }

    [Fact]
    public void FixedCharges_ADay_WithoutOccupancy_MonthlyOnTheFirstOnly()
    {
        var first = TariffPricer.FixedChargesFor(WithCharges(), new DateOnly(2026, 6, 1));
        Assert.Equal([("Service", "day", 3.50m), ("Basic", "month", 100.00m)], first.Lines.Select(l => (l.Description, l.Unit, l.Amount)));
        Assert.Equal(["Service"], TariffPricer.FixedChargesFor(WithCharges(), new DateOnly(2026, 6, 2)).Lines.Select(l => l.Description));
    }
}

using Quantify.Domain.Common;
using Quantify.Domain.Tariffs;

namespace Quantify.Tests.Domain;

/// <summary>
/// Every refusal of <see cref="TariffRules.Validate"/> with the code, field and words a tariff editor reads, and both
/// sides of each bound (the value just inside is accepted, the value just outside is refused).
/// </summary>
public class TariffRulesRefusalTests
{
    private static TouHours H(int from, int to, TouBand band = TouBand.OffPeak) => new() { FromHour = from, ToHour = to, Band = band };

    private static void AssertOnly(TariffRules rules, string code, string field, string message)
    {
        var e = Assert.Single(rules.Validate());
        Assert.Equal((code, field, message), (e.Code, e.Field, e.Message));
    }

    private static TariffRules Tou(Func<TimeOfUseRules, TimeOfUseRules> change)
    {
        var sample = TariffRules.SampleTimeOfUse();
        return sample with { TimeOfUse = change(sample.TimeOfUse!) };
    }

    [Fact]
    public void Vat_From0To100Percent_IsAccepted_OutsideIsRefused()
    {
        Assert.Empty((TariffRules.Flat(1m) with { VatPercent = 0m }).Validate());
        Assert.Empty((TariffRules.Flat(1m) with { VatPercent = 100m }).Validate());
        AssertOnly(TariffRules.Flat(1m) with { VatPercent = 100.5m }, "out_of_range", "VatPercent", "VAT must be between 0% and 100% (it is 100,5%).");
        AssertOnly(TariffRules.Flat(1m) with { VatPercent = -0.5m }, "out_of_range", "VatPercent", "VAT must be between 0% and 100% (it is -0,5%).");
    }

    [Fact]
    public void FreeBasic_ZeroIsAccepted_NegativeIsRefused()
    {
        Assert.Empty((TariffRules.Flat(1m) with { FreeBasicPerMonth = 0m }).Validate());
        AssertOnly(TariffRules.Flat(1m) with { FreeBasicPerMonth = -0.001m }, "negative", "FreeBasicPerMonth", "Free basic allowance cannot be negative.");
    }

    [Fact]
    public void UnknownKind_IsRefused_ByName()
    {
        AssertOnly(new TariffRules { Kind = (TariffKind)9, FlatRate = 1m }, "invalid_kind", "Kind", "Unknown tariff kind '9'.");
    }

    [Fact]
    public void FixedCharges_Missing_AreNoCharges()
    {
        Assert.Empty((TariffRules.Flat(1m) with { FixedCharges = null! }).Validate());
        Assert.Empty((TariffRules.Flat(1m) with { Blocks = null!, TimeOfUse = null }).Validate());
    }

    [Fact]
    public void FixedCharge_Empty_IsRefused_AndTheOthersStillChecked()
    {
        var rules = TariffRules.Flat(1m) with { FixedCharges = [null!, new() { Description = "Basic", Amount = -1m }] };
        var errors = rules.Validate();
        Assert.Equal(2, errors.Count);
        Assert.Equal(("required", "FixedCharges[0]", "Fixed charge 1 is empty."), (errors[0].Code, errors[0].Field, errors[0].Message));
        Assert.Equal(("negative", "FixedCharges[1].Amount", "Fixed charge 2 (Basic) cannot be negative."), (errors[1].Code, errors[1].Field, errors[1].Message));
    }

    [Fact]
    public void FixedCharge_WithoutDescription_IsRefused_ANewChargeHasNone()
    {
        Assert.Equal("", new FixedCharge().Description);
        AssertOnly(TariffRules.Flat(1m) with { FixedCharges = [new FixedCharge { Amount = 5m }] },
            "required", "FixedCharges[0].Description", "Fixed charge 1 needs a description.");
        AssertOnly(TariffRules.Flat(1m) with { FixedCharges = [new FixedCharge { Description = "   ", Amount = 5m }] },
            "required", "FixedCharges[0].Description", "Fixed charge 1 needs a description.");
    }

    [Fact]
    public void FixedCharge_Description_Of100CharactersIsAccepted_101IsRefused()
    {
        Assert.Empty((TariffRules.Flat(1m) with { FixedCharges = [new() { Description = new string('x', 100), Amount = 1m }] }).Validate());
        AssertOnly(TariffRules.Flat(1m) with { FixedCharges = [new() { Description = "Ok", Amount = 1m }, new() { Description = new string('x', 101), Amount = 1m }] },
            "too_long", "FixedCharges[1].Description", "Fixed charge 2: the description must be at most 100 characters.");
    }

    [Fact]
    public void FixedCharge_OfZeroIsAccepted_NegativeIsRefused()
    {
        Assert.Empty((TariffRules.Flat(1m) with { FixedCharges = [new() { Description = "Basic", Amount = 0m }] }).Validate());
        AssertOnly(TariffRules.Flat(1m) with { FixedCharges = [new() { Description = "Basic", Amount = -0.01m }] },
            "negative", "FixedCharges[0].Amount", "Fixed charge 1 (Basic) cannot be negative.");
    }

    [Fact]
    public void FixedCharge_NeitherPerDayNorPerMonth_IsRefused()
    {
        AssertOnly(TariffRules.Flat(1m) with { FixedCharges = [new() { Description = "Basic", Amount = 1m, Per = (ChargePer)7 }] },
            "invalid", "FixedCharges[0].Per", "Fixed charge 1 must be per day or per month.");
    }

    [Fact]
    public void FlatRate_Missing_OrNegative_IsRefused_ZeroIsAccepted()
    {
        AssertOnly(new TariffRules { Kind = TariffKind.Flat }, "required", "FlatRate", "A flat tariff needs a rate per unit.");
        AssertOnly(TariffRules.Flat(-0.01m), "negative", "FlatRate", "The flat rate cannot be negative.");
        Assert.Empty(TariffRules.Flat(0m).Validate());
    }

    [Fact]
    public void Blocks_NoneOrMissing_IsRefused()
    {
        AssertOnly(new TariffRules { Kind = TariffKind.InclineBlocks }, "required", "Blocks", "A block tariff needs at least one block.");
        AssertOnly(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = null! }, "required", "Blocks", "A block tariff needs at least one block.");
    }

    [Fact]
    public void Block_Empty_IsRefused()
    {
        AssertOnly(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [null!, new() { Rate = 1m }] },
            "required", "Blocks[0]", "Block 1 is empty.");
    }

    [Fact]
    public void Block_RateOfZeroIsAccepted_NegativeIsRefused()
    {
        Assert.Empty(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 50m, Rate = 0m }, new() { Rate = 2m }] }.Validate());
        AssertOnly(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 50m, Rate = -0.01m }, new() { Rate = 2m }] },
            "negative", "Blocks[0].Rate", "Block 1: the rate cannot be negative.");
    }

    [Fact]
    public void Block_EndingAtZeroOrBelow_IsRefused()
    {
        AssertOnly(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 0m, Rate = 1m }, new() { Rate = 2m }] },
            "not_positive", "Blocks[0].UpTo", "Block 1 must end above 0 (it ends at 0).");
        AssertOnly(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 10m, Rate = 1m }, new() { UpTo = -5m, Rate = 1m }, new() { Rate = 2m }] },
            "not_positive", "Blocks[1].UpTo", "Block 2 must end above 0 (it ends at -5).");
        Assert.Empty(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 0.001m, Rate = 1m }, new() { Rate = 2m }] }.Validate());
    }

    [Fact]
    public void Block_EndingWhereThePreviousEnds_IsRefused()
    {
        AssertOnly(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 100m, Rate = 1m }, new() { UpTo = 100m, Rate = 2m }, new() { Rate = 3m }] },
            "blocks_not_ascending", "Blocks[1].UpTo", "Block 2 ends at 100, which is not above block 1's end (100); blocks must be in ascending order.");
        Assert.Empty(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 100m, Rate = 1m }, new() { UpTo = 100.5m, Rate = 2m }, new() { Rate = 3m }] }.Validate());
    }

    [Fact]
    public void Blocks_AreComparedWithTheHighestEndSoFar()
    {
        // 100, then 50 (refused), then 80: 80 is still below 100, so it is refused too.
        var rules = new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 100m, Rate = 1m }, new() { UpTo = 50m, Rate = 1m }, new() { UpTo = 80m, Rate = 1m }, new() { Rate = 2m }] };
        Assert.Equal(
            ["Block 2 ends at 50, which is not above block 1's end (100); blocks must be in ascending order.",
             "Block 3 ends at 80, which is not above block 2's end (100); blocks must be in ascending order."],
            rules.Validate().Select(e => e.Message));
    }

    [Fact]
    public void Blocks_AnOpenBlockInTheMiddle_DoesNotForgetThePreviousEnd()
    {
        var rules = new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 100m, Rate = 1m }, new() { Rate = 1m }, new() { UpTo = 50m, Rate = 1m }, new() { Rate = 2m }] };
        Assert.Equal(
            [("open_block_not_last", "Blocks[1].UpTo", "Block 2 has no upper limit, but block 3 follows it; only the last block can be open-ended."),
             ("blocks_not_ascending", "Blocks[2].UpTo", "Block 3 ends at 50, which is not above block 2's end (100); blocks must be in ascending order.")],
            rules.Validate().Select(e => (e.Code, e.Field!, e.Message)));
    }

    [Fact]
    public void TimeOfUse_Missing_IsRefused()
    {
        AssertOnly(new TariffRules { Kind = TariffKind.TimeOfUse }, "required", "TimeOfUse", "A time-of-use tariff needs its seasons, hours and rates.");
    }

    [Fact]
    public void TimeOfUse_NoHighDemandMonths_IsAnAllYearLowSeason()
    {
        Assert.Empty(Tou(t => t with { HighDemandMonths = null! }).Validate());
        Assert.Empty(Tou(t => t with { HighDemandMonths = [] }).Validate());
    }

    [Fact]
    public void TimeOfUse_Months1To12AreAccepted_0And13AreRefused_OnceEach()
    {
        Assert.Empty(Tou(t => t with { HighDemandMonths = [1, 12] }).Validate());
        Assert.Equal(
            [("invalid_month", "TimeOfUse.HighDemandMonths", "High-demand month 0 is not a month (1-12)."),
             ("invalid_month", "TimeOfUse.HighDemandMonths", "High-demand month 13 is not a month (1-12).")],
            Tou(t => t with { HighDemandMonths = [0, 1, 12, 13, 0] }).Validate()
                .Where(e => e.Code == "invalid_month").Select(e => (e.Code, e.Field!, e.Message)));
    }

    [Fact]
    public void TimeOfUse_MonthListedTwice_IsRefused()
    {
        AssertOnly(Tou(t => t with { HighDemandMonths = [6, 7, 6] }), "duplicate_month", "TimeOfUse.HighDemandMonths", "High-demand month 6 is listed more than once.");
    }

    [Fact]
    public void TimeOfUse_SeasonWithoutSchedule_IsRefused_ByItsName()
    {
        AssertOnly(Tou(t => t with { HighDemand = null! }), "required", "TimeOfUse.HighDemand", "High season needs hours and rates.");
        AssertOnly(Tou(t => t with { LowDemand = null! }), "required", "TimeOfUse.LowDemand", "Low season needs hours and rates.");
    }

    [Fact]
    public void TimeOfUse_NegativeRate_IsRefused_PerBandAndSeason_ZeroIsAccepted()
    {
        Assert.Empty(Tou(t => t with { LowDemand = t.LowDemand with { Rates = new() } }).Validate());
        AssertOnly(Tou(t => t with { LowDemand = t.LowDemand with { Rates = new() { Peak = -1m } } }),
            "negative", "TimeOfUse.LowDemand.Rates.Peak", "Low season: the peak rate cannot be negative.");
        AssertOnly(Tou(t => t with { HighDemand = t.HighDemand with { Rates = new() { Standard = -0.01m } } }),
            "negative", "TimeOfUse.HighDemand.Rates.Standard", "High season: the standard rate cannot be negative.");
        AssertOnly(Tou(t => t with { HighDemand = t.HighDemand with { Rates = new() { OffPeak = -0.01m } } }),
            "negative", "TimeOfUse.HighDemand.Rates.OffPeak", "High season: the off-peak rate cannot be negative.");
    }

    [Fact]
    public void TimeOfUse_DayWithoutHours_IsNotCovered_NamedInWords()
    {
        AssertOnly(Tou(t => t with { HighDemand = t.HighDemand with { Saturday = null! } }),
            "hours_not_covered", "TimeOfUse.HighDemand.Saturday", "High season, Saturdays: hours 00:00-24:00 are not covered; every hour from 0 to 24 needs a band.");
        AssertOnly(Tou(t => t with { LowDemand = t.LowDemand with { Sunday = [H(0, 23)] } }),
            "hours_not_covered", "TimeOfUse.LowDemand.Sunday", "Low season, Sundays and public holidays: hours 23:00-24:00 are not covered; every hour from 0 to 24 needs a band.");
        AssertOnly(Tou(t => t with { LowDemand = t.LowDemand with { Weekday = [H(0, 22), H(23, 24)] } }),
            "hours_not_covered", "TimeOfUse.LowDemand.Weekday", "Low season, weekdays: hours 22:00-23:00 are not covered; every hour from 0 to 24 needs a band.");
    }

    [Fact]
    public void TimeOfUse_OverlappingHours_AreNamed()
    {
        AssertOnly(Tou(t => t with { HighDemand = t.HighDemand with { Sunday = [H(0, 24), H(5, 7, TouBand.Peak)] } }),
            "hours_overlap", "TimeOfUse.HighDemand.Sunday", "High season, Sundays and public holidays: hours 05:00-07:00 are in more than one range.");
    }

    [Fact]
    public void TimeOfUse_EmptyHourRange_IsRefused()
    {
        AssertOnly(Tou(t => t with { HighDemand = t.HighDemand with { Weekday = [H(0, 24), null!] } }),
            "required", "TimeOfUse.HighDemand.Weekday[1]", "High season, weekdays: hour range 2 is empty.");
    }

    [Theory]
    [InlineData(-1, 24, "hours -1-24")]
    [InlineData(0, 25, "hours 0-25")]
    [InlineData(5, 5, "hours 5-5")]
    [InlineData(9, 8, "hours 9-8")]
    public void TimeOfUse_HoursThatAreNotARangeWithin0To24_AreRefused_AndNotCounted(int from, int to, string what)
    {
        AssertOnly(Tou(t => t with { HighDemand = t.HighDemand with { Sunday = [H(0, 24), H(from, to, TouBand.Peak)] } }),
            "invalid_hours", "TimeOfUse.HighDemand.Sunday[1]", $"High season, Sundays and public holidays: {what} are not a range within 0-24 (from must be before to).");
    }

    [Fact]
    public void TimeOfUse_HoursAtTheDayEdges_AreAccepted()
    {
        Assert.Empty(Tou(t => t with { HighDemand = t.HighDemand with { Sunday = [H(0, 1), H(1, 23, TouBand.Standard), H(23, 24)] } }).Validate());
    }

    [Fact]
    public void TimeOfUse_HoursWithoutAValidBand_AreRefused()
    {
        AssertOnly(Tou(t => t with { LowDemand = t.LowDemand with { Saturday = [H(0, 24, (TouBand)5)] } }),
            "invalid", "TimeOfUse.LowDemand.Saturday[0].Band", "Low season, Saturdays: hours 0-24 have no valid band.");
    }

    [Fact]
    public void Schedule_BandAt_AnHourNotCovered_Throws()
    {
        var schedule = new TouSeasonSchedule { Weekday = [H(0, 5), H(6, 24, TouBand.Peak)] };
        Assert.Equal(TouBand.OffPeak, schedule.BandAt(DayType.Weekday, 4));
        Assert.Equal(TouBand.Peak, schedule.BandAt(DayType.Weekday, 6));
        Assert.Equal("The Weekday schedule does not cover hour 5.", Assert.Throws<DomainException>(() => schedule.BandAt(DayType.Weekday, 5)).Message);
    }
}

using System.Text.Json;

using Quantify.Domain.Common;
using Quantify.Domain.Tariffs;

namespace Quantify.Tests.Domain;

public class TariffRulesTests
{
    [Fact]
    public void Samples_AreValid()
    {
        Assert.Empty(TariffRules.SampleElectricityBlocks().Validate());
        Assert.Empty(TariffRules.SampleWaterBlocks().Validate());
        Assert.Empty(TariffRules.SampleTimeOfUse().Validate());
        Assert.Empty(TariffRules.Flat(2.5m).Validate());
        Assert.Equal(15m, TariffRules.Flat(2.5m).VatPercent);
    }

    [Fact]
    public void Blocks_NotAscending_NamesBothBlocksAndTheirEnds()
    {
        var rules = TariffRules.SampleElectricityBlocks() with
        {
            Blocks = [new() { UpTo = 350m, Rate = 2.5m }, new() { UpTo = 300m, Rate = 2.8m }, new() { Rate = 3.1m }],
        };
        var e = Assert.Single(rules.Validate());
        Assert.Equal("blocks_not_ascending", e.Code);
        Assert.Equal("Blocks[1].UpTo", e.Field);
        Assert.Equal("Block 2 ends at 300, which is not above block 1's end (350); blocks must be in ascending order.", e.Message);
    }

    [Fact]
    public void Blocks_LastBlockWithAnEnd_IsRejected_SoEveryUnitIsPriced()
    {
        var rules = TariffRules.SampleElectricityBlocks() with { Blocks = [new() { UpTo = 350m, Rate = 2.5m }, new() { UpTo = 600m, Rate = 3.1m }] };
        var e = Assert.Single(rules.Validate());
        Assert.Equal("last_block_bounded", e.Code);
        Assert.Equal("The last block (block 2) must have no upper limit, so every unit above 600 is priced.", e.Message);
    }

    [Fact]
    public void Blocks_OpenEndedBlockBeforeTheLast_AndNegativeRate_AreBothReported()
    {
        var rules = TariffRules.SampleElectricityBlocks() with { Blocks = [new() { Rate = 2.5m }, new() { Rate = -3.1m }] };
        var errors = rules.Validate();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Code == "open_block_not_last" && e.Message == "Block 1 has no upper limit, but block 2 follows it; only the last block can be open-ended.");
        Assert.Contains(errors, e => e.Field == "Blocks[1].Rate" && e.Message == "Block 2: the rate cannot be negative.");
    }

    [Fact]
    public void Blocks_DecimalEndsAreWrittenTheSouthAfricanWay()
    {
        var rules = TariffRules.SampleWaterBlocks() with
        {
            Blocks = [new() { UpTo = 10.5m, Rate = 1m }, new() { UpTo = 6m, Rate = 2m }, new() { Rate = 3m }],
        };
        Assert.Equal("Block 2 ends at 6, which is not above block 1's end (10,5); blocks must be in ascending order.", Assert.Single(rules.Validate()).Message);
    }

    [Fact]
    public void Flat_WithoutRate_AndEmptyBlockTariff_AreRejected()
    {
        Assert.Equal("A flat tariff needs a rate per unit.", Assert.Single(new TariffRules { Kind = TariffKind.Flat }.Validate()).Message);
        Assert.Equal("A block tariff needs at least one block.", Assert.Single(new TariffRules { Kind = TariffKind.InclineBlocks }.Validate()).Message);
        Assert.Equal("A time-of-use tariff needs its seasons, hours and rates.", Assert.Single(new TariffRules { Kind = TariffKind.TimeOfUse }.Validate()).Message);
    }

    [Fact]
    public void TimeOfUse_HoursNotCoveringTheDay_AndOverlaps_AreReportedPerSeasonAndDayType()
    {
        var sample = TariffRules.SampleTimeOfUse();
        var tou = sample.TimeOfUse!;
        var rules = sample with
        {
            TimeOfUse = tou with
            {
                // Weekday: 00-06 off-peak, 06-09 peak, then nothing until 10, 10-20 standard overlapping 17-19 peak... 22-24 missing.
                HighDemand = tou.HighDemand with
                {
                    Weekday =
                    [
                        new() { FromHour = 0, ToHour = 6, Band = TouBand.OffPeak },
                        new() { FromHour = 6, ToHour = 9, Band = TouBand.Peak },
                        new() { FromHour = 10, ToHour = 20, Band = TouBand.Standard },
                        new() { FromHour = 17, ToHour = 19, Band = TouBand.Peak },
                        new() { FromHour = 20, ToHour = 22, Band = TouBand.Standard },
                    ],
                    Rates = tou.HighDemand.Rates with { Peak = -1m },
                },
                LowDemand = tou.LowDemand with { Sunday = [new() { FromHour = 5, ToHour = 3, Band = TouBand.OffPeak }] },
            },
        };
        var messages = rules.Validate().Select(e => e.Message).ToList();
        Assert.Contains("High season, weekdays: hours 09:00-10:00 are not covered; every hour from 0 to 24 needs a band.", messages);
        Assert.Contains("High season, weekdays: hours 22:00-24:00 are not covered; every hour from 0 to 24 needs a band.", messages);
        Assert.Contains("High season, weekdays: hours 17:00-19:00 are in more than one range.", messages);
        Assert.Contains("High season: the peak rate cannot be negative.", messages);
        Assert.Contains("Low season, Sundays and public holidays: hours 5-3 are not a range within 0-24 (from must be before to).", messages);
        Assert.Contains("Low season, Sundays and public holidays: hours 00:00-24:00 are not covered; every hour from 0 to 24 needs a band.", messages);
        Assert.Equal(6, messages.Count);
    }

    [Fact]
    public void TimeOfUse_BadHighDemandMonths_AreRejected()
    {
        var sample = TariffRules.SampleTimeOfUse();
        var rules = sample with { TimeOfUse = sample.TimeOfUse! with { HighDemandMonths = [6, 7, 7, 13] } };
        var messages = rules.Validate().Select(e => e.Message).ToList();
        Assert.Equal(["High-demand month 13 is not a month (1-12).", "High-demand month 7 is listed more than once."], messages);
    }

    [Fact]
    public void FixedCharges_NeedADescription_AndCannotBeNegative_VatMustBeAPercentage()
    {
        var rules = TariffRules.Flat(2m) with
        {
            FixedCharges = [new() { Description = "", Amount = 10m }, new() { Description = "Basic", Amount = -5m, Per = ChargePer.Day }],
            VatPercent = 115m,
            FreeBasicPerMonth = -1m,
        };
        var errors = rules.Validate();
        Assert.Contains(errors, e => e.Field == "FixedCharges[0].Description" && e.Message == "Fixed charge 1 needs a description.");
        Assert.Contains(errors, e => e.Field == "FixedCharges[1].Amount" && e.Message == "Fixed charge 2 (Basic) cannot be negative.");
        Assert.Contains(errors, e => e.Field == "VatPercent" && e.Message == "VAT must be between 0% and 100% (it is 115%).");
        Assert.Contains(errors, e => e.Field == "FreeBasicPerMonth");
        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public void Rules_RoundTripThroughSystemTextJson_WithEnumsAsStrings()
    {
        var rules = TariffRules.SampleTimeOfUse() with { FreeBasicPerMonth = 50m };
        var json = JsonSerializer.Serialize(rules);
        Assert.Contains("\"Kind\":\"TimeOfUse\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Band\":\"Peak\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Per\":\"Day\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<TariffRules>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.Empty(back.Validate());
        Assert.Equal(TouBand.Peak, back.TimeOfUse!.HighDemand.BandAt(DayType.Weekday, 17));
    }

    [Fact]
    public void Rules_FromMinimalJson_TakeTheDefaults()
    {
        var rules = JsonSerializer.Deserialize<TariffRules>("""{"Kind":"InclineBlocks","Blocks":[{"UpTo":350,"Rate":2.5},{"UpTo":null,"Rate":3.1}]}""")!;
        Assert.Empty(rules.Validate());
        Assert.Equal(15m, rules.VatPercent);
        Assert.Empty(rules.FixedCharges);
        Assert.Equal(0m, rules.FreeBasicPerMonth);
    }
}

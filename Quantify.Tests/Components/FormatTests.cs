using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Web.Components.Shared;

namespace Quantify.Tests.Components;

/// <summary>One South African format everywhere (docs/portal.md, "Formats") and words instead of code names.</summary>
public class FormatTests
{
    [Fact]
    public void Numbers_UseADecimalCommaAndSpaceThousands_QuantitiesAtMostThreeDecimals()
    {
        Assert.Equal("R 1 223,73", Format.Rand(1223.73m));
        Assert.Equal("-R 0,12", Format.Rand(-0.12m));
        Assert.Equal("4 107,53 kWh", Format.Quantity(4107.53m, "kWh"));
        Assert.Equal("182,997 kWh", Format.Quantity(182.997315m, "kWh"));
        Assert.Equal("0,564 kL", Format.Quantity(0.564m, MeterType.Water));
        Assert.Equal("98,5 %", Format.Percent(98.5m));
        Assert.Equal("+29 %", Format.SignedPercent(29.4m));
        Assert.Equal("—", Format.Percent(null));
    }

    [Fact]
    public void Rates_AreRandPerUnit_WithFourDecimalsAlways()
    {
        Assert.Equal("R 26,1000/kWh", Format.Rate(26.1m, "kWh"));
        Assert.Equal("R 10,5000/kL", Format.Rate(10.5m, "kL"));
    }

    [Fact]
    public void Dates_ReadAsSixDecember_AndTimesAreSast()
    {
        var at = new DateTimeOffset(2026, 12, 6, 22, 30, 0, TimeSpan.Zero);
        Assert.Equal("7 Dec 2026", Format.Date(at));
        Assert.Equal("7 Dec 2026 00:30", Format.DateTime(at));
        Assert.Equal("00:30", Format.Time(at));
        Assert.Equal("6 Dec 2026", Format.Date(new DateOnly(2026, 12, 6)));
        Assert.Equal("6 Dec 2026", new DateTime(2026, 12, 6).ToString("d", Format.Culture));
    }

    [Fact]
    public void Counts_NameTheirNoun_WithoutBracketedPlurals()
    {
        Assert.Equal("1 unit", Format.Count(1, "unit"));
        Assert.Equal("4 units", Format.Count(4, "unit"));
        Assert.Equal("2 estates", Format.Count(2, "estate"));
    }

    [Fact]
    public void EveryEnumValueOfTheProduct_HasADisplayNameWithoutCodeCase()
    {
        var enums = typeof(Money).Assembly.GetTypes().Concat(typeof(Format).Assembly.GetTypes())
            .Where(t => t.IsEnum && t.Namespace?.StartsWith("Quantify", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(enums);
        var leaks = enums.SelectMany(t => Enum.GetValues(t).Cast<Enum>()).Select(v => (Value: v, Text: Display.Of(v)))
            .Where(x => Display.LooksLikeCode(x.Text)).Select(x => $"{x.Value.GetType().Name}.{x.Value} → {x.Text}").ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        Assert.Equal("Hot water", Display.Of(Quantify.Domain.Ledger.Pocket.HotWater));
        Assert.Equal("Top-up", Display.Of("TopUp"));
        Assert.Equal("SA ID", Display.Of(Quantify.Domain.People.IdentityDocumentType.SaId));
        Assert.Equal("Student housing", Display.Of(Quantify.Domain.Estates.EstateKind.StudentHousing));
        Assert.Equal("Managing agent", Display.Of(Quantify.Web.Identity.Roles.ManagingAgent));
        Assert.Equal("Bulk electricity", Display.Of(MeterType.BulkElectricity));
        Assert.Equal("LoRaWAN", Display.Of(CommsType.Lora));
        Assert.Equal("Modbus TCP", Display.Of("ModbusTcp"));
    }

    [Theory]
    [InlineData("0 0 2 * * ?", "daily at 02:00")]
    [InlineData("0 10 0 * * ?", "daily at 00:10")]
    [InlineData("0 * * * * ?", "every minute")]
    [InlineData("30 * * * * ?", "every minute, at 30 seconds past")]
    [InlineData("0 0/5 * * * ?", "every 5 minutes")]
    [InlineData("0 15 10 ? * MON-FRI", "0 15 10 ? * MON-FRI")]
    public void JobSchedules_ReadAsWords(string cron, string words) => Assert.Equal(words, Schedule.Describe(cron));
}

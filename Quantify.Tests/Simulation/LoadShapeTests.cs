using Quantify.Web.Features.Simulation;

namespace Quantify.Tests.Simulation;

/// <summary>The simulator's load shapes: a household's day looks like one, and every meter's day is its own but repeatable.</summary>
public class LoadShapeTests
{
    private static readonly int[] MeterIds = [.. Enumerable.Range(1, 200)];
    private static DateTime At(int month, double hour) => new DateTime(2026, month, 15, 0, 0, 0, DateTimeKind.Unspecified).AddHours(hour);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Electricity_MorningAndEveningPeaks_AreWellAboveTheNight(int month)
    {
        foreach (var id in MeterIds)
        {
            var h = Household.For(id);
            var night = LoadShapes.ElectricityKw(At(month, 3), h);
            Assert.True(LoadShapes.ElectricityKw(At(month, 7), h) > 2.5 * night, $"meter {id}: morning not a peak");
            Assert.True(LoadShapes.ElectricityKw(At(month, 19), h) > 3.5 * night, $"meter {id}: evening not a peak");
            Assert.True(LoadShapes.ElectricityKw(At(month, 19), h) > LoadShapes.ElectricityKw(At(month, 13), h), $"meter {id}: evening below midday");
        }
    }

    [Fact]
    public void Electricity_IsHigherInJulyThanInJanuary_SouthernWinter()
    {
        var july = MeterIds.Sum(id => DailyKwh(id, 7));
        var january = MeterIds.Sum(id => DailyKwh(id, 1));
        Assert.InRange(july / january, 1.3, 1.6);
    }

    [Fact]
    public void Electricity_ADayOfTheAverageHousehold_IsPlausible()
    {
        // South African suburban households use roughly 15-30 kWh a day.
        var average = MeterIds.Average(id => DailyKwh(id, 4));
        Assert.InRange(average, 15, 30);
        Assert.All(MeterIds, id => Assert.InRange(DailyKwh(id, 4), 8, 50));
    }

    [Fact]
    public void Solar_IsZeroAtNight_AndPeaksAroundNoon()
    {
        foreach (var id in MeterIds)
        {
            var h = Household.For(id);
            foreach (var hour in new[] { 0.0, 2.5, 4.5, 20.0, 21.5, 23.9 })
                Assert.Equal(0.0, LoadShapes.SolarKw(At(6, hour), h));
            Assert.True(LoadShapes.SolarKw(At(1, 12.2), h) > LoadShapes.SolarKw(At(1, 8), h), $"meter {id}: noon not above morning");
            Assert.True(LoadShapes.SolarKw(At(1, 12.2), h) > 0.3, $"meter {id}: no output at noon");
            Assert.True(LoadShapes.SolarKw(At(1, 12.2), h) <= h.SolarKwp, $"meter {id}: more than the array's rating");
        }
    }

    [Fact]
    public void Solar_DaylightIsLongerInSummer()
    {
        var (riseDec, setDec) = LoadShapes.Daylight(At(12, 12));
        var (riseJun, setJun) = LoadShapes.Daylight(At(6, 12));
        Assert.True(setDec - riseDec > 13.4);
        Assert.True(setJun - riseJun < 10.8);
        Assert.Equal(0.0, LoadShapes.SolarKw(At(6, 6.0), Household.For(1))); // before a winter sunrise
        Assert.True(LoadShapes.SolarKw(At(12, 6.5), Household.For(1)) > 0);   // after a summer one
    }

    [Fact]
    public void Water_ShowersInTheMorningAndEvening_OutweighTheNight()
    {
        foreach (var id in MeterIds)
        {
            var h = Household.For(id);
            var night = LoadShapes.WaterLitresPerHour(At(3, 2), h);
            Assert.True(LoadShapes.WaterLitresPerHour(At(3, 7), h) > 10 * night, $"meter {id}: no morning showers");
            Assert.True(LoadShapes.WaterLitresPerHour(At(3, 19.2), h) > 10 * night, $"meter {id}: no evening showers");
            Assert.True(LoadShapes.HotWaterLitresPerHour(At(3, 7), h) > 10 * LoadShapes.HotWaterLitresPerHour(At(3, 2), h), $"meter {id}: no hot morning showers");
            Assert.InRange(LoadShapes.HotWaterTemperatureC(At(3, 7), h), 45, 65);
        }
        var litresPerDay = Enumerable.Range(0, 24 * 12).Sum(i => LoadShapes.WaterLitresPerHour(At(3, i / 12.0), Household.For(7)) / 12);
        Assert.InRange(litresPerDay, 150, 600);
    }

    [Fact]
    public void EachMeter_HasItsOwnDay_ThatRepeatsExactly()
    {
        var t = At(9, 18.75);
        var a = LoadShapes.ElectricityKw(t, Household.For(42));
        Assert.Equal(a, LoadShapes.ElectricityKw(t, Household.For(42)));
        Assert.Equal(Household.For(42), Household.For(42));
        Assert.Equal(LoadShapes.SolarKw(At(1, 11), Household.For(42)), LoadShapes.SolarKw(At(1, 11), Household.For(42)));
        // Different meters differ; no two of 200 households are identical.
        Assert.Equal(MeterIds.Length, MeterIds.Select(id => LoadShapes.ElectricityKw(t, Household.For(id))).Distinct().Count());
        Assert.InRange(MeterIds.Select(id => Household.For(id).Scale).Min(), 0.6, 0.7);
        Assert.InRange(MeterIds.Select(id => Household.For(id).Scale).Max(), 1.4, 1.5);
    }

    [Fact]
    public void Hash01_IsStableAcrossRunsAndMachines()
    {
        // Pinned values (computed independently): a change here changes every simulated meter's behaviour.
        Assert.Equal(0.1581873029871812, LoadShapes.Hash01(1, 1), 15);
        Assert.Equal(0.4856626832760479, LoadShapes.Hash01(42, 3), 15);
        Assert.NotEqual(LoadShapes.Hash01(1, 1), LoadShapes.Hash01(1, 2));
        Assert.NotEqual(LoadShapes.Hash01(1, 2), LoadShapes.Hash01(2, 1));
        var values = Enumerable.Range(0, 10_000).Select(i => LoadShapes.Hash01(i, 3)).ToList();
        Assert.All(values, v => Assert.InRange(v, 0.0, 0.9999999));
        Assert.InRange(values.Average(), 0.48, 0.52);
    }

    private static double DailyKwh(int meterId, int month) =>
        Enumerable.Range(0, 24 * 12).Sum(i => LoadShapes.ElectricityKw(At(month, i / 12.0), Household.For(meterId)) / 12);
}

using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Web.Features.Simulation;

namespace Quantify.Tests.Simulation;

/// <summary>Nobody lives in a vacant unit: the simulator gives it a small flat base load and no water, not a household's peaks (issue 13 item 2).</summary>
public class VacantUnitSimulationTests
{
    // 2026-07-15 17:00Z = 19:00 in Johannesburg: the winter evening peak, when an occupied unit uses the most.
    private static readonly DateTimeOffset T0 = new(2026, 7, 15, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static MeterRecord Meter(int id, MeterType type, Occupancy occupancy) =>
        new(id, 1, 100 + id, $"SIM-{id}", type, CommsType.Lora, $"70b3d57ed00b{id:x4}", null, null, null, 1000m, true, occupancy, "Africa/Johannesburg");

    private static decimal UsedOverOneInterval(MeterRecord meter)
    {
        var fleet = new SimulatedFleet(20, Interval * 3, new Random(7));
        fleet.Sync([meter], [], T0);
        var first = Assert.Single(fleet.Advance(T0));
        return Assert.Single(fleet.Advance(T0 + Interval)).Register - first.Register;
    }

    [Fact]
    public void VacantElectricity_IsTheFlatBaseLoad_AtTheEveningPeak()
    {
        var vacant = UsedOverOneInterval(Meter(1, MeterType.Electricity, Occupancy.Vacant));
        var occupied = UsedOverOneInterval(Meter(1, MeterType.Electricity, Occupancy.Occupied));

        // 30 s at 20x = 10 simulated minutes at 0,04 kW = 0,0067 kWh; readings report the register to the Wh.
        var expected = LoadShapes.VacantBaseKw * 10.0 / 60;
        Assert.InRange((double)vacant, expected - 0.0006, expected + 0.0006);
        Assert.True(occupied > 20 * vacant, $"occupied {occupied} kWh, vacant {vacant} kWh");
    }

    [Theory]
    [InlineData(MeterType.Water)]
    [InlineData(MeterType.HotWater)]
    public void VacantWater_DrawsNothing(MeterType type)
    {
        Assert.Equal(0m, UsedOverOneInterval(Meter(2, type, Occupancy.Vacant)));
        Assert.True(UsedOverOneInterval(Meter(2, type, Occupancy.Occupied)) > 0m);
    }
}

using System.Text;
using System.Text.Json;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Cellular;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Features.Simulation;

namespace Quantify.Tests.Simulation;

/// <summary>The simulated meters without any transport: registers, relays, bulk sums, faults, and the payloads the app must accept (or refuse).</summary>
public class SimulatedFleetTests
{
    // 2026-07-15 17:00Z = 19:00 in Johannesburg: the winter evening peak.
    private static readonly DateTimeOffset T0 = new(2026, 7, 15, 17, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly GatewayRecord Rs485 = new(1, 1, "gw-rs485", GatewayKind.ModbusTcp, "127.0.0.1:1502", 1);
    private static readonly GatewayRecord Cellular = new(2, 1, "gw-4g", GatewayKind.Cellular, null, 1);

    private static MeterRecord Meter(int id, MeterType type, CommsType comms = CommsType.Lora, decimal? last = 1000m, bool relay = true, int? gateway = null,
        int? address = null, Occupancy occupancy = Occupancy.Occupied) =>
        new(id, 1, type.IsBulk() ? null : 100 + id, $"SIM-{id}", type, comms, comms == CommsType.Lora ? $"70b3d57ed00a{id:x4}" : null, null, address, gateway, last, relay,
            type.IsBulk() ? null : occupancy, "Africa/Johannesburg");

    private static SimulatedFleet Fleet(double acceleration = 20, double leak = 0, double tamper = 0, double malformed = 0) =>
        new(acceleration, Interval * 3, new Random(7)) { LeakRate = leak, TamperRate = tamper, MalformedRate = malformed };

    [Fact]
    public void ANewMeter_ContinuesFromItsLastReading_AndAdvancesWithItsLoadShape()
    {
        var fleet = Fleet();
        fleet.Sync([Meter(1, MeterType.Electricity, last: 4321.5m)], [], T0);
        var first = Assert.Single(fleet.Advance(T0));
        Assert.Equal(4321.5m, first.Register);

        var next = Assert.Single(fleet.Advance(T0 + Interval));
        // 30 s at 20x = 10 simulated minutes of a winter evening peak (roughly 1.5-6 kW): 0.2-1 kWh.
        Assert.InRange(next.Register - first.Register, 0.2m, 1.0m);
        var expected = LoadShapes.ElectricityKw(new DateTime(2026, 7, 15, 19, 0, 15), Household.For(1)) * (10.0 / 60);
        Assert.Equal(expected, (double)(next.Register - first.Register), 2);
    }

    [Fact]
    public void ANeverReadMeter_StartsFromAPlausibleDeterministicRegister()
    {
        var fleet = Fleet();
        fleet.Sync([Meter(5, MeterType.Water, last: null)], [], T0);
        var r = Assert.Single(fleet.Advance(T0));
        Assert.Equal(SimulatedMeter.BaselineRegister(5, MeterType.Water), r.Register);
        Assert.InRange(r.Register, 50m, 450m);
    }

    [Fact]
    public void AnOpenRelay_StopsConsumption_CountingUpToTheMomentItOpened()
    {
        var fleet = Fleet();
        fleet.Sync([Meter(1, MeterType.Electricity), Meter(2, MeterType.Electricity)], [], T0);
        fleet.Advance(T0);
        Assert.True(fleet.SetSupply(1, on: false, T0 + (Interval / 2)));
        var r = fleet.Advance(T0 + Interval).ToDictionary(x => x.Meter.Id);
        var halfway = r[1].Register - 1000m;
        Assert.True(halfway > 0, "the first half interval, relay still closed, is consumed");
        Assert.False(r[1].SupplyOn);
        Assert.True(r[2].Register - 1000m > halfway, "the other meter kept going all interval");

        var later = fleet.Advance(T0 + (Interval * 4)).ToDictionary(x => x.Meter.Id);
        Assert.Equal(r[1].Register, later[1].Register);
        Assert.True(later[2].Register > r[2].Register);

        Assert.True(fleet.SetSupply(1, on: true, T0 + (Interval * 4)));
        Assert.True(fleet.Advance(T0 + (Interval * 5)).Single(x => x.Meter.Id == 1).Register > later[1].Register);
    }

    [Fact]
    public void MetersWithoutARelay_RefuseRelayCommands()
    {
        var fleet = Fleet();
        fleet.Sync([Meter(1, MeterType.Solar), Meter(2, MeterType.BulkWater, CommsType.Cellular, gateway: 2)], [Cellular], T0);
        Assert.False(fleet.SetSupply(1, false, T0));
        Assert.False(fleet.SetSupply(2, false, T0));
        Assert.False(fleet.SetSupply(99, false, T0));
    }

    [Fact]
    public void AMeterWhoseRelayIsOpenInTheDatabase_StartsDisconnected()
    {
        var fleet = Fleet();
        fleet.Sync([Meter(1, MeterType.Electricity, relay: false)], [], T0);
        fleet.Advance(T0);
        var r = Assert.Single(fleet.Advance(T0 + Interval));
        Assert.False(r.SupplyOn);
        Assert.Equal(1000m, r.Register);
    }

    [Fact]
    public void TheBulkMeter_MeasuresItsUnitsPlusAFewPercentLosses()
    {
        var fleet = Fleet();
        fleet.Sync([Meter(1, MeterType.Electricity), Meter(2, MeterType.Electricity), Meter(3, MeterType.Electricity, relay: false),
            Meter(4, MeterType.Solar), Meter(10, MeterType.BulkElectricity, CommsType.Modbus, last: 50_000m, gateway: 1, address: 100)], [Rs485], T0);
        fleet.Advance(T0);
        var r = fleet.Advance(T0 + Interval).ToDictionary(x => x.Meter.Id);
        var units = r[1].Register + r[2].Register + r[3].Register - 3000m;
        var bulk = r[10].Register - 50_000m;
        Assert.InRange(bulk / units, 1.029m, 1.071m);
    }

    [Fact]
    public void Sync_AddsNewMeters_DropsDecommissionedOnes_AndSaysWhySomeAreNotSimulated()
    {
        var fleet = Fleet();
        var skipped = fleet.Sync([
            Meter(1, MeterType.Electricity),
            Meter(2, MeterType.Electricity, CommsType.Modbus, gateway: 1, address: 3),
            Meter(3, MeterType.Electricity, CommsType.Modbus, gateway: null, address: 4),
            Meter(4, MeterType.Water, CommsType.Cellular, gateway: 2),
            Meter(5, MeterType.Water, CommsType.Manual),
        ], [Rs485, Cellular, new GatewayRecord(3, 1, "far-away", GatewayKind.ModbusTcp, "10.0.4.20:502", 1)], T0);
        Assert.Equal([SimulatedTransport.LoRaWan, SimulatedTransport.Modbus, SimulatedTransport.Http], fleet.Meters.Select(m => m.Transport));
        Assert.Equal(["SIM-3", "SIM-5"], skipped.Select(s => s.Serial));
        Assert.Contains("not behind an active Modbus gateway", skipped[0].Reason);

        var remote = fleet.Sync([Meter(1, MeterType.Electricity), Meter(6, MeterType.Electricity, CommsType.Modbus, gateway: 3, address: 5)],
            [Rs485, Cellular, new GatewayRecord(3, 1, "far-away", GatewayKind.ModbusTcp, "10.0.4.20:502", 1)], T0);
        Assert.Equal([1], fleet.Meters.Select(m => m.Id));
        Assert.Contains("not on this machine", Assert.Single(remote).Reason);
    }

    [Fact]
    public void AnUplink_IsAChirpStackV4EventTheAppDecodes_WithRegisterRelayAndDeduplicationId()
    {
        var fleet = Fleet();
        fleet.Sync([Meter(1, MeterType.Electricity, last: 1234.5678m, relay: false), Meter(2, MeterType.HotWater, last: 12.3456m), Meter(3, MeterType.Solar, last: 700m)], [], T0);
        foreach (var r in fleet.Advance(T0))
        {
            var dedupe = Guid.NewGuid();
            var eui = r.Meter.Record.DeviceEui!;
            var payload = SimulatedPayloads.Uplink(r, "quantify", dedupe);
            var message = new IncomingMessage(MessageSource.Mqtt, SimulatedPayloads.UplinkTopic("quantify", eui), payload, T0);
            var reading = Assert.Single(new MessageDecoder().Decode(message).Readings);
            Assert.Equal(r.Register, reading.Register);
            Assert.Equal(dedupe.ToString(), reading.DedupeKey);
            Assert.Equal(T0, reading.ReadAt);

            // The raw frame says the same as the decoded object.
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            Assert.True(MeterPayloads.TryDecode(root.GetProperty("fPort").GetInt32(), Convert.FromBase64String(root.GetProperty("data").GetString()!), out var frame, out _));
            Assert.Equal(r.Register, frame!.Register);
            Assert.Equal(eui, root.GetProperty("deviceInfo").GetProperty("devEui").GetString());
            Assert.Equal(r.FrameCounter, root.GetProperty("fCnt").GetUInt32());
            if (r.Meter.Type == MeterType.Electricity) Assert.False(reading.RelayClosed);
            if (r.Meter.Type == MeterType.HotWater) Assert.InRange(reading.TemperatureC!.Value, 45m, 65m);
        }
        Assert.Equal(1234.568m, fleet.Advance(T0).Single(r => r.Meter.Id == 1).Register); // reported to the Wh
    }

    [Fact]
    public void EveryMalformedUplink_IsRefusedByTheDecoder_WithAReason()
    {
        var fleet = Fleet(malformed: 1.0);
        fleet.Sync([.. Enumerable.Range(1, 30).Select(i => Meter(i, (MeterType)(i % 4)))], [], T0);
        var readings = fleet.Advance(T0);
        Assert.All(readings, r => Assert.NotNull(r.Malformed));
        Assert.Equal(3, readings.Select(r => r.Malformed).Distinct().Count());
        var dice = new Random(1);
        foreach (var r in readings)
        {
            var payload = SimulatedPayloads.Malformed(r, r.Malformed!.Value, "quantify", Guid.NewGuid(), dice);
            var decoded = new MessageDecoder().Decode(new IncomingMessage(MessageSource.Mqtt, SimulatedPayloads.UplinkTopic("quantify", r.Meter.Record.DeviceEui!), payload, T0));
            Assert.True(decoded.IsError, $"{r.Malformed} payload was accepted: {Encoding.UTF8.GetString(payload)}");
        }
    }

    [Fact]
    public void LeaksRunForAWhile_AddFlow_AndAreFlagged_TampersAreOneOff()
    {
        var withLeak = Fleet(leak: 1.0);
        var without = Fleet();
        foreach (var f in new[] { withLeak, without }) f.Sync([Meter(1, MeterType.Water, last: 100m)], [], T0);
        withLeak.Advance(T0);
        without.Advance(T0);
        var leaking = Assert.Single(withLeak.Advance(T0 + Interval));
        var dry = Assert.Single(without.Advance(T0 + Interval));
        Assert.True(leaking.Leak);
        Assert.False(dry.Leak);
        Assert.True(leaking.Register > dry.Register, "a leak adds flow");
        Assert.InRange(leaking.Meter.LeakIntervalsLeft, 9, 40);

        var decoded = Assert.Single(new MessageDecoder().Decode(new IncomingMessage(MessageSource.Mqtt,
            SimulatedPayloads.UplinkTopic("quantify", leaking.Meter.Record.DeviceEui!), SimulatedPayloads.Uplink(leaking, "quantify", Guid.NewGuid()), T0)).Readings);
        Assert.True(decoded.Leak);

        var tampering = Fleet(tamper: 1.0);
        tampering.Sync([Meter(1, MeterType.Electricity)], [], T0);
        Assert.True(Assert.Single(tampering.Advance(T0)).Tamper);
    }

    [Fact]
    public void AGatewayBatch_DecodesToEveryMeterBehindTheGateway()
    {
        var fleet = Fleet();
        fleet.Sync([Meter(1, MeterType.BulkWater, CommsType.Cellular, last: 9000m, gateway: 2), Meter(2, MeterType.Water, CommsType.Cellular, last: 80m, gateway: 2)], [Cellular], T0);
        var readings = fleet.Advance(T0);
        var body = SimulatedPayloads.GatewayBatch("gw-4g", readings, T0);
        var decoded = GatewayBatchDecoder.Decode(new IncomingMessage(MessageSource.Http, "quantify/gateways/gw-4g/readings", body, T0));
        Assert.False(decoded.IsError, decoded.Error);
        Assert.Equal(["SIM-1", "SIM-2"], decoded.Readings.Select(r => r.DeviceKey));
        Assert.Equal([9000m, 80m], decoded.Readings.Select(r => r.Register));
        Assert.All(decoded.Readings, r => Assert.Equal(T0, r.ReadAt));
    }

    [Fact]
    public void AStalledMachine_DoesNotDumpHoursOfConsumptionIntoOneReading()
    {
        var fleet = Fleet();
        fleet.Sync([Meter(1, MeterType.Electricity)], [], T0);
        fleet.Advance(T0);
        var after = Assert.Single(fleet.Advance(T0 + TimeSpan.FromHours(2))).Register - 1000m;
        // At most three intervals' worth (1.5 real minutes × 20 = 30 simulated minutes), well under the pipeline's 7.5 kWh ceiling.
        Assert.InRange(after, 0.3m, 3m);
    }
}

using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Modbus;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Features.Simulation;

namespace Quantify.Tests.Simulation;

/// <summary>
/// The simulator inside the real app: LoRaWAN uplinks through the embedded broker are billed, a relay downlink switches
/// the meter off and is acknowledged; Modbus meters are served for a poller; 4G gateway batches are signed and billed.
/// </summary>
public class SimulatorEndToEndTests
{
    private const string Eui = "70b3d57ed00e2e01";

    [Fact]
    public async Task ALoRaMeter_IsReadAndBilled_ThenARelayOffDownlink_IsAcknowledged_AndConsumptionStops()
    {
        await using var sim = await SimulatorApp.StartAsync();
        var estate = await sim.EstateAsync();
        await sim.TariffAsync(estate, Utility.Electricity, 2.00m);
        var (unit, _) = await sim.UnitWithWalletAsync(estate, "E101", electricity: 1000m);
        // Credit control reconnects a meter whose relay is open once the balance reaches the minimum activation amount,
        // which would undo the manual disconnection below; raise that amount out of reach for this test.
        Assert.True((await sim.Get<WalletSettingsService>().ConfigureAsync(unit, Pocket.Electricity, 0m, 100_000m, 0m)).IsSuccess);
        var meter = await sim.MeterAsync(new MeterInput(estate, "SIM-E-101", MeterType.Electricity, CommsType.Lora, Eui, "Kamstrup", "Omnipower LoRa"), unit);

        // Readings arrive through the broker and are priced and debited.
        var billed = await sim.EventuallyAsync(() => sim.ReadingsAsync(meter), rows => rows.Count(r => r.Status == ReadingStatus.Billed) >= 3,
            "three billed readings", rows => $"{rows.Count} reading(s): {string.Join(", ", rows.Select(r => r.Status))}");
        Assert.All(billed, r => Assert.Equal("Mqtt", r.Source));
        Assert.All(billed.Where(r => r.Status == ReadingStatus.Billed), r => Assert.True(r.Consumption > 0 && r.Amount > 0));
        Assert.True(billed.Zip(billed.Skip(1)).All(p => p.Second.Register >= p.First.Register), "registers only go up");
        await using (var db = sim.Db())
        {
            var postings = await db.LedgerTransactions.AsNoTracking().Where(t => t.Type == TransactionType.Consumption).ToListAsync();
            Assert.True(postings.Count >= 3, $"{postings.Count} consumption posting(s)");
        }
        Assert.True(await sim.BalanceAsync(unit, Pocket.Electricity) < 1000m);

        // An admin switches the supply off: the app's dispatcher sends the downlink, the simulated meter opens its relay and acks.
        var queued = await sim.Get<CommandQueries>().QueueManualAsync("SIM-E-101", CommandKind.RelayOff, "Simulator test");
        Assert.True(queued.IsSuccess);
        var command = await sim.EventuallyAsync(async () =>
        {
            await using var db = sim.Db();
            return await db.DeviceCommands.AsNoTracking().SingleAsync(c => c.Id == queued.Value);
        }, c => c.Status == CommandStatus.Acknowledged, "the relay command to be acknowledged", c => $"{c.Status} after {c.Attempts} attempt(s): {c.LastError}");
        var acknowledgedAt = command.AcknowledgedAt!.Value;

        var after = await sim.EventuallyAsync(async () => (await sim.ReadingsAsync(meter)).Where(r => r.ReadAt > acknowledgedAt).ToList(),
            rows => rows.Count >= 4, "four readings after the acknowledgement", rows => $"{rows.Count}");
        // The first of them may still carry what was used between the previous reading and the moment the relay opened;
        // from then on the register stands still and nothing is billed.
        Assert.All(after, r => Assert.False(r.RelayClosed));
        Assert.Single(after.Select(r => r.Register).Distinct());
        Assert.All(after.Skip(1), r =>
        {
            Assert.Equal(0m, r.Consumption);
            Assert.Null(r.Amount);
        });
        await using (var db = sim.Db())
            Assert.False((await db.MeterStates.AsNoTracking().SingleAsync(s => s.MeterId == meter)).RelayClosed);
        var balance = await sim.BalanceAsync(unit, Pocket.Electricity);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(balance, await sim.BalanceAsync(unit, Pocket.Electricity));
    }

    [Fact]
    public async Task AModbusMeterBehindALoopbackGateway_IsServedAtItsAddress_AndItsCoilStopsConsumption()
    {
        await using var sim = await SimulatorApp.StartAsync(ingestion: false);
        var estate = await sim.EstateAsync();
        var port = Infrastructure.TestApp.FreePort();
        var gateway = (await sim.Get<GatewayService>().CreateAsync(estate, "sim-rs485", "Plant room", GatewayKind.ModbusTcp, $"127.0.0.1:{port}", 30)).Value;
        var (unit, _) = await sim.UnitWithWalletAsync(estate, "M101");
        var meter = await sim.MeterAsync(new MeterInput(estate, "SIM-M-101", MeterType.Electricity, CommsType.Modbus, null, "Eastron", "SDM120-QR", null, 7), unit);
        Assert.True((await sim.Get<GatewayService>().AttachMeterAsync(meter, gateway)).IsSuccess);
        await using (var db = sim.Db())
        {
            (await db.MeterStates.SingleAsync(s => s.MeterId == meter)).RecordReading(1500.25m, DateTimeOffset.UtcNow.AddMinutes(-5));
            await db.SaveChangesAsync();
        }

        var map = ModbusRegisterMaps.Sdm120WithRelay;
        await using var master = new ModbusMaster(new ModbusTcpTransport("127.0.0.1", port), new ModbusMasterOptions { Timeout = TimeSpan.FromSeconds(5), Retries = 0 });
        async Task<decimal?> RegisterAsync()
        {
            try { return await master.ReadBillingRegisterAsync(7, map); }
            catch (Exception ex) when (ex is TimeoutException or IOException or System.Net.Sockets.SocketException or ModbusSlaveException) { return null; }
        }
        var first = await sim.EventuallyAsync(RegisterAsync, r => r >= 1500.25m, "the simulated meter to answer at unit 7");
        var moving = await sim.EventuallyAsync(RegisterAsync, r => r > first, "the register to advance");
        Assert.InRange(moving!.Value, 1500.25m, 1600m);
        Assert.True(await master.ReadRelayClosedAsync(7, map));
        Assert.InRange(await master.ReadValueAsync(7, map.Get("voltage")), 225m, 235m);

        // The poller (or a technician) opens the relay coil: the register stops.
        await master.SetRelayAsync(7, map, closed: false);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // two intervals, so any interval in flight has finished
        var stopped = await RegisterAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(stopped, await RegisterAsync());
        Assert.False(await master.ReadRelayClosedAsync(7, map));
        Assert.Equal(0m, await master.ReadValueAsync(7, map.Get("active_power")));
        Assert.False(sim.Simulator.Engine!.Fleet.Find(meter)!.SupplyOn);

        // Closed again: consumption resumes.
        await master.SetRelayAsync(7, map, closed: true);
        await sim.EventuallyAsync(RegisterAsync, r => r > stopped, "the register to advance again");
    }

    [Fact]
    public async Task A4GGatewayBatch_IsSignedAcceptedAndBilled()
    {
        await using var sim = await SimulatorApp.StartAsync(kestrel: true, acceleration: 1800);
        var estate = await sim.EstateAsync();
        await sim.TariffAsync(estate, Utility.Water, 30.00m);
        var gateway = (await sim.Get<GatewayService>().CreateAsync(estate, "sim-4g", "4G concentrator", GatewayKind.Cellular, null, 60)).Value;
        var (unit, _) = await sim.UnitWithWalletAsync(estate, "W101", water: 500m);
        var meter = await sim.MeterAsync(new MeterInput(estate, "SIM-W-101", MeterType.Water, CommsType.Cellular, null, "Elster", "H4000 4G"), unit);
        var bulk = await sim.MeterAsync(new MeterInput(estate, "SIM-BULK-W", MeterType.BulkWater, CommsType.Cellular, null, "Elster", "H4000 4G"));
        foreach (var m in new[] { meter, bulk }) Assert.True((await sim.Get<GatewayService>().AttachMeterAsync(m, gateway)).IsSuccess);

        var rows = await sim.EventuallyAsync(() => sim.ReadingsAsync(meter), r => r.Count(x => x.Status == ReadingStatus.Billed) >= 3,
            "three billed gateway readings", r => $"{r.Count} reading(s): {string.Join(", ", r.Select(x => x.Status))}");
        Assert.All(rows, r => Assert.Equal("Http", r.Source));
        await sim.EventuallyAsync(() => sim.BalanceAsync(unit, Pocket.Water), b => b < 500m, "the water pocket to go down");
        var bulkRows = await sim.EventuallyAsync(() => sim.ReadingsAsync(bulk), r => r.Count >= 3, "bulk meter readings");
        Assert.All(bulkRows, r => Assert.Null(r.Amount)); // bulk meters are measured, not billed
        await using var db = sim.Db();
        Assert.Empty(await db.DeadLetters.AsNoTracking().ToListAsync());
    }
}

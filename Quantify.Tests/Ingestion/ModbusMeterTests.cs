using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Ingestion.Modbus;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// A Modbus meter behind a Modbus TCP gateway, served by the simulated slave over loopback: the web app's polling service
/// finds it in the database, its readings are billed through the common pipeline, and a relay command is a coil write.
/// </summary>
public class ModbusMeterTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private ModbusSlaveSimulator slave = null!;
    private int estateId, unitId, meterId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        slave = new ModbusSlaveSimulator();
        slave.AddMeter(7, ModbusRegisterMaps.Sdm120WithRelay).SetReading(1000m);
        slave.Start();
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        await using var db = w.Db.Create();
        var gateway = Gateway.Create(estateId, "plant-rs485", "Plant room RS485", GatewayKind.ModbusTcp, $"127.0.0.1:{slave.Port}", 5).Value;
        db.Gateways.Add(gateway);
        await db.SaveChangesAsync();
        var meter = Meter.Create(estateId, "SDM-7", MeterType.Electricity, CommsType.Modbus, null, "Eastron", "SDM120-QR", null, 7).Value;
        meter.AssignToUnit(unitId);
        meter.AttachToGateway(gateway.Id);
        db.Meters.Add(meter);
        db.Tariffs.Add(Tariff.Create(estateId, null, Utility.Electricity, "Flat", new DateOnly(2026, 1, 1), TariffRules.Flat(2.00m)).Value);
        await db.SaveChangesAsync();
        meterId = meter.Id;
    }

    public async Task DisposeAsync()
    {
        await slave.DisposeAsync();
        await w.DisposeAsync();
    }

    [Fact]
    public async Task TargetsComeFromTheDatabase_MeterBehindAnActiveModbusGateway_WithAKnownModel()
    {
        var targets = await ModbusPollingService.TargetsAsync(w.Db.Factory, default);
        var t = Assert.Single(targets);
        Assert.Equal(("SDM-7", "127.0.0.1", slave.Port, ModbusTransportKind.Tcp, (byte)7, "SDM120-QR"), (t.Serial, t.Host, t.Port, t.Transport, t.UnitId, t.Model));
        Assert.Equal(TimeSpan.FromSeconds(5), t.Interval);
    }

    [Fact]
    public async Task PolledReadings_AreBilled_AndARelayCommandOpensTheCoil()
    {
        var ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        var directory = new TariffDirectory();
        var pipeline = new ReadingPipeline(w.Db.Factory, new MessageDecoder(), new MeterDirectory(),
            [new ConsumptionBiller(ledger, directory, NullLogger<ConsumptionBiller>.Instance)], [], w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
        var sink = new DirectSink(pipeline);
        var polling = new ModbusPollingService(w.Db.Factory, sink, w.Db.Clock, NullLoggerFactory.Instance, NullLogger<ModbusPollingService>.Instance);
        await polling.StartAsync(default);
        try
        {
            var poller = await Eventually(() => polling.Poller);
            Assert.True(await poller.PollAllOnceAsync(default) == 1);
            slave.SetReading(7, 1002.5m);
            w.Db.Clock.Advance(TimeSpan.FromMinutes(15));
            Assert.True(await poller.PollAllOnceAsync(default) == 1);

            var balance = (await ledger.BalancesAsync(unitId)).Single(b => b.Pocket == Quantify.Domain.Ledger.Pocket.Electricity).Balance;
            Assert.Equal(-5.75m, balance); // 2,5 kWh × R2,00 = R5,00 + VAT R0,75

            var commands = new CommandQueries(w.Db.Factory, new CommandSignal(), w.Db.Clock);
            Assert.True((await commands.QueueManualAsync("SDM-7", CommandKind.RelayOff, "maintenance")).IsSuccess);
            var dispatcher = new CommandDispatcher(w.Db.Factory, [new ModbusCommandTransport(polling)], new CommandSignal(), w.Db.Clock, NullLogger<CommandDispatcher>.Instance);
            Assert.Equal(1, await dispatcher.DispatchDueAsync(default));

            Assert.False(slave.IsRelayClosed(7));
            await using var db = w.Db.Create();
            Assert.Equal(CommandStatus.Acknowledged, (await db.DeviceCommands.SingleAsync(c => c.MeterId == meterId)).Status);
            Assert.False((await db.MeterStates.SingleAsync(s => s.MeterId == meterId)).RelayClosed);
        }
        finally
        {
            await polling.StopAsync(default);
        }
    }

    private static async Task<T> Eventually<T>(Func<T?> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } value) return value;
            await Task.Delay(50);
        }
        throw new TimeoutException("Condition not met within 30 s.");
    }

    private sealed class DirectSink(ReadingPipeline pipeline) : IIngestionSink
    {
        public Task AcceptAsync(IncomingMessage message, CancellationToken ct) => pipeline.ProcessAsync([message], ct);
    }
}

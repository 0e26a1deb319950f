using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Modbus;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Tests.Protocols;

/// <summary>
/// Each gateway is polled at its own interval, however long, through the service's minute reloads; a reload or a
/// settings change never cancels a request in flight or sends it again. Real simulated slave on loopback, behind a relay
/// that counts connections and requests; a clock the test moves.
/// </summary>
public class ModbusPollSchedulingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);

    private sealed class CountingSink : IIngestionSink
    {
        private readonly List<IncomingMessage> messages = [];
        public IReadOnlyList<IncomingMessage> Messages { get { lock (messages) return [.. messages]; } }
        public int Count { get { lock (messages) return messages.Count; } }

        public Task AcceptAsync(IncomingMessage message, CancellationToken ct)
        {
            lock (messages) messages.Add(message);
            return Task.CompletedTask;
        }
    }

    private static async Task<(MasterDataWorld World, int MeterId)> WorldAsync(int port, int intervalSeconds)
    {
        var w = await MasterDataWorld.CreateAsync();
        var estateId = await w.EstateAsync();
        await using var db = w.Db.Create();
        var gateway = Gateway.Create(estateId, "plant-rs485", "Plant room RS485", GatewayKind.ModbusTcp, $"127.0.0.1:{port}", intervalSeconds).Value;
        db.Gateways.Add(gateway);
        await db.SaveChangesAsync();
        var meter = Meter.Create(estateId, "SDM-7", MeterType.Electricity, CommsType.Modbus, null, "Eastron", "SDM120-QR", null, 7).Value;
        meter.AttachToGateway(gateway.Id);
        db.Meters.Add(meter);
        await db.SaveChangesAsync();
        return (w, meter.Id);
    }

    private static ModbusSlaveSimulator Slave()
    {
        var sim = new ModbusSlaveSimulator();
        sim.AddMeter(7, ModbusRegisterMaps.Sdm120WithRelay).SetReading(1000m);
        sim.Start();
        return sim;
    }

    private static DateTimeOffset ReadAt(IncomingMessage m) => Assert.Single(ModbusReadingDecoder.Decode(m).Readings).ReadAt;

    [Fact]
    public async Task AGatewaySetTo150Seconds_IsPolledEvery150Seconds_ThroughTheMinuteReloads()
    {
        await using var sim = Slave();
        await using var relay = new CountingTcpProxy(sim.Port);
        var (w, _) = await WorldAsync(relay.Port, 150);
        await using var world = w;
        var clock = new ManualTimeProvider(T0);
        var sink = new CountingSink();
        var polling = new ModbusPollingService(w.Db.Factory, sink, clock, NullLoggerFactory.Instance, NullLogger<ModbusPollingService>.Instance);
        await polling.StartAsync(default);
        try
        {
            await Eventually.TrueAsync(() => sink.Count == 1, "the first poll");
            for (var t = 10; t <= 600; t += 10)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
                var expected = t / 150 + 1;
                await Eventually.TrueAsync(() => sink.Count == expected, $"{expected} poll(s) by {t} s");
                if (t % 60 == 0) await Task.Delay(150); // a minute reload: give it time to do any harm
            }
            await Task.Delay(300);
            Assert.Equal([T0, T0.AddSeconds(150), T0.AddSeconds(300), T0.AddSeconds(450), T0.AddSeconds(600)], sink.Messages.Select(ReadAt));
            Assert.Equal(2 * 5, relay.Requests); // register + relay coil per poll, nothing sent twice
            Assert.Equal(1, relay.Connections);
        }
        finally
        {
            await polling.StopAsync(default);
        }
    }

    [Fact]
    public async Task ReloadsWhileARequestIsInFlight_NeitherCancelNorResendIt()
    {
        await using var sim = Slave();
        await using var relay = new CountingTcpProxy(sim.Port, answerDelay: TimeSpan.FromMilliseconds(400)); // a slow line
        var (w, meterId) = await WorldAsync(relay.Port, 150);
        await using var world = w;
        var sink = new CountingSink();
        var polling = new ModbusPollingService(w.Db.Factory, sink, new ManualTimeProvider(T0), NullLoggerFactory.Instance, NullLogger<ModbusPollingService>.Instance);
        await polling.StartAsync(default);
        try
        {
            await Eventually.TrueAsync(() => relay.Requests == 1, "the first request on the wire");
            for (var i = 0; i < 3; i++)
            {
                polling.Reload();
                await Task.Delay(60);
            }
            await Eventually.TrueAsync(() => sink.Count == 1, "the reading");
            await Task.Delay(1000); // room for a cancelled request to be sent again
            Assert.Equal(1, sink.Count);
            Assert.Equal(2, relay.Requests);
            Assert.Equal(1, relay.Connections);

            await polling.Status.FlushAsync(default);
            await using var db = w.Db.Create();
            var status = await db.MeterPollStatuses.SingleAsync(s => s.MeterId == meterId);
            Assert.Equal(0, status.ConsecutiveFailures);
            Assert.Null(status.LastError);
        }
        finally
        {
            await polling.StopAsync(default);
        }
    }

    [Fact]
    public async Task ChangingTheInterval_MovesOnlyTheNextPoll_MeasuredFromTheLastOne()
    {
        await using var sim = Slave();
        await using var relay = new CountingTcpProxy(sim.Port);
        var clock = new ManualTimeProvider(T0);
        var sink = new CountingSink();
        var target = new ModbusPollTarget("SDM-7", "127.0.0.1", relay.Port, ModbusTransportKind.Tcp, 7, "SDM120-QR", TimeSpan.FromSeconds(150));
        // Patient master: on a busy machine an answer can take longer than the default 1 s, and the retry would count as
        // a request sent twice (a CI run saw 7 instead of 6). This test is about when polls happen, not about timeouts.
        await using var poller = new ModbusPoller([target], sink, clock, options: new ModbusPollerOptions { Master = new ModbusMasterOptions { Timeout = TimeSpan.FromSeconds(30) } });
        using var stop = new CancellationTokenSource();
        var running = poller.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => sink.Count == 1 && clock.PendingTimers == 1, "the first poll");
        clock.Advance(TimeSpan.FromSeconds(30));
        var change = poller.Update([target with { Interval = TimeSpan.FromSeconds(60) }]);
        Assert.Equal(new ModbusPollerChange(0, 0, 1), change);
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the loop waiting again");
        Assert.Equal(1, sink.Count); // not polled again just because the settings changed

        clock.Advance(TimeSpan.FromSeconds(30)); // 60 s after the first poll
        await Eventually.TrueAsync(() => sink.Count == 2 && clock.PendingTimers == 1, "the poll at 60 s");

        Assert.Equal(new ModbusPollerChange(0, 0, 0), poller.Update([target with { Interval = TimeSpan.FromSeconds(60) }])); // a reload with nothing new
        poller.Update([target with { Interval = TimeSpan.FromSeconds(300) }]);
        await Eventually.TrueAsync(() => clock.PendingTimers == 1, "the loop waiting again");
        clock.Advance(TimeSpan.FromSeconds(240));
        await Task.Delay(100);
        Assert.Equal(2, sink.Count);
        clock.Advance(TimeSpan.FromSeconds(60)); // 300 s after the poll at 60 s
        await Eventually.TrueAsync(() => sink.Count == 3, "the poll at 360 s");

        Assert.Equal([T0, T0.AddSeconds(60), T0.AddSeconds(360)], sink.Messages.Select(ReadAt));
        Assert.Equal(6, relay.Requests);
        Assert.Equal(1, relay.Connections);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AMeterAddedWhileRunning_IsPolledAtOnce_AndARemovedOneIsNotPolledAgain()
    {
        await using var sim = Slave();
        sim.AddMeter(8, ModbusRegisterMaps.GenericWater).SetReading(5m);
        var clock = new ManualTimeProvider(T0);
        var sink = new CountingSink();
        var electricity = new ModbusPollTarget("SDM-7", "127.0.0.1", sim.Port, ModbusTransportKind.Tcp, 7, "SDM120-QR", TimeSpan.FromSeconds(60));
        var water = new ModbusPollTarget("W-8", "127.0.0.1", sim.Port, ModbusTransportKind.Tcp, 8, "WATER-GENERIC", TimeSpan.FromSeconds(60));
        await using var poller = new ModbusPoller([electricity], sink, clock);
        using var stop = new CancellationTokenSource();
        var running = poller.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => sink.Count == 1 && clock.PendingTimers == 1, "the first poll");

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(new ModbusPollerChange(1, 1, 0), poller.Update([water]));
        await Eventually.TrueAsync(() => sink.Count == 2 && clock.PendingTimers == 1, "the new meter's first poll");
        clock.Advance(TimeSpan.FromSeconds(60));
        await Eventually.TrueAsync(() => sink.Count == 3 && clock.PendingTimers == 1, "the new meter's second poll");

        Assert.Equal(["modbus/SDM-7", "modbus/W-8", "modbus/W-8"], sink.Messages.Select(m => m.Topic));
        Assert.Equal([T0, T0.AddSeconds(20), T0.AddSeconds(80)], sink.Messages.Select(ReadAt));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => poller.SetRelayAsync("SDM-7", false, default));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

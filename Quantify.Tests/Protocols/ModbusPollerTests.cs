using System.Net;
using System.Net.Sockets;
using System.Text;
using Quantify.Ingestion.Modbus;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Tests.Protocols;

/// <summary>The poller against the simulator over loopback TCP, with a capturing sink and a clock the test moves.</summary>
public class ModbusPollerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly ModbusPollerOptions Quick = new() { Master = new ModbusMasterOptions { Timeout = TimeSpan.FromSeconds(5), Retries = 0 } };

    /// <summary>Keeps what the poller hands over; can be told to refuse.</summary>
    private sealed class CapturingSink : IIngestionSink
    {
        private readonly List<IncomingMessage> messages = [];
        public Func<IncomingMessage, Exception?> Refuse { get; set; } = _ => null;

        public IReadOnlyList<IncomingMessage> Messages { get { lock (messages) return [.. messages]; } }

        public Task AcceptAsync(IncomingMessage message, CancellationToken ct)
        {
            if (Refuse(message) is { } error) throw error;
            lock (messages) messages.Add(message);
            return Task.CompletedTask;
        }
    }

    private static ModbusSlaveSimulator StartSimulator()
    {
        var sim = new ModbusSlaveSimulator();
        sim.AddMeter(1, ModbusRegisterMaps.Sdm120WithRelay).SetReading(1234.5m);
        sim.AddMeter(2, ModbusRegisterMaps.GenericWater).SetReading(12.345m);
        sim.AddMeter(3, ModbusRegisterMaps.Sdm630).SetReading(500m);
        sim.Start();
        return sim;
    }

    private static ModbusPollTarget Target(string serial, int port, byte unit, string model, TimeSpan? interval = null) =>
        new(serial, "127.0.0.1", port, ModbusTransportKind.Tcp, unit, model, interval ?? Minute);

    private static int ClosedPort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    [Fact]
    public async Task PollOnce_HandsTheSinkOneModbusMessagePerMeter_WithTheBillingRegisterAndRelay()
    {
        await using var sim = StartSimulator();
        var sink = new CapturingSink();
        var clock = new ManualTimeProvider(T0);
        await using var poller = new ModbusPoller([Target("SLF-E-A101", sim.Port, 1, "SDM120-QR"), Target("SLF-W-A101", sim.Port, 2, "water-generic"), Target("SLF-E-BULK", sim.Port, 3, "SDM630")], sink, clock, options: Quick);

        Assert.Equal(3, await poller.PollAllOnceAsync(default));

        var electricity = sink.Messages.Single(m => m.Topic == "modbus/SLF-E-A101");
        Assert.Equal(MessageSource.Modbus, electricity.Source);
        Assert.Equal(T0, electricity.ReceivedAt);
        Assert.Equal($"modbus:SLF-E-A101:{T0.UtcTicks}", electricity.MessageId);
        Assert.Equal("""{"serial":"SLF-E-A101","register":1234.5,"readAt":"2026-11-02T08:00:00+00:00","model":"SDM120-QR","relayClosed":true}""", Encoding.UTF8.GetString(electricity.Payload.Span));
        Assert.Equal("""{"serial":"SLF-W-A101","register":12.345,"readAt":"2026-11-02T08:00:00+00:00","model":"WATER-GENERIC","relayClosed":true}""", Encoding.UTF8.GetString(sink.Messages.Single(m => m.Topic == "modbus/SLF-W-A101").Payload.Span));
        Assert.Contains("\"relayClosed\":null", Encoding.UTF8.GetString(sink.Messages.Single(m => m.Topic == "modbus/SLF-E-BULK").Payload.Span), StringComparison.Ordinal);

        var decoded = new MessageDecoder().Decode(electricity);
        Assert.Null(decoded.Error);
        var reading = Assert.Single(decoded.Readings);
        Assert.Equal(new DecodedReading(DeviceKeyKind.Serial, "SLF-E-A101", T0, 1234.5m, $"modbus:SLF-E-A101:{T0.UtcTicks}", RelayClosed: true), reading);
    }

    [Fact]
    public async Task Run_PollsEachMeterOnItsInterval_AsTheClockMoves()
    {
        await using var sim = StartSimulator();
        var sink = new CapturingSink();
        var clock = new ManualTimeProvider(T0);
        await using var poller = new ModbusPoller([Target("E1", sim.Port, 1, "SDM120"), Target("W1", sim.Port, 2, "WATER-GENERIC", TimeSpan.FromMinutes(5))], sink, clock, options: Quick);
        using var stop = new CancellationTokenSource();
        var running = poller.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => sink.Messages.Count == 2 && clock.PendingTimers == 2, "the first poll of both meters");
        sim.SetReading(1, 1235.25m);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(2, clock.PendingTimers); // not yet due: nothing polled
        Assert.Equal(2, sink.Messages.Count);

        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => sink.Messages.Count == 3 && clock.PendingTimers == 2, "the electricity meter's second poll");
        var second = sink.Messages[2];
        Assert.Equal("modbus/E1", second.Topic);
        var reading = Assert.Single(ModbusReadingDecoder.Decode(second).Readings);
        Assert.Equal(1235.25m, reading.Register);
        Assert.Equal(T0 + Minute, reading.ReadAt);

        for (var i = 0; i < 4; i++)
        {
            var expected = sink.Messages.Count + (i == 3 ? 2 : 1);
            clock.Advance(Minute);
            await Eventually.TrueAsync(() => sink.Messages.Count == expected && clock.PendingTimers == 2, $"poll round {i + 2}");
        }
        Assert.Equal(2, sink.Messages.Count(m => m.Topic == "modbus/W1")); // every 5 minutes: at 0 and 5
        Assert.Equal(6, sink.Messages.Count(m => m.Topic == "modbus/E1"));

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task FailingMeters_AreReportedAndRetriedNextInterval_WhileTheOthersKeepReporting()
    {
        await using var sim = StartSimulator();
        var sink = new CapturingSink();
        var clock = new ManualTimeProvider(T0);
        var failures = new List<ModbusPollFailure>();
        var options = Quick with { OnFailure = f => { lock (failures) failures.Add(f); } };
        var targets = new[]
        {
            Target("GOOD", sim.Port, 1, "SDM120"),
            Target("NOT-YET-WIRED", sim.Port, 9, "SDM120"),      // the gateway answers for unit 9 with exception 0B
            Target("OFFLINE", ClosedPort(), 1, "SDM120"),          // nothing listening: connection refused
            Target("TYPO", sim.Port, 1, "SDM-120"),                // no such register map
        };
        await using var poller = new ModbusPoller(targets, sink, clock, options: options);
        using var stop = new CancellationTokenSource();
        var running = poller.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => sink.Messages.Count == 1 && failures.Count == 3 && clock.PendingTimers == 4, "the first round");
        lock (failures)
        {
            Assert.Equal(["NOT-YET-WIRED", "OFFLINE", "TYPO"], failures.Select(f => f.Target.Serial).Order());
            Assert.IsType<ModbusSlaveException>(failures.Single(f => f.Target.Serial == "NOT-YET-WIRED").Error);
            Assert.Contains("No Modbus register map for model 'SDM-120'", failures.Single(f => f.Target.Serial == "TYPO").Message, StringComparison.Ordinal);
            Assert.Contains("Modbus poll of meter OFFLINE (Tcp 127.0.0.1:", failures.Single(f => f.Target.Serial == "OFFLINE").Message, StringComparison.Ordinal);
            Assert.All(failures, f => Assert.Equal(T0, f.At));
        }

        sim.AddMeter(9, ModbusRegisterMaps.Sdm120).SetReading(7m); // the installer wires it up
        clock.Advance(Minute);
        await Eventually.TrueAsync(() => sink.Messages.Count == 3 && failures.Count == 5 && clock.PendingTimers == 4, "the second round");
        Assert.Equal(["GOOD", "GOOD", "NOT-YET-WIRED"], sink.Messages.Select(m => m.Topic["modbus/".Length..]).Order());
        Assert.False(running.IsCompleted);

        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ASinkThatRefuses_IsAFailureForThatPoll_AndTheReadingIsTakenAgainNextTime()
    {
        await using var sim = StartSimulator();
        var refusals = 1;
        var sink = new CapturingSink { Refuse = _ => Interlocked.Decrement(ref refusals) >= 0 ? new IOException("database unavailable") : null };
        var failures = new List<ModbusPollFailure>();
        await using var poller = new ModbusPoller([Target("E1", sim.Port, 1, "SDM120")], sink, new ManualTimeProvider(T0), options: Quick with { OnFailure = failures.Add });
        Assert.False(await poller.PollOnceAsync(poller.Targets[0], default));
        Assert.Equal("database unavailable", Assert.Single(failures).Error.Message);
        Assert.True(await poller.PollOnceAsync(poller.Targets[0], default));
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task SetRelay_ThroughThePoller_SwitchesTheMeter_AndTheNextReadingSaysSo()
    {
        await using var sim = StartSimulator();
        var sink = new CapturingSink();
        await using var poller = new ModbusPoller([Target("E1", sim.Port, 1, "SDM120-QR"), Target("BULK", sim.Port, 3, "SDM630")], sink, new ManualTimeProvider(T0), options: Quick);
        await poller.SetRelayAsync("E1", closed: false, default);
        Assert.False(sim.IsRelayClosed(1));
        Assert.True(await poller.PollOnceAsync(poller.Targets[0], default));
        Assert.False(Assert.Single(ModbusReadingDecoder.Decode(sink.Messages[0]).Readings).RelayClosed);
        await Assert.ThrowsAsync<InvalidOperationException>(() => poller.SetRelayAsync("BULK", closed: false, default));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => poller.SetRelayAsync("NOPE", closed: false, default));
    }

    [Fact]
    public void Poller_RefusesTheSameMeterTwice()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ModbusPoller([Target("E1", 502, 1, "SDM120"), Target("E1", 503, 1, "SDM120")], new CapturingSink()));
        Assert.StartsWith("Meter E1 is listed more than once.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("modbus/E1", "not json", "Modbus reading is not JSON")]
    [InlineData("modbus/E1", """{"serial":"E2","register":1,"readAt":"2026-11-02T08:00:00Z"}""", "Modbus reading for meter 'E2' arrived on the topic of meter 'E1'.")]
    [InlineData("modbus/E1", """{"serial":"E1","register":-1,"readAt":"2026-11-02T08:00:00Z"}""", "Modbus reading: 'register' must be a non-negative number.")]
    [InlineData("modbus/E1", """{"serial":"E1","register":"12","readAt":"2026-11-02T08:00:00Z"}""", "Modbus reading: 'register' must be a non-negative number.")]
    [InlineData("modbus/E1", """{"serial":"E1","register":12}""", "Modbus reading: 'readAt' must be an ISO 8601 time.")]
    [InlineData("modbus/E1", """[1,2]""", "Modbus reading is not a JSON object.")]
    [InlineData("modbus/", """{}""", "Modbus topic 'modbus/' names no meter serial.")]
    public void Decoder_RejectsBadReadings_WithTheReason(string topic, string json, string error)
    {
        var decoded = new MessageDecoder().Decode(new IncomingMessage(MessageSource.Modbus, topic, Encoding.UTF8.GetBytes(json), T0, "m1"));
        Assert.True(decoded.IsError);
        Assert.StartsWith(error, decoded.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decoder_AcceptsAReadingWithoutRelay_AndKeepsTheMessageIdForDeduplication()
    {
        var message = ModbusReadingMessage.Create("W-7", "WATER-GENERIC", 0.5m, T0.AddHours(2), relayClosed: null);
        Assert.True(ModbusReadingDecoder.Matches(message.Topic));
        Assert.False(ModbusReadingDecoder.Matches("quantify/gateways/g1/readings"));
        var reading = Assert.Single(new MessageDecoder().Decode(message).Readings);
        Assert.Null(reading.RelayClosed);
        Assert.Equal(0.5m, reading.Register);
        Assert.Equal(T0.AddHours(2), reading.ReadAt);
        Assert.Equal(message.MessageId, reading.DedupeKey);
    }
}

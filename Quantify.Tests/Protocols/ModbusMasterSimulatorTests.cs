using System.Net.Sockets;
using Quantify.Ingestion.Modbus;
using static Quantify.Tests.Protocols.ModbusCodecTests;

namespace Quantify.Tests.Protocols;

/// <summary>Our master against our simulator over real loopback sockets and streams, and against peers that misbehave.</summary>
public class ModbusMasterSimulatorTests
{
    private static readonly ModbusMasterOptions NoRetries = new() { Timeout = TimeSpan.FromSeconds(5), Retries = 0 };

    private static async Task<ModbusSlaveSimulator> StartAsync(ModbusFraming framing = ModbusFraming.Tcp)
    {
        var sim = new ModbusSlaveSimulator();
        sim.AddMeter(1, ModbusRegisterMaps.Sdm120WithRelay).SetReading(1234.5m);
        sim.Meter(1).SetValue("voltage", 230.1m);
        sim.AddMeter(2, ModbusRegisterMaps.GenericWater).SetReading(12.345m);
        sim.AddMeter(3, ModbusRegisterMaps.Sdm630).SetReading(98765.4m);
        sim.Start(0, framing);
        await Task.CompletedTask;
        return sim;
    }

    [Fact]
    public async Task Master_ReadsTheEnergyRegister_OverModbusTcp()
    {
        await using var sim = await StartAsync();
        Assert.NotEqual(0, sim.Port);
        await using var master = new ModbusMaster(new ModbusTcpTransport("127.0.0.1", sim.Port), NoRetries);
        Assert.Equal([0x449A, 0x5000], await master.ReadInputRegistersAsync(1, 0x0156, 2));
        Assert.Equal(1234.5m, await master.ReadBillingRegisterAsync(1, ModbusRegisterMaps.Sdm120WithRelay));
        Assert.Equal(230.1m, await master.ReadValueAsync(1, ModbusRegisterMaps.Sdm120.Get("voltage")));
        Assert.Equal(98765.4m, await master.ReadBillingRegisterAsync(3, ModbusRegisterMaps.Sdm630));

        sim.SetReading(1, 1240.25m);
        Assert.Equal(1240.25m, await master.ReadBillingRegisterAsync(1, ModbusRegisterMaps.Sdm120WithRelay));
    }

    [Fact]
    public async Task Master_OpensTheRelayCoil_SimulatorRaisesTheChange_AndReadsItBack()
    {
        await using var sim = await StartAsync();
        var changes = new List<(byte Unit, bool Closed)>();
        sim.RelayChanged += (_, e) => { lock (changes) changes.Add((e.UnitId, e.Closed)); };
        await using var master = new ModbusMaster(new ModbusTcpTransport("127.0.0.1", sim.Port), NoRetries);
        var map = ModbusRegisterMaps.Sdm120WithRelay;

        Assert.True(await master.ReadRelayClosedAsync(1, map));
        await master.SetRelayAsync(1, map, closed: false);
        Assert.False(sim.IsRelayClosed(1));
        Assert.False(await master.ReadRelayClosedAsync(1, map));
        await master.SetRelayAsync(1, map, closed: false); // no change: no event
        await master.SetRelayAsync(1, map, closed: true);
        Assert.True((await master.ReadCoilsAsync(1, 0, 1))[0]);
        Assert.Equal([(1, false), (1, true)], changes);
    }

    [Fact]
    public async Task Master_WritesMultipleRegisters_ToAWaterMeter_AndReadsThemBack()
    {
        await using var sim = await StartAsync();
        await using var master = new ModbusMaster(new ModbusTcpTransport("127.0.0.1", sim.Port), NoRetries);
        Assert.Equal([0, 12345], await master.ReadHoldingRegistersAsync(2, 0, 2));
        Assert.Equal(12.345m, await master.ReadBillingRegisterAsync(2, ModbusRegisterMaps.GenericWater));
        await master.WriteMultipleRegistersAsync(2, 0, [0x0001, 0x0000, 42]);
        Assert.Equal(65.536m, sim.Meter(2).GetValue("volume"));
        Assert.Equal(42m, sim.Meter(2).GetValue("flow_rate"));
        await master.WriteSingleRegisterAsync(2, 2, 7);
        Assert.Equal([7], await master.ReadHoldingRegistersAsync(2, 2, 1));
    }

    [Fact]
    public async Task UnmappedAddress_GetsException02_AndAMeterWithoutRelayRefusesTheCoil()
    {
        await using var sim = await StartAsync();
        await using var master = new ModbusMaster(new ModbusTcpTransport("127.0.0.1", sim.Port), NoRetries);
        var read = await Assert.ThrowsAsync<ModbusSlaveException>(() => master.ReadInputRegistersAsync(1, 0x0100, 2));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, read.Code);
        Assert.Equal(0x04, read.Function);
        var partly = await Assert.ThrowsAsync<ModbusSlaveException>(() => master.ReadInputRegistersAsync(1, 0x0000, 4)); // 0x0002-3 unmapped on SDM120
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, partly.Code);
        var coil = await Assert.ThrowsAsync<ModbusSlaveException>(() => master.WriteSingleCoilAsync(3, 0, false));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, coil.Code);
        Assert.Equal("Modbus unit 3 answered function 05 with exception 02 (illegal data address).", coil.Message);
        // Holding registers on an input-register meter are a different table: also unmapped.
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, (await Assert.ThrowsAsync<ModbusSlaveException>(() => master.ReadHoldingRegistersAsync(1, 0x0156, 2))).Code);
    }

    [Fact]
    public async Task UnknownFunction_GetsException01_AndUnknownUnitGets0B_OnRawTcp()
    {
        await using var sim = await StartAsync();
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", sim.Port);
        var stream = client.GetStream();

        await stream.WriteAsync(Hex("00 07 00 00 00 02 01 07")); // function 07 (read exception status): serial-line only
        Assert.Equal(Hex("00 07 00 00 00 03 01 87 01"), await ReadExactly(stream, 9));

        await stream.WriteAsync(Hex("00 08 00 00 00 06 09 04 01 56 00 02")); // unit 9 is not simulated
        Assert.Equal(Hex("00 08 00 00 00 03 09 84 0B"), await ReadExactly(stream, 9));

        await stream.WriteAsync(Hex("00 09 00 00 00 06 01 04 01 56 00 00")); // quantity 0
        Assert.Equal(Hex("00 09 00 00 00 03 01 84 03"), await ReadExactly(stream, 9));

        await stream.WriteAsync(Hex("00 0A 00 00 00 06 01 04 01 56 00 02")); // still serving after all that
        Assert.Equal(Hex("00 0A 00 00 00 07 01 04 04 44 9A 50 00"), await ReadExactly(stream, 13));
    }

    [Fact]
    public async Task BadMbapHeader_IsReported_AndTheConnectionClosed()
    {
        await using var sim = await StartAsync();
        var rejected = new List<string>();
        sim.FrameRejected += r => { lock (rejected) rejected.Add(r); };
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", sim.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Hex("00 01 00 05 00 06 01 04 01 56 00 02"));
        Assert.Equal(0, await stream.ReadAsync(new byte[16]));
        lock (rejected) Assert.Equal(["MBAP protocol id is 5; Modbus is 0."], rejected);
    }

    [Fact]
    public async Task SeveralClients_AreServedAtOnce()
    {
        await using var sim = await StartAsync();
        var masters = Enumerable.Range(0, 6).Select(_ => new ModbusMaster(new ModbusTcpTransport("127.0.0.1", sim.Port), NoRetries)).ToList();
        var results = await Task.WhenAll(masters.Select(async (m, i) =>
        {
            var sum = 0m;
            for (var n = 0; n < 20; n++)
                sum += i % 2 == 0 ? await m.ReadBillingRegisterAsync(1, ModbusRegisterMaps.Sdm120) : await m.ReadBillingRegisterAsync(2, ModbusRegisterMaps.GenericWater);
            return sum;
        }));
        Assert.Equal([24690m, 246.9m, 24690m, 246.9m, 24690m, 246.9m], results);
        Assert.True(sim.RequestCount >= 120);
        foreach (var m in masters) await m.DisposeAsync();
    }

    [Fact]
    public async Task RtuOverTcp_MasterReadsAndSwitchesTheRelay_LikeThroughAnRs485Gateway()
    {
        await using var sim = await StartAsync(ModbusFraming.Rtu);
        await using var master = new ModbusMaster(ModbusRtuTransport.OverTcp("127.0.0.1", sim.Port), NoRetries);
        Assert.Equal(1234.5m, await master.ReadBillingRegisterAsync(1, ModbusRegisterMaps.Sdm120WithRelay));
        Assert.Equal(12.345m, await master.ReadBillingRegisterAsync(2, ModbusRegisterMaps.GenericWater));
        await master.SetRelayAsync(2, ModbusRegisterMaps.GenericWater, closed: false);
        Assert.False(sim.IsRelayClosed(2));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, (await Assert.ThrowsAsync<ModbusSlaveException>(() => master.ReadInputRegistersAsync(1, 0x0200, 2))).Code);
    }

    [Fact]
    public async Task RtuOverAStream_MasterAndSimulatorTalkThroughALoopbackPair()
    {
        await using var sim = new ModbusSlaveSimulator();
        sim.AddMeter(5, ModbusRegisterMaps.GenericWater).SetReading(3.5m);
        var (masterEnd, slaveEnd) = ModbusLoopbackStream.CreatePair();
        using var stop = new CancellationTokenSource();
        var serving = sim.ServeStreamAsync(slaveEnd, ModbusFraming.Rtu, stop.Token);
        await using (var master = new ModbusMaster(new ModbusRtuTransport(_ => Task.FromResult<Stream>(masterEnd), "loopback"), NoRetries))
        {
            Assert.Equal(3.5m, await master.ReadBillingRegisterAsync(5, ModbusRegisterMaps.GenericWater));
            await master.WriteMultipleCoilsAsync(5, 0, [false]);
            Assert.False(sim.IsRelayClosed(5));
            Assert.Equal(new[] { false }, await master.ReadCoilsAsync(5, 0, 1));
        }
        await stop.CancelAsync();
        await serving;
    }

    [Fact]
    public async Task RtuOverASerialDevice_MasterOpensItWithSystemIOPorts()
    {
        await using var sim = new ModbusSlaveSimulator();
        sim.AddMeter(1, ModbusRegisterMaps.Sdm630WithRelay).SetReading(4321.5m);
        using var pty = ModbusPseudoTerminal.Open();
        using var stop = new CancellationTokenSource();
        var serving = sim.ServeStreamAsync(pty.Line, ModbusFraming.Rtu, stop.Token);
        await using (var master = new ModbusMaster(ModbusRtuTransport.OverSerialPort(new ModbusSerialSettings(pty.DevicePath, 9600)), NoRetries))
        {
            Assert.Equal($"rtu:{pty.DevicePath}@9600", master.Transport.Description);
            Assert.Equal(4321.5m, await master.ReadBillingRegisterAsync(1, ModbusRegisterMaps.Sdm630WithRelay));
            await master.SetRelayAsync(1, ModbusRegisterMaps.Sdm630WithRelay, closed: false);
            Assert.False(sim.IsRelayClosed(1));
        }
        pty.CloseDeviceSide();
        await stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RtuSlave_DropsAFrameWithABadCrc_ReportsIt_AndAnswersTheNextGoodOne()
    {
        await using var sim = new ModbusSlaveSimulator();
        sim.AddMeter(1, ModbusRegisterMaps.Sdm120).SetReading(1234.5m);
        var rejected = new List<string>();
        sim.FrameRejected += r => { lock (rejected) rejected.Add(r); };
        var (line, slaveEnd) = ModbusLoopbackStream.CreatePair();
        using var stop = new CancellationTokenSource();
        var serving = sim.ServeStreamAsync(slaveEnd, ModbusFraming.Rtu, stop.Token);

        await line.WriteAsync(Hex("01 04 01 56 00 02 00 00")); // right length, wrong CRC: a real slave stays silent
        await line.WriteAsync(ModbusRtuFraming.Encode(1, Hex("04 01 56 00 02")));
        var answer = await ReadExactly(line, 9);
        Assert.Equal(ModbusRtuFraming.Encode(1, Hex("04 04 44 9A 50 00")), answer);
        lock (rejected) Assert.Equal(["RTU frame CRC mismatch: frame carries 00 00, computed 90 27."], rejected);

        await line.WriteAsync(ModbusRtuFraming.Encode(1, Hex("2B 0E 01 00"))); // unknown function, framed by its CRC
        Assert.Equal(ModbusRtuFraming.Encode(1, Hex("AB 01")), await ReadExactly(line, 5));
        await line.WriteAsync(ModbusRtuFraming.Encode(7, Hex("04 01 56 00 02"))); // another slave on the bus: silence
        await line.WriteAsync(ModbusRtuFraming.Encode(1, Hex("04 00 00 00 02")));
        Assert.Equal(ModbusRtuFraming.Encode(1, Hex("04 04 00 00 00 00")), await ReadExactly(line, 9));

        await stop.CancelAsync();
        await serving;
        line.Dispose();
    }

    [Fact]
    public async Task Master_RejectsAWrongTransactionId_WithASpecificMessage()
    {
        await using var server = new ScriptedTcpServer(async (stream, _, ct) =>
        {
            var request = await ReadExactly(stream, 12, ct);
            var answer = ModbusTcpFraming.Encode((ushort)(((request[0] << 8) | request[1]) + 1), request[6], Hex("04 04 44 9A 50 00"));
            await stream.WriteAsync(answer, ct);
            _ = await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, ct);
        });
        await using var master = new ModbusMaster(new ModbusTcpTransport("127.0.0.1", server.Port), NoRetries);
        var ex = await Assert.ThrowsAsync<ModbusProtocolException>(() => master.ReadInputRegistersAsync(1, 0x0156, 2));
        Assert.Equal("Response transaction id 2 does not match request transaction id 1.", ex.Message);
    }

    [Fact]
    public async Task Master_NoAnswer_TimesOutOnEveryAttempt_ReconnectingEachTime()
    {
        await using var server = new ScriptedTcpServer(async (stream, _, ct) =>
        {
            await ReadExactly(stream, 12, ct); // takes the request, never answers
            await Task.Delay(Timeout.Infinite, ct);
        });
        var options = new ModbusMasterOptions { Timeout = TimeSpan.FromMilliseconds(150), Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10) };
        await using var master = new ModbusMaster(new ModbusTcpTransport("127.0.0.1", server.Port), options);
        var ex = await Assert.ThrowsAsync<TimeoutException>(() => master.ReadInputRegistersAsync(1, 0x0156, 2));
        Assert.Equal($"Modbus unit 1 did not answer function 04 within 150 ms on tcp://127.0.0.1:{server.Port} (3 attempts).", ex.Message);
        await Eventually.TrueAsync(() => server.Connections == 3, "three connections, one per attempt");
    }

    [Fact]
    public async Task Master_RetriesAGarbledRtuAnswer_AndSucceedsOnTheNextAttempt()
    {
        await using var server = new ScriptedTcpServer(async (stream, connection, ct) =>
        {
            while (true)
            {
                var request = await ReadExactly(stream, 8, ct);
                var answer = ModbusRtuFraming.Encode(request[0], Hex("04 04 44 9A 50 00"));
                if (connection == 1) answer[^1] ^= 0xFF; // line noise on the first connection
                await stream.WriteAsync(answer, ct);
            }
        });
        await using var master = new ModbusMaster(ModbusRtuTransport.OverTcp("127.0.0.1", server.Port), NoRetries with { Retries = 1 });
        Assert.Equal(1234.5m, await master.ReadBillingRegisterAsync(1, ModbusRegisterMaps.Sdm120));
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task Master_CallerCancellation_IsNotReportedAsATimeout()
    {
        await using var server = new ScriptedTcpServer((_, _, ct) => Task.Delay(Timeout.Infinite, ct));
        await using var master = new ModbusMaster(new ModbusTcpTransport("127.0.0.1", server.Port), new ModbusMasterOptions { Timeout = TimeSpan.FromSeconds(30) });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => master.ReadInputRegistersAsync(1, 0, 2, cts.Token));
    }

    internal static async Task<byte[]> ReadExactly(Stream stream, int count, CancellationToken ct = default)
    {
        var buffer = new byte[count];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await stream.ReadExactlyAsync(buffer, timeout.Token);
        return buffer;
    }
}

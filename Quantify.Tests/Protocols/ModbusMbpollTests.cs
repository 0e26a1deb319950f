using System.Globalization;
using Quantify.Ingestion.Modbus;

namespace Quantify.Tests.Protocols;

/// <summary>
/// Our simulator against mbpoll, an independent Modbus master: Modbus TCP on a loopback port, and Modbus RTU on a
/// pseudo-terminal that mbpoll opens as its serial device. If mbpoll is missing these fail and say how to install it.
/// </summary>
public class ModbusMbpollTests
{
    private static string Inv(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static ModbusSlaveSimulator Simulator()
    {
        var sim = new ModbusSlaveSimulator();
        sim.AddMeter(1, ModbusRegisterMaps.Sdm120WithRelay).SetReading(1234.5m);
        sim.Meter(1).SetValue("voltage", 230.1m);
        sim.AddMeter(2, ModbusRegisterMaps.GenericWater).SetReading(12.345m);
        return sim;
    }

    [Fact]
    public async Task Mbpoll_ReadsTheEnergyFloat_ExactlyAsTheSimulatorServesIt()
    {
        await using var sim = Simulator();
        sim.Start();
        // 0x0156 = PDU address 342 = mbpoll reference 343 (1-based); -B: big-endian word order, as Eastron.
        var r = await ModbusMbpoll.RunAsync("-m", "tcp", "-p", Inv(sim.Port), "-a", "1", "-t", "3:float", "-B", "-r", "343", "-c", "1", "-1", "-o", "5", "127.0.0.1");
        Assert.True(r.ExitCode == 0, r.Output);
        Assert.Equal("1234.5", r.Values[343]);

        sim.SetReading(1, 1250.75m);
        var zeroBased = await ModbusMbpoll.RunAsync("-m", "tcp", "-p", Inv(sim.Port), "-a", "1", "-t", "3:float", "-B", "-0", "-r", "342", "-1", "-o", "5", "127.0.0.1");
        Assert.Equal("1250.75", zeroBased.Values[342]);
        Assert.Equal(sim.Meter(1).GetValue("total_active_energy"), decimal.Parse(zeroBased.Values[342], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Mbpoll_ReadsVoltageAndTheWaterMetersLitres()
    {
        await using var sim = Simulator();
        sim.Start();
        var volts = await ModbusMbpoll.RunAsync("-m", "tcp", "-p", Inv(sim.Port), "-a", "1", "-t", "3:float", "-B", "-0", "-r", "0", "-1", "-o", "5", "127.0.0.1");
        Assert.Equal("230.1", volts.Values[0]);
        var litres = await ModbusMbpoll.RunAsync("-m", "tcp", "-p", Inv(sim.Port), "-a", "2", "-t", "4:int", "-B", "-0", "-r", "0", "-1", "-o", "5", "127.0.0.1");
        Assert.Equal("12345", litres.Values[0]);
    }

    [Fact]
    public async Task Mbpoll_WritingTheRelayCoil_OpensAndClosesTheSimulatedRelay()
    {
        await using var sim = Simulator();
        sim.Start();
        var changes = new List<bool>();
        sim.RelayChanged += (_, e) => { lock (changes) changes.Add(e.Closed); };

        var open = await ModbusMbpoll.RunAsync("-m", "tcp", "-p", Inv(sim.Port), "-a", "1", "-t", "0", "-0", "-r", "0", "-1", "-o", "5", "127.0.0.1", "0");
        Assert.True(open.ExitCode == 0, open.Output);
        Assert.False(sim.IsRelayClosed(1));
        var read = await ModbusMbpoll.RunAsync("-m", "tcp", "-p", Inv(sim.Port), "-a", "1", "-t", "0", "-0", "-r", "0", "-1", "-o", "5", "127.0.0.1");
        Assert.Equal("0", read.Values[0]);

        await ModbusMbpoll.RunAsync("-m", "tcp", "-p", Inv(sim.Port), "-a", "1", "-t", "0", "-0", "-r", "0", "-1", "-o", "5", "127.0.0.1", "1");
        Assert.True(sim.IsRelayClosed(1));
        lock (changes) Assert.Equal([false, true], changes);
    }

    [Fact]
    public async Task Mbpoll_ReadingAnUnmappedRegister_ReportsIllegalDataAddress()
    {
        await using var sim = Simulator();
        sim.Start();
        var r = await ModbusMbpoll.RunAsync("-m", "tcp", "-p", Inv(sim.Port), "-a", "1", "-t", "3", "-0", "-r", "1000", "-1", "-o", "5", "127.0.0.1");
        Assert.Contains("Illegal data address", r.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(r.Values);
    }

    [Fact]
    public async Task MbpollRtu_OnASerialDevice_ReadsTheEnergyAndSwitchesTheRelay()
    {
        await using var sim = Simulator();
        using var pty = ModbusPseudoTerminal.Open();
        using var stop = new CancellationTokenSource();
        var serving = sim.ServeStreamAsync(pty.Line, ModbusFraming.Rtu, stop.Token);
        string[] serial = ["-m", "rtu", "-b", "9600", "-P", "none", "-o", "5", "-1"];

        var energy = await ModbusMbpoll.RunAsync([.. serial, "-a", "1", "-t", "3:float", "-B", "-0", "-r", "342", pty.DevicePath]);
        Assert.True(energy.ExitCode == 0, energy.Output);
        Assert.Equal("1234.5", energy.Values[342]);

        var write = await ModbusMbpoll.RunAsync([.. serial, "-a", "2", "-t", "0", "-0", "-r", "0", pty.DevicePath, "0"]);
        Assert.True(write.ExitCode == 0, write.Output);
        Assert.False(sim.IsRelayClosed(2));

        pty.CloseDeviceSide();
        await stop.CancelAsync();
        await serving.WaitAsync(TimeSpan.FromSeconds(10));
    }
}

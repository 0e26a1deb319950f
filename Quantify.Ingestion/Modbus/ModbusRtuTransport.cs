using System.IO.Ports;

namespace Quantify.Ingestion.Modbus;

/// <summary>Serial line settings for RTU. Eastron meters ship at 9600 (SDM630) or 2400 (SDM120) baud, 8 data bits, no parity, 1 stop bit.</summary>
public sealed record ModbusSerialSettings(string PortName, int BaudRate = 9600, Parity Parity = Parity.None, int DataBits = 8, StopBits StopBits = StopBits.One);

/// <summary>
/// Modbus RTU (address + PDU + CRC) over a byte stream: a serial port (<see cref="OverSerialPort"/>), the TCP socket of an
/// RS485-Ethernet gateway in transparent mode (<see cref="OverTcp"/>), or any stream a caller opens.
/// The answer's CRC and address are checked.
/// </summary>
public sealed class ModbusRtuTransport(Func<CancellationToken, Task<Stream>> open, string description) : ModbusStreamTransport(open, description)
{
    /// <summary>RTU frames on a TCP socket, as cheap RS485-Ethernet gateways forward them.</summary>
    public static ModbusRtuTransport OverTcp(string host, int port) => new(ct => ConnectTcpAsync(host, port, ct), $"rtu-over-tcp://{host}:{port}");

    /// <summary>RTU on a serial device such as /dev/ttyUSB0 (a USB-RS485 adapter).</summary>
    public static ModbusRtuTransport OverSerialPort(ModbusSerialSettings settings) => new(_ => Task.FromResult(OpenSerial(settings)), $"rtu:{settings.PortName}@{settings.BaudRate}");

    protected override async Task<byte[]> ExchangeOnStreamAsync(Stream stream, byte unitId, byte[] requestPdu, CancellationToken ct)
    {
        await stream.WriteAsync(ModbusRtuFraming.Encode(unitId, requestPdu), ct);
        await stream.FlushAsync(ct);
        var frame = await ModbusRtuStreamReader.ReadResponseAsync(stream, ct);
        var adu = ModbusRtuFraming.Decode(frame).GetValueOrThrow();
        if (adu.Address != unitId) throw new ModbusProtocolException($"Response is from address {adu.Address}; the request went to address {unitId}.");
        return adu.Pdu;
    }

    private static Stream OpenSerial(ModbusSerialSettings s)
    {
        var port = new SerialPort(s.PortName, s.BaudRate, s.Parity, s.DataBits, s.StopBits) { Handshake = Handshake.None };
        port.Open();
        return port.BaseStream;
    }
}

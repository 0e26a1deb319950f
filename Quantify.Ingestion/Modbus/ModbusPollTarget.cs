namespace Quantify.Ingestion.Modbus;

/// <summary>How the poller reaches a meter.</summary>
public enum ModbusTransportKind
{
    /// <summary>Modbus TCP to the meter or a Modbus TCP gateway.</summary>
    Tcp,
    /// <summary>RTU frames on a TCP socket (transparent RS485-Ethernet gateway).</summary>
    RtuOverTcp,
    /// <summary>RTU on a local serial device: <see cref="ModbusPollTarget.Host"/> is the device path, <see cref="ModbusPollTarget.Port"/> the baud rate (8N1).</summary>
    RtuSerial,
}

/// <summary>
/// One meter to poll: its serial number (how readings find the meter), where it is, its unit id, its model (which names
/// the <see cref="ModbusRegisterMap"/>) and how often to read it. Meters with the same transport, host and port share one connection.
/// </summary>
public sealed record ModbusPollTarget(string Serial, string Host, int Port, ModbusTransportKind Transport, byte UnitId, string Model, TimeSpan Interval)
{
    public string Endpoint => Transport == ModbusTransportKind.RtuSerial ? $"{Host}@{Port}" : $"{Host}:{Port}";
}

/// <summary>A poll that failed (timeout, exception response, unknown model, sink refused): reported, then retried next interval.</summary>
public sealed record ModbusPollFailure(ModbusPollTarget Target, Exception Error, DateTimeOffset At)
{
    public string Message => $"Modbus poll of meter {Target.Serial} ({Target.Transport} {Target.Endpoint}, unit {Target.UnitId}, {Target.Model}) failed: {Error.Message}";
}

/// <summary>Makes the transport for a poll target; a seam for tests and for gateways that need special handling.</summary>
public interface IModbusTransportFactory
{
    IModbusTransport Create(ModbusPollTarget target);
}

/// <summary>The standard transports: Modbus TCP, RTU over TCP, RTU on a serial device.</summary>
public sealed class ModbusTransportFactory : IModbusTransportFactory
{
    public IModbusTransport Create(ModbusPollTarget target) => target.Transport switch
    {
        ModbusTransportKind.Tcp => new ModbusTcpTransport(target.Host, target.Port),
        ModbusTransportKind.RtuOverTcp => ModbusRtuTransport.OverTcp(target.Host, target.Port),
        ModbusTransportKind.RtuSerial => ModbusRtuTransport.OverSerialPort(new ModbusSerialSettings(target.Host, target.Port)),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Transport, "Unknown transport kind."),
    };
}

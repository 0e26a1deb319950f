namespace Quantify.Ingestion.Modbus;

/// <summary>
/// Carries one request PDU to a unit and brings its response PDU back: Modbus TCP, RTU over TCP, or RTU over any stream.
/// Framing errors throw <see cref="ModbusProtocolException"/>; a cancelled or failed exchange drops the connection so the
/// next one starts clean (a late answer can never be mistaken for the next request's).
/// </summary>
public interface IModbusTransport : IAsyncDisposable
{
    /// <summary>What this talks to, for messages: "tcp://10.0.0.5:502", "rtu-over-tcp://gw:4001", "rtu:/dev/ttyUSB0".</summary>
    string Description { get; }

    Task<byte[]> ExchangeAsync(byte unitId, byte[] requestPdu, CancellationToken ct);
}

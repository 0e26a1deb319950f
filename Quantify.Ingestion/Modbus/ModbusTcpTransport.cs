namespace Quantify.Ingestion.Modbus;

/// <summary>Modbus TCP: MBAP header, a fresh transaction id per request, the answer's transaction and unit id checked.</summary>
public sealed class ModbusTcpTransport(string host, int port = ModbusTcpFraming.DefaultPort)
    : ModbusStreamTransport(ct => ConnectTcpAsync(host, port, ct), $"tcp://{host}:{port}")
{
    private int transaction;

    protected override async Task<byte[]> ExchangeOnStreamAsync(Stream stream, byte unitId, byte[] requestPdu, CancellationToken ct)
    {
        var id = (ushort)Interlocked.Increment(ref transaction);
        await stream.WriteAsync(ModbusTcpFraming.Encode(id, unitId, requestPdu), ct);
        var headerBytes = new byte[ModbusTcpFraming.HeaderLength];
        await stream.ReadExactlyAsync(headerBytes, ct);
        var header = ModbusTcpFraming.ParseHeader(headerBytes).GetValueOrThrow();
        var pdu = new byte[header.PduLength];
        await stream.ReadExactlyAsync(pdu, ct);
        if (header.TransactionId != id) throw new ModbusProtocolException($"Response transaction id {header.TransactionId} does not match request transaction id {id}.");
        if (header.UnitId != unitId) throw new ModbusProtocolException($"Response is from unit {header.UnitId}; the request went to unit {unitId}.");
        return pdu;
    }
}

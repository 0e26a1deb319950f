namespace Quantify.Ingestion.Modbus;

/// <summary>How requests are framed on a byte stream.</summary>
public enum ModbusFraming
{
    /// <summary>MBAP header + PDU (Modbus TCP).</summary>
    Tcp,
    /// <summary>Address + PDU + CRC (a serial line, or RTU over TCP through an RS485-Ethernet gateway).</summary>
    Rtu,
}

/// <summary>
/// Serves one slave-side connection: reads framed requests, hands each (unit id, PDU) to a handler, writes back the
/// framed answer. A handler returning null sends nothing (RTU slaves stay silent for other addresses and broadcasts).
/// Bad frames are reported, never thrown: a bad RTU CRC is dropped unanswered as on a real line; a bad MBAP header
/// closes the connection, since TCP framing cannot be recovered.
/// </summary>
public static class ModbusSlaveConnection
{
    /// <summary>Answers one request PDU for a unit id with a response PDU, or null to stay silent.</summary>
    public delegate byte[]? RequestHandler(byte unitId, byte[] pdu);

    public static Task ServeAsync(Stream stream, ModbusFraming framing, RequestHandler handle, Action<string> reject, CancellationToken ct) =>
        framing == ModbusFraming.Tcp ? ServeTcpAsync(stream, handle, reject, ct) : ServeRtuAsync(stream, handle, reject, ct);

    private static async Task ServeTcpAsync(Stream stream, RequestHandler handle, Action<string> reject, CancellationToken ct)
    {
        var headerBytes = new byte[ModbusTcpFraming.HeaderLength];
        while (true)
        {
            var n = await stream.ReadAtLeastAsync(headerBytes, headerBytes.Length, throwOnEndOfStream: false, ct);
            if (n == 0) return;
            if (n < headerBytes.Length) { reject($"Connection closed after {n} bytes of an MBAP header."); return; }
            var header = ModbusTcpFraming.ParseHeader(headerBytes);
            if (!header.IsOk) { reject(header.Error!); return; }
            var h = header.Value!;
            var pdu = new byte[h.PduLength];
            await stream.ReadExactlyAsync(pdu, ct);
            if (handle(h.UnitId, pdu) is { } answer)
                await stream.WriteAsync(ModbusTcpFraming.Encode(h.TransactionId, h.UnitId, answer), ct);
        }
    }

    private static async Task ServeRtuAsync(Stream stream, RequestHandler handle, Action<string> reject, CancellationToken ct)
    {
        while (true)
        {
            byte[]? frame;
            try { frame = await ModbusRtuStreamReader.ReadRequestAsync(stream, ct); }
            catch (ModbusProtocolException ex) { reject(ex.Message); return; }
            if (frame is null) return;
            var adu = ModbusRtuFraming.Decode(frame);
            if (!adu.IsOk) { reject(adu.Error!); continue; }
            if (handle(adu.Value!.Address, adu.Value.Pdu) is { } answer)
            {
                await stream.WriteAsync(ModbusRtuFraming.Encode(adu.Value.Address, answer), ct);
                await stream.FlushAsync(ct);
            }
        }
    }
}

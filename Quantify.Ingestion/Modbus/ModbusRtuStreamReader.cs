namespace Quantify.Ingestion.Modbus;

/// <summary>
/// Cuts RTU frames out of a byte stream (serial line, RS485-Ethernet gateway socket). The length comes from the function
/// code and byte count, not from line silence, so it works on any <see cref="Stream"/>; the CRC is checked by
/// <see cref="ModbusRtuFraming.Decode"/> afterwards.
/// </summary>
public static class ModbusRtuStreamReader
{
    /// <summary>Reads one response frame (CRC not yet checked). Throws <see cref="ModbusProtocolException"/> if it cannot be framed, <see cref="EndOfStreamException"/> if the stream ends.</summary>
    public static async Task<byte[]> ReadResponseAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[ModbusRtuFraming.MaxFrameLength + 8];
        await stream.ReadExactlyAsync(buffer.AsMemory(0, 2), ct);
        return await ReadRestAsync(stream, buffer, 2, ModbusRtuFraming.ResponseLength, "response", ct)
            ?? throw new ModbusProtocolException($"Response function {ModbusSpec.Hex(buffer[1])} is not one this master sent; the frame cannot be delimited.");
    }

    /// <summary>
    /// Reads one request frame (CRC not yet checked), or null when the stream ends cleanly between frames. A request
    /// with an unknown function code is delimited by its CRC (bytes are taken until the last two are the CRC of the rest),
    /// so the slave can still answer it with exception 01.
    /// </summary>
    public static async Task<byte[]?> ReadRequestAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[ModbusRtuFraming.MaxFrameLength + 8];
        if (await stream.ReadAtLeastAsync(buffer.AsMemory(0, 1), 1, throwOnEndOfStream: false, ct) == 0) return null;
        await stream.ReadExactlyAsync(buffer.AsMemory(1, 1), ct);
        return await ReadRestAsync(stream, buffer, 2, ModbusRtuFraming.RequestLength, "request", ct)
            ?? await ReadUntilCrcAsync(stream, buffer, 2, ct);
    }

    private delegate int LengthOf(ReadOnlySpan<byte> head);

    private static async Task<byte[]?> ReadRestAsync(Stream stream, byte[] buffer, int have, LengthOf lengthOf, string what, CancellationToken ct)
    {
        int total;
        while ((total = lengthOf(buffer.AsSpan(0, have))) == 0)
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(have, 1), ct);
            have++;
        }
        if (total < 0) return null;
        if (total > ModbusRtuFraming.MaxFrameLength) throw new ModbusProtocolException($"RTU {what} would be {total} bytes; at most {ModbusRtuFraming.MaxFrameLength} allowed.");
        await stream.ReadExactlyAsync(buffer.AsMemory(have, total - have), ct);
        return buffer[..total];
    }

    private static async Task<byte[]> ReadUntilCrcAsync(Stream stream, byte[] buffer, int have, CancellationToken ct)
    {
        while (have < ModbusRtuFraming.MaxFrameLength)
        {
            await stream.ReadExactlyAsync(buffer.AsMemory(have, 1), ct);
            have++;
            if (have >= ModbusRtuFraming.MinFrameLength && ModbusCrc.IsValid(buffer.AsSpan(0, have))) return buffer[..have];
        }
        throw new ModbusProtocolException($"Request with function {ModbusSpec.Hex(buffer[1])} has no valid CRC within {ModbusRtuFraming.MaxFrameLength} bytes.");
    }
}

namespace Quantify.Ingestion.Modbus;

/// <summary>
/// CRC-16/MODBUS as RTU frames carry it: reflected polynomial 0xA001, initial value 0xFFFF, no final XOR,
/// sent low byte first. Table-driven (one lookup per byte).
/// </summary>
public static class ModbusCrc
{
    private static readonly ushort[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>, as a number (its low byte goes on the wire first).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ushort crc = 0xFFFF;
        foreach (var b in data)
            crc = (ushort)((crc >> 8) ^ Table[(crc ^ b) & 0xFF]);
        return crc;
    }

    /// <summary>Writes the CRC of <paramref name="data"/> into <paramref name="destination"/> in wire order (low byte, high byte).</summary>
    public static void Write(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var crc = Compute(data);
        destination[0] = (byte)(crc & 0xFF);
        destination[1] = (byte)(crc >> 8);
    }

    /// <summary>The CRC carried in the last two bytes of an RTU frame (low byte first).</summary>
    public static ushort ReadTrailer(ReadOnlySpan<byte> frame) => (ushort)(frame[^2] | (frame[^1] << 8));

    /// <summary>True when the last two bytes of <paramref name="frame"/> are the CRC of the bytes before them.</summary>
    public static bool IsValid(ReadOnlySpan<byte> frame) => frame.Length >= 3 && Compute(frame[..^2]) == ReadTrailer(frame);

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var value = (ushort)i;
            for (var bit = 0; bit < 8; bit++)
                value = (value & 1) != 0 ? (ushort)((value >> 1) ^ 0xA001) : (ushort)(value >> 1);
            table[i] = value;
        }
        return table;
    }
}

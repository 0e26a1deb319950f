namespace Quantify.Ingestion.Modbus;

/// <summary>Coil and discrete-input packing: eight per byte, first bit in the least significant position, unused high bits zero.</summary>
public static class ModbusBits
{
    public static int ByteCount(int bits) => (bits + 7) / 8;

    public static byte[] Pack(IReadOnlyList<bool> bits)
    {
        var bytes = new byte[ByteCount(bits.Count)];
        for (var i = 0; i < bits.Count; i++)
            if (bits[i]) bytes[i / 8] |= (byte)(1 << (i % 8));
        return bytes;
    }

    public static bool[] Unpack(ReadOnlySpan<byte> bytes, int count)
    {
        var bits = new bool[count];
        for (var i = 0; i < count; i++)
            bits[i] = (bytes[i / 8] & (1 << (i % 8))) != 0;
        return bits;
    }
}

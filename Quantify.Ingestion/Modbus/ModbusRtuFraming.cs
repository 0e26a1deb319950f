namespace Quantify.Ingestion.Modbus;

/// <summary>One Modbus RTU frame: slave address and PDU (the CRC checked and removed).</summary>
public sealed record ModbusRtuAdu(byte Address, byte[] Pdu);

/// <summary>
/// Modbus RTU framing (Modbus over Serial Line V1.02, section 2.5.1): address, PDU, CRC-16 low byte first; 4-256 bytes.
/// Also works out a frame's length from its first bytes, since a byte stream (serial line, TCP gateway) carries no length.
/// </summary>
public static class ModbusRtuFraming
{
    public const int MinFrameLength = 4;
    public const int MaxFrameLength = 256;

    /// <summary>Address 0 is broadcast: slaves act on writes and do not answer.</summary>
    public const byte BroadcastAddress = 0;

    public static byte[] Encode(byte address, ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length is 0 or > ModbusSpec.MaxPduLength) throw new ArgumentOutOfRangeException(nameof(pdu), pdu.Length, $"A PDU is 1-{ModbusSpec.MaxPduLength} bytes.");
        var frame = new byte[pdu.Length + 3];
        frame[0] = address;
        pdu.CopyTo(frame.AsSpan(1));
        ModbusCrc.Write(frame.AsSpan(0, frame.Length - 2), frame.AsSpan(frame.Length - 2));
        return frame;
    }

    public static ModbusParseResult<ModbusRtuAdu> Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < MinFrameLength || frame.Length > MaxFrameLength)
            return ModbusParseResult<ModbusRtuAdu>.Fail($"RTU frame is {frame.Length} bytes; {MinFrameLength}-{MaxFrameLength} expected.");
        var carried = ModbusCrc.ReadTrailer(frame);
        var computed = ModbusCrc.Compute(frame[..^2]);
        if (carried != computed)
            return ModbusParseResult<ModbusRtuAdu>.Fail($"RTU frame CRC mismatch: frame carries {carried & 0xFF:X2} {carried >> 8:X2}, computed {computed & 0xFF:X2} {computed >> 8:X2}.");
        return ModbusParseResult<ModbusRtuAdu>.Ok(new ModbusRtuAdu(frame[0], frame[1..^2].ToArray()));
    }

    /// <summary>
    /// Length of a response frame from its first bytes: needs 2 bytes (address, function), and a third for reads.
    /// Returns the total frame length, 0 when more header bytes are needed, or -1 for a function this stack cannot frame.
    /// </summary>
    public static int ResponseLength(ReadOnlySpan<byte> head)
    {
        if (head.Length < 2) return 0;
        var fc = head[1];
        if ((fc & ModbusSpec.ExceptionFlag) != 0) return 5;
        return (ModbusFunctionCode)fc switch
        {
            ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs or ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters
                => head.Length < 3 ? 0 : 5 + head[2],
            ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister or ModbusFunctionCode.WriteMultipleCoils or ModbusFunctionCode.WriteMultipleRegisters => 8,
            _ => -1,
        };
    }

    /// <summary>
    /// Length of a request frame from its first bytes: 2 bytes for reads and single writes, 7 for multiple writes (the byte count).
    /// Returns the total frame length, 0 when more header bytes are needed, or -1 for a function this stack cannot frame.
    /// </summary>
    public static int RequestLength(ReadOnlySpan<byte> head)
    {
        if (head.Length < 2) return 0;
        return (ModbusFunctionCode)head[1] switch
        {
            ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs or ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters
                or ModbusFunctionCode.WriteSingleCoil or ModbusFunctionCode.WriteSingleRegister => 8,
            ModbusFunctionCode.WriteMultipleCoils or ModbusFunctionCode.WriteMultipleRegisters => head.Length < 7 ? 0 : 9 + head[6],
            _ => -1,
        };
    }
}

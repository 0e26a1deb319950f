using System.Buffers.Binary;

namespace Quantify.Ingestion.Modbus;

/// <summary>The MBAP header in front of every Modbus TCP PDU: transaction id, protocol id (0), length of what follows, unit id.</summary>
public sealed record MbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    /// <summary>Bytes of PDU that follow the header (the length field counts the unit id too).</summary>
    public int PduLength => Length - 1;
}

/// <summary>One Modbus TCP application data unit.</summary>
public sealed record ModbusTcpAdu(ushort TransactionId, byte UnitId, byte[] Pdu);

/// <summary>Modbus TCP framing (Modbus Messaging on TCP/IP Implementation Guide V1.0b, section 3.1.3). Parsing never throws.</summary>
public static class ModbusTcpFraming
{
    public const int HeaderLength = 7;
    public const int DefaultPort = 502;

    public static byte[] Encode(ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length is 0 or > ModbusSpec.MaxPduLength) throw new ArgumentOutOfRangeException(nameof(pdu), pdu.Length, $"A PDU is 1-{ModbusSpec.MaxPduLength} bytes.");
        var adu = new byte[HeaderLength + pdu.Length];
        BinaryPrimitives.WriteUInt16BigEndian(adu, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(adu.AsSpan(2), 0);
        BinaryPrimitives.WriteUInt16BigEndian(adu.AsSpan(4), (ushort)(pdu.Length + 1));
        adu[6] = unitId;
        pdu.CopyTo(adu.AsSpan(HeaderLength));
        return adu;
    }

    public static ModbusParseResult<MbapHeader> ParseHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderLength) return ModbusParseResult<MbapHeader>.Fail($"MBAP header is {header.Length} bytes; {HeaderLength} expected.");
        var protocol = BinaryPrimitives.ReadUInt16BigEndian(header[2..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        if (protocol != 0) return ModbusParseResult<MbapHeader>.Fail($"MBAP protocol id is {protocol}; Modbus is 0.");
        if (length < 2 || length > ModbusSpec.MaxPduLength + 1) return ModbusParseResult<MbapHeader>.Fail($"MBAP length {length} is outside 2-{ModbusSpec.MaxPduLength + 1}.");
        return ModbusParseResult<MbapHeader>.Ok(new MbapHeader(BinaryPrimitives.ReadUInt16BigEndian(header), protocol, length, header[6]));
    }

    public static ModbusParseResult<ModbusTcpAdu> Decode(ReadOnlySpan<byte> adu)
    {
        var header = ParseHeader(adu);
        if (!header.IsOk) return ModbusParseResult<ModbusTcpAdu>.Fail(header.Error!);
        var h = header.Value!;
        if (adu.Length - HeaderLength != h.PduLength) return ModbusParseResult<ModbusTcpAdu>.Fail($"MBAP length says {h.PduLength} PDU bytes follow; {adu.Length - HeaderLength} do.");
        return ModbusParseResult<ModbusTcpAdu>.Ok(new ModbusTcpAdu(h.TransactionId, h.UnitId, adu[HeaderLength..].ToArray()));
    }
}

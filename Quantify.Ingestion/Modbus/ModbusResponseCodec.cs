using System.Buffers.Binary;

namespace Quantify.Ingestion.Modbus;

/// <summary>
/// Response PDUs to bytes (slave side) and bytes to responses (master side). A response is decoded against the request
/// it answers, so a wrong function, byte count or echo is caught with a specific message. Decoding never throws.
/// </summary>
public static class ModbusResponseCodec
{
    public static byte[] Encode(ModbusResponse response)
    {
        switch (response)
        {
            case ExceptionResponse e:
                return [(byte)(e.RequestFunction | ModbusSpec.ExceptionFlag), (byte)e.Code];
            case ReadBitsResponse b:
                {
                    var packed = ModbusBits.Pack(b.Values);
                    var pdu = new byte[2 + packed.Length];
                    pdu[0] = (byte)b.Code;
                    pdu[1] = (byte)packed.Length;
                    packed.CopyTo(pdu, 2);
                    return pdu;
                }
            case ReadRegistersResponse r:
                {
                    var pdu = new byte[2 + (2 * r.Values.Count)];
                    pdu[0] = (byte)r.Code;
                    pdu[1] = (byte)(2 * r.Values.Count);
                    for (var i = 0; i < r.Values.Count; i++)
                        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(2 + (2 * i)), r.Values[i]);
                    return pdu;
                }
            case WriteSingleResponse s:
                return Five((byte)s.Code, s.Address, s.Value);
            case WriteMultipleResponse m:
                return Five((byte)m.Code, m.Address, m.Quantity);
            default:
                throw new ArgumentException($"Unknown response type {response.GetType().Name}.", nameof(response));
        }
    }

    public static ModbusParseResult<ModbusResponse> Decode(ModbusRequest request, ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length == 0) return Fail("Empty response PDU.");
        var expected = (byte)request.Function;
        if ((pdu[0] & ModbusSpec.ExceptionFlag) != 0)
        {
            var original = (byte)(pdu[0] & ~ModbusSpec.ExceptionFlag);
            if (original != expected) return Fail($"Exception response is for function {ModbusSpec.Hex(original)}, but the request was {ModbusSpec.Hex(expected)}.");
            if (pdu.Length != 2) return Fail($"Exception response is {pdu.Length} bytes; 2 expected.");
            return ModbusParseResult<ModbusResponse>.Ok(new ExceptionResponse(original, (ModbusExceptionCode)pdu[1]));
        }
        if (pdu[0] != expected) return Fail($"Response function {ModbusSpec.Hex(pdu[0])} does not match request function {ModbusSpec.Hex(expected)}.");
        return request switch
        {
            ReadRequest { ReadsBits: true } r => DecodeBits(r, pdu),
            ReadRequest r => DecodeRegisters(r, pdu),
            WriteSingleCoilRequest c => DecodeEcho(request, pdu, c.Value ? ModbusSpec.CoilOn : ModbusSpec.CoilOff, isSingle: true),
            WriteSingleRegisterRequest s => DecodeEcho(request, pdu, s.Value, isSingle: true),
            WriteMultipleCoilsRequest mc => DecodeEcho(request, pdu, (ushort)mc.Values.Count, isSingle: false),
            WriteMultipleRegistersRequest mr => DecodeEcho(request, pdu, (ushort)mr.Values.Count, isSingle: false),
            _ => Fail($"Unknown request type {request.GetType().Name}."),
        };
    }

    private static ModbusParseResult<ModbusResponse> DecodeBits(ReadRequest r, ReadOnlySpan<byte> pdu)
    {
        var want = ModbusBits.ByteCount(r.Count);
        if (pdu.Length < 2 || pdu[1] != want) return Fail($"Byte count {(pdu.Length < 2 ? "missing" : pdu[1].ToString(System.Globalization.CultureInfo.InvariantCulture))} does not fit {r.Count} bits requested ({want} expected).");
        if (pdu.Length != 2 + want) return Fail($"Response PDU is {pdu.Length} bytes; byte count {want} needs {2 + want}.");
        return ModbusParseResult<ModbusResponse>.Ok(new ReadBitsResponse(r.Function, ModbusBits.Unpack(pdu[2..], r.Count)));
    }

    private static ModbusParseResult<ModbusResponse> DecodeRegisters(ReadRequest r, ReadOnlySpan<byte> pdu)
    {
        var want = 2 * r.Count;
        if (pdu.Length < 2 || pdu[1] != want) return Fail($"Byte count {(pdu.Length < 2 ? "missing" : pdu[1].ToString(System.Globalization.CultureInfo.InvariantCulture))} does not fit {r.Count} registers requested ({want} expected).");
        if (pdu.Length != 2 + want) return Fail($"Response PDU is {pdu.Length} bytes; byte count {want} needs {2 + want}.");
        var values = new ushort[r.Count];
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadUInt16BigEndian(pdu[(2 + (2 * i))..]);
        return ModbusParseResult<ModbusResponse>.Ok(new ReadRegistersResponse(r.Function, values));
    }

    private static ModbusParseResult<ModbusResponse> DecodeEcho(ModbusRequest request, ReadOnlySpan<byte> pdu, ushort word, bool isSingle)
    {
        if (pdu.Length != 5) return Fail($"Function {ModbusSpec.Hex((byte)request.Function)} response is {pdu.Length} bytes; 5 expected.");
        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var value = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        if (address != request.Address) return Fail($"Response echoes address {address}, but the request wrote {request.Address}.");
        if (value != word) return Fail($"Response echoes {(isSingle ? "value" : "quantity")} 0x{value:X4}, but the request wrote 0x{word:X4}.");
        return ModbusParseResult<ModbusResponse>.Ok(isSingle
            ? new WriteSingleResponse(request.Function, address, value)
            : new WriteMultipleResponse(request.Function, address, value));
    }

    private static ModbusParseResult<ModbusResponse> Fail(string error) => ModbusParseResult<ModbusResponse>.Fail(error);

    private static byte[] Five(byte function, ushort a, ushort b)
    {
        var pdu = new byte[5];
        pdu[0] = function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), a);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), b);
        return pdu;
    }
}

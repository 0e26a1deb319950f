using System.Buffers.Binary;

namespace Quantify.Ingestion.Modbus;

/// <summary>Request PDUs to bytes (master side) and bytes to requests (slave side). Decoding never throws.</summary>
public static class ModbusRequestCodec
{
    public static byte[] Encode(ModbusRequest request)
    {
        switch (request)
        {
            case ReadRequest r:
                var max = r.ReadsBits ? ModbusSpec.MaxReadBits : ModbusSpec.MaxReadRegisters;
                if (r.Count is 0 || r.Count > max) throw new ArgumentOutOfRangeException(nameof(request), $"Function {ModbusSpec.Hex((byte)r.Function)} reads 1-{max} items, not {r.Count}.");
                return Header(r.Function, r.Address, r.Count, 0);
            case WriteSingleCoilRequest c:
                return Header(c.Function, c.Address, c.Value ? ModbusSpec.CoilOn : ModbusSpec.CoilOff, 0);
            case WriteSingleRegisterRequest s:
                return Header(s.Function, s.Address, s.Value, 0);
            case WriteMultipleCoilsRequest mc:
                if (mc.Values.Count is 0 || mc.Values.Count > ModbusSpec.MaxWriteCoils) throw new ArgumentOutOfRangeException(nameof(request), $"Function 0F writes 1-{ModbusSpec.MaxWriteCoils} coils, not {mc.Values.Count}.");
                var packed = ModbusBits.Pack(mc.Values);
                var coils = Header(mc.Function, mc.Address, (ushort)mc.Values.Count, 1 + packed.Length);
                coils[5] = (byte)packed.Length;
                packed.CopyTo(coils, 6);
                return coils;
            case WriteMultipleRegistersRequest mr:
                if (mr.Values.Count is 0 || mr.Values.Count > ModbusSpec.MaxWriteRegisters) throw new ArgumentOutOfRangeException(nameof(request), $"Function 10 writes 1-{ModbusSpec.MaxWriteRegisters} registers, not {mr.Values.Count}.");
                var regs = Header(mr.Function, mr.Address, (ushort)mr.Values.Count, 1 + (2 * mr.Values.Count));
                regs[5] = (byte)(2 * mr.Values.Count);
                for (var i = 0; i < mr.Values.Count; i++)
                    BinaryPrimitives.WriteUInt16BigEndian(regs.AsSpan(6 + (2 * i)), mr.Values[i]);
                return regs;
            default:
                throw new ArgumentException($"Unknown request type {request.GetType().Name}.", nameof(request));
        }
    }

    public static ModbusParseResult<ModbusRequest> Decode(ReadOnlySpan<byte> pdu)
    {
        if (pdu.Length == 0) return ModbusParseResult<ModbusRequest>.Fail("Empty PDU: no function code.");
        var fc = pdu[0];
        if (!ModbusSpec.IsSupported(fc) || (fc & ModbusSpec.ExceptionFlag) != 0)
            return ModbusParseResult<ModbusRequest>.Fail($"Function {ModbusSpec.Hex(fc)} is not supported.", ModbusExceptionCode.IllegalFunction);
        var function = (ModbusFunctionCode)fc;
        if (pdu.Length < 5) return BadValue($"Function {ModbusSpec.Hex(fc)} request is {pdu.Length} bytes; at least 5 expected.");
        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var word = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        switch (function)
        {
            case ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs or ModbusFunctionCode.ReadHoldingRegisters or ModbusFunctionCode.ReadInputRegisters:
                if (pdu.Length != 5) return BadValue($"Function {ModbusSpec.Hex(fc)} request is {pdu.Length} bytes; 5 expected.");
                var max = function is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs ? ModbusSpec.MaxReadBits : ModbusSpec.MaxReadRegisters;
                if (word is 0 || word > max) return BadValue($"Quantity {word} is outside 1-{max}.");
                if (address + word > 0x10000) return ModbusParseResult<ModbusRequest>.Fail($"Address {address} + quantity {word} passes 65535.", ModbusExceptionCode.IllegalDataAddress);
                return ModbusParseResult<ModbusRequest>.Ok(new ReadRequest(function, address, word));
            case ModbusFunctionCode.WriteSingleCoil:
                if (pdu.Length != 5) return BadValue($"Function 05 request is {pdu.Length} bytes; 5 expected.");
                if (word is not (ModbusSpec.CoilOn or ModbusSpec.CoilOff)) return BadValue($"Coil value 0x{word:X4} is neither 0xFF00 (on) nor 0x0000 (off).");
                return ModbusParseResult<ModbusRequest>.Ok(new WriteSingleCoilRequest(address, word == ModbusSpec.CoilOn));
            case ModbusFunctionCode.WriteSingleRegister:
                if (pdu.Length != 5) return BadValue($"Function 06 request is {pdu.Length} bytes; 5 expected.");
                return ModbusParseResult<ModbusRequest>.Ok(new WriteSingleRegisterRequest(address, word));
            case ModbusFunctionCode.WriteMultipleCoils:
                {
                    if (word is 0 || word > ModbusSpec.MaxWriteCoils) return BadValue($"Quantity {word} is outside 1-{ModbusSpec.MaxWriteCoils}.");
                    if (pdu.Length < 6 || pdu[5] != ModbusBits.ByteCount(word) || pdu.Length != 6 + pdu[5])
                        return BadValue($"Function 0F byte count does not fit {word} coils ({ModbusBits.ByteCount(word)} bytes expected, PDU is {pdu.Length} bytes).");
                    if (address + word > 0x10000) return ModbusParseResult<ModbusRequest>.Fail($"Address {address} + quantity {word} passes 65535.", ModbusExceptionCode.IllegalDataAddress);
                    return ModbusParseResult<ModbusRequest>.Ok(new WriteMultipleCoilsRequest(address, ModbusBits.Unpack(pdu[6..], word)));
                }
            case ModbusFunctionCode.WriteMultipleRegisters:
                {
                    if (word is 0 || word > ModbusSpec.MaxWriteRegisters) return BadValue($"Quantity {word} is outside 1-{ModbusSpec.MaxWriteRegisters}.");
                    if (pdu.Length < 6 || pdu[5] != 2 * word || pdu.Length != 6 + pdu[5])
                        return BadValue($"Function 10 byte count does not fit {word} registers ({2 * word} bytes expected, PDU is {pdu.Length} bytes).");
                    if (address + word > 0x10000) return ModbusParseResult<ModbusRequest>.Fail($"Address {address} + quantity {word} passes 65535.", ModbusExceptionCode.IllegalDataAddress);
                    var values = new ushort[word];
                    for (var i = 0; i < word; i++) values[i] = BinaryPrimitives.ReadUInt16BigEndian(pdu[(6 + (2 * i))..]);
                    return ModbusParseResult<ModbusRequest>.Ok(new WriteMultipleRegistersRequest(address, values));
                }
            default:
                return ModbusParseResult<ModbusRequest>.Fail($"Function {ModbusSpec.Hex(fc)} is not supported.", ModbusExceptionCode.IllegalFunction);
        }
    }

    private static ModbusParseResult<ModbusRequest> BadValue(string error) => ModbusParseResult<ModbusRequest>.Fail(error, ModbusExceptionCode.IllegalDataValue);

    private static byte[] Header(ModbusFunctionCode function, ushort address, ushort word, int extra)
    {
        var pdu = new byte[5 + extra];
        pdu[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(1), address);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(3), word);
        return pdu;
    }
}

using Quantify.Ingestion.Modbus;

namespace Quantify.Tests.Protocols;

/// <summary>CRC, PDU and value encoding checked byte for byte against the examples in the Modbus specifications.</summary>
public class ModbusCodecTests
{
    public static byte[] Hex(string s) => Convert.FromHexString(s.Replace(" ", "", StringComparison.Ordinal));

    [Theory]
    [InlineData("01 03 00 00 00 0A", "C5 CD")]
    [InlineData("11 03 00 6B 00 03", "76 87")]
    [InlineData("02 07", "41 12")] // Modbus over Serial Line V1.02, appendix B: CRC 0x1241 sent low byte first
    public void Crc_MatchesTheSpecificationExamples_LowByteFirst(string message, string crc)
    {
        var frame = ModbusRtuFraming.Encode(Hex(message)[0], Hex(message).AsSpan(1));
        Assert.Equal(Hex(message + crc), frame);
        Assert.True(ModbusCrc.IsValid(frame));
    }

    [Fact]
    public void Crc_OfNothing_IsTheInitialValue_AndAnyFlippedBitIsDetected()
    {
        Assert.Equal(0xFFFF, ModbusCrc.Compute([]));
        var frame = Hex("11 03 00 6B 00 03 76 87");
        for (var i = 0; i < frame.Length * 8; i++)
        {
            var bad = (byte[])frame.Clone();
            bad[i / 8] ^= (byte)(1 << (i % 8));
            Assert.False(ModbusCrc.IsValid(bad), $"bit {i} flipped went unnoticed");
        }
    }

    public static TheoryData<string, string> RequestExamples => new()
    {
        { "01 00 13 00 13", nameof(ReadRequest) },               // read coils 20-38
        { "02 00 C4 00 16", nameof(ReadRequest) },               // read discrete inputs 197-218
        { "03 00 6B 00 03", nameof(ReadRequest) },               // read holding registers 108-110
        { "04 00 08 00 01", nameof(ReadRequest) },               // read input register 9
        { "05 00 AC FF 00", nameof(WriteSingleCoilRequest) },    // coil 173 on
        { "06 00 01 00 03", nameof(WriteSingleRegisterRequest) },
        { "0F 00 13 00 0A 02 CD 01", nameof(WriteMultipleCoilsRequest) },
        { "10 00 01 00 02 04 00 0A 01 02", nameof(WriteMultipleRegistersRequest) },
    };

    [Theory]
    [MemberData(nameof(RequestExamples))]
    public void Requests_FromTheSpecification_DecodeAndEncodeBackToTheSameBytes(string hex, string type)
    {
        var parsed = ModbusRequestCodec.Decode(Hex(hex));
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(type, parsed.Value!.GetType().Name);
        Assert.Equal(Hex(hex), ModbusRequestCodec.Encode(parsed.Value));
    }

    [Fact]
    public void WriteMultipleCoils_Example_UnpacksLeastSignificantBitFirst()
    {
        var r = Assert.IsType<WriteMultipleCoilsRequest>(ModbusRequestCodec.Decode(Hex("0F 00 13 00 0A 02 CD 01")).Value);
        Assert.Equal(19, r.Address);
        Assert.Equal([true, false, true, true, false, false, true, true, true, false], r.Values);
    }

    [Fact]
    public void ReadHoldingRegisters_ResponseExample_GivesTheRegisterValues()
    {
        var request = new ReadRequest(ModbusFunctionCode.ReadHoldingRegisters, 0x006B, 3);
        Assert.Equal(Hex("03 00 6B 00 03"), ModbusRequestCodec.Encode(request));
        var response = ModbusResponseCodec.Decode(request, Hex("03 06 02 2B 00 00 00 64"));
        Assert.Equal([555, 0, 100], Assert.IsType<ReadRegistersResponse>(response.Value).Values);
        Assert.Equal(Hex("03 06 02 2B 00 00 00 64"), ModbusResponseCodec.Encode(response.Value!));
    }

    [Fact]
    public void ReadCoils_ResponseExample_GivesExactlyTheRequestedBits()
    {
        var request = new ReadRequest(ModbusFunctionCode.ReadCoils, 19, 19);
        var bits = Assert.IsType<ReadBitsResponse>(ModbusResponseCodec.Decode(request, Hex("01 03 CD 6B 05")).Value).Values;
        Assert.Equal(19, bits.Count);
        Assert.Equal([true, false, true, true, false, false, true, true], bits.Take(8));   // CD: coils 27..20 = 1100 1101
        Assert.Equal([true, false, true], bits.Skip(16));                                // 05: coils 38..36 = 101
        Assert.Equal(Hex("01 03 CD 6B 05"), ModbusResponseCodec.Encode(new ReadBitsResponse(ModbusFunctionCode.ReadCoils, bits)));
    }

    [Fact]
    public void WriteResponses_AreEchoesChecked_AgainstTheRequest()
    {
        var coil = new WriteSingleCoilRequest(0x00AC, true);
        Assert.True(ModbusResponseCodec.Decode(coil, Hex("05 00 AC FF 00")).IsOk);
        Assert.Equal("Response echoes value 0x0000, but the request wrote 0xFF00.", ModbusResponseCodec.Decode(coil, Hex("05 00 AC 00 00")).Error);
        var regs = new WriteMultipleRegistersRequest(1, [0x000A, 0x0102]);
        var ok = ModbusResponseCodec.Decode(regs, Hex("10 00 01 00 02"));
        Assert.Equal(new WriteMultipleResponse(ModbusFunctionCode.WriteMultipleRegisters, 1, 2), ok.Value);
        Assert.Equal("Response echoes address 2, but the request wrote 1.", ModbusResponseCodec.Decode(regs, Hex("10 00 02 00 02")).Error);
    }

    [Fact]
    public void ExceptionResponse_Example_IsDecodedWithItsCode_AndTheMasterErrorNamesIt()
    {
        var request = new ReadRequest(ModbusFunctionCode.ReadCoils, 0x04A1, 1);
        var e = Assert.IsType<ExceptionResponse>(ModbusResponseCodec.Decode(request, Hex("81 02")).Value);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, e.Code);
        Assert.Equal(1, e.RequestFunction);
        Assert.Equal(Hex("81 02"), ModbusResponseCodec.Encode(e));
        Assert.Equal("Modbus unit 7 answered function 01 with exception 02 (illegal data address).", new ModbusSlaveException(7, 1, e.Code).Message);
    }

    [Theory]
    [InlineData("", "Empty response PDU.")]
    [InlineData("04 02 00 0A", "Response function 04 does not match request function 03.")]
    [InlineData("83 02 00", "Exception response is 3 bytes; 2 expected.")]
    [InlineData("84 02", "Exception response is for function 04, but the request was 03.")]
    [InlineData("03 04 00 01 00 02", "Byte count 4 does not fit 3 registers requested (6 expected).")]
    [InlineData("03 06 00 01 00 02", "Response PDU is 6 bytes; byte count 6 needs 8.")]
    public void MalformedResponses_AreRejectedWithASpecificMessage(string hex, string error)
    {
        var result = ModbusResponseCodec.Decode(new ReadRequest(ModbusFunctionCode.ReadHoldingRegisters, 0x6B, 3), Hex(hex));
        Assert.False(result.IsOk);
        Assert.Equal(error, result.Error);
    }

    [Theory]
    [InlineData("2B 0E 01 00", ModbusExceptionCode.IllegalFunction)]       // encapsulated interface: not supported
    [InlineData("03 00 00 00 00", ModbusExceptionCode.IllegalDataValue)]   // quantity 0
    [InlineData("03 00 00 00 7E", ModbusExceptionCode.IllegalDataValue)]   // 126 registers > 125
    [InlineData("03 FF FF 00 02", ModbusExceptionCode.IllegalDataAddress)] // runs past 65535
    [InlineData("05 00 01 12 34", ModbusExceptionCode.IllegalDataValue)]   // coil value neither FF00 nor 0000
    [InlineData("10 00 01 00 02 03 00 0A 01", ModbusExceptionCode.IllegalDataValue)] // byte count 3 for 2 registers
    [InlineData("03 00 01", ModbusExceptionCode.IllegalDataValue)]         // truncated
    public void MalformedRequests_GetTheExceptionCodeASlaveMustAnswer(string hex, ModbusExceptionCode code)
    {
        var result = ModbusRequestCodec.Decode(Hex(hex));
        Assert.False(result.IsOk);
        Assert.Equal(code, result.Exception);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public void Float32_IsBigEndianWordOrder_AsEastronSends()
    {
        Assert.Equal([0x449A, 0x5000], ModbusValues.FromFloat32(1234.5f));
        Assert.Equal(1234.5m, ModbusValues.Decode(ModbusDataType.Float32, [0x449A, 0x5000]));
        Assert.Equal(230.1m, ModbusValues.Decode(ModbusDataType.Float32, [0x4366, 0x199A]));
        Assert.Equal(12345.678m, ModbusValues.Decode(ModbusDataType.Float32, [0x4640, 0xE6B6]));
        // Read with the words swapped the same registers mean something else entirely.
        Assert.NotEqual(1234.5m, ModbusValues.Decode(ModbusDataType.Float32LowWordFirst, [0x449A, 0x5000]));
        Assert.Equal(1234.5m, ModbusValues.Decode(ModbusDataType.Float32LowWordFirst, [0x5000, 0x449A]));
    }

    [Fact]
    public void IntegerTypes_DecodeSignAndWordOrder()
    {
        Assert.Equal(-2m, ModbusValues.Decode(ModbusDataType.Int16, [0xFFFE]));
        Assert.Equal(65534m, ModbusValues.Decode(ModbusDataType.UInt16, [0xFFFE]));
        Assert.Equal(0x12345678u, ModbusValues.Decode(ModbusDataType.UInt32, [0x1234, 0x5678]));
        Assert.Equal(0x12345678u, ModbusValues.Decode(ModbusDataType.UInt32LowWordFirst, [0x5678, 0x1234]));
        Assert.Equal(-1m, ModbusValues.Decode(ModbusDataType.Int32, [0xFFFF, 0xFFFF]));
        Assert.Equal([0x0001, 0xE240], ModbusValues.Encode(ModbusDataType.UInt32, 123456m));
        Assert.Equal([0xFF85], ModbusValues.Encode(ModbusDataType.Int16, -123m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusValues.Encode(ModbusDataType.UInt16, 70000m));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModbusValues.Encode(ModbusDataType.UInt32, 1.5m));
    }

    [Fact]
    public void Float32_NotANumber_IsAnErrorNotAReading()
    {
        var ex = Assert.Throws<ModbusProtocolException>(() => ModbusValues.Decode(ModbusDataType.Float32, [0x7FC0, 0x0000]));
        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
    }
}

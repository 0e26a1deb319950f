using Quantify.Ingestion.Modbus;
using static Quantify.Tests.Protocols.ModbusCodecTests;

namespace Quantify.Tests.Protocols;

/// <summary>Modbus TCP (MBAP) and RTU framing: encoding, and every kind of bad frame refused with its reason.</summary>
public class ModbusFramingTests
{
    [Fact]
    public void Mbap_Encode_PutsTransactionProtocolLengthAndUnitBeforeThePdu()
    {
        var adu = ModbusTcpFraming.Encode(0x1501, 0x11, Hex("03 00 6B 00 03"));
        Assert.Equal(Hex("15 01 00 00 00 06 11 03 00 6B 00 03"), adu);
        var decoded = ModbusTcpFraming.Decode(adu);
        Assert.True(decoded.IsOk, decoded.Error);
        Assert.Equal(0x1501, decoded.Value!.TransactionId);
        Assert.Equal(0x11, decoded.Value.UnitId);
        Assert.Equal(Hex("03 00 6B 00 03"), decoded.Value.Pdu);
    }

    [Theory]
    [InlineData("00 01 00 01 00 06 11 03 00 6B 00 03", "MBAP protocol id is 1; Modbus is 0.")]
    [InlineData("00 01 00 00 00 01 11", "MBAP length 1 is outside 2-254.")]
    [InlineData("00 01 00 00 01 00 11 03", "MBAP length 256 is outside 2-254.")]
    [InlineData("00 01 00 00 00 06 11 03 00 6B", "MBAP length says 5 PDU bytes follow; 3 do.")]
    [InlineData("00 01 00 00", "MBAP header is 4 bytes; 7 expected.")]
    public void Mbap_BadHeaders_AreRejectedWithTheReason(string hex, string error)
    {
        var result = ModbusTcpFraming.Decode(Hex(hex));
        Assert.False(result.IsOk);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Rtu_GoodFrame_GivesAddressAndPdu()
    {
        var adu = ModbusRtuFraming.Decode(Hex("11 03 00 6B 00 03 76 87"));
        Assert.True(adu.IsOk, adu.Error);
        Assert.Equal(0x11, adu.Value!.Address);
        Assert.Equal(Hex("03 00 6B 00 03"), adu.Value.Pdu);
    }

    [Theory]
    [InlineData("11 03 00 6B 00 03 87 76", "RTU frame CRC mismatch: frame carries 87 76, computed 76 87.")]
    [InlineData("11 03 00 6C 00 03 76 87", "RTU frame CRC mismatch: frame carries 76 87, computed C7 46.")]
    [InlineData("11 03 76", "RTU frame is 3 bytes; 4-256 expected.")]
    [InlineData("", "RTU frame is 0 bytes; 4-256 expected.")]
    public void Rtu_BadCrcOrLength_IsRejectedWithTheReason(string hex, string error)
    {
        var result = ModbusRtuFraming.Decode(Hex(hex));
        Assert.False(result.IsOk);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public void Rtu_RandomGarbage_NeverThrows()
    {
        var random = new Random(1234);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            _ = ModbusRtuFraming.Decode(bytes);
            _ = ModbusTcpFraming.Decode(bytes);
            _ = ModbusRequestCodec.Decode(bytes);
            _ = ModbusResponseCodec.Decode(new ReadRequest(ModbusFunctionCode.ReadInputRegisters, 0, 2), bytes);
            _ = ModbusRtuFraming.ResponseLength(bytes);
            _ = ModbusRtuFraming.RequestLength(bytes);
        }
    }

    [Fact]
    public async Task RtuStreamReader_CutsBackToBackFramesByFunctionCodeAndByteCount()
    {
        var read = ModbusRtuFraming.Encode(1, Hex("04 04 44 9A 50 00"));
        var exception = ModbusRtuFraming.Encode(1, Hex("84 02"));
        var write = ModbusRtuFraming.Encode(1, Hex("10 00 01 00 02"));
        using var stream = new MemoryStream([.. read, .. exception, .. write]);
        Assert.Equal(read, await ModbusRtuStreamReader.ReadResponseAsync(stream, default));
        Assert.Equal(exception, await ModbusRtuStreamReader.ReadResponseAsync(stream, default));
        Assert.Equal(write, await ModbusRtuStreamReader.ReadResponseAsync(stream, default));
        await Assert.ThrowsAsync<EndOfStreamException>(() => ModbusRtuStreamReader.ReadResponseAsync(stream, default));
    }

    [Fact]
    public async Task RtuStreamReader_DelimitsAnUnknownRequestByItsCrc_SoTheSlaveCanAnswerIt()
    {
        var unknown = ModbusRtuFraming.Encode(1, Hex("2B 0E 01 00"));
        var multi = ModbusRtuFraming.Encode(1, Hex("10 00 01 00 02 04 00 0A 01 02"));
        using var stream = new MemoryStream([.. unknown, .. multi]);
        Assert.Equal(unknown, await ModbusRtuStreamReader.ReadRequestAsync(stream, default));
        Assert.Equal(multi, await ModbusRtuStreamReader.ReadRequestAsync(stream, default));
        Assert.Null(await ModbusRtuStreamReader.ReadRequestAsync(stream, default));
    }

    [Fact]
    public async Task RtuStreamReader_UnframeableResponse_IsAProtocolError()
    {
        using var stream = new MemoryStream(Hex("01 2B 00 00 00"));
        var ex = await Assert.ThrowsAsync<ModbusProtocolException>(() => ModbusRtuStreamReader.ReadResponseAsync(stream, default));
        Assert.Equal("Response function 2B is not one this master sent; the frame cannot be delimited.", ex.Message);
    }
}

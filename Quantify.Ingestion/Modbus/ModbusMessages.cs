namespace Quantify.Ingestion.Modbus;

/// <summary>A request PDU: what a master asks of a slave.</summary>
public abstract record ModbusRequest(ModbusFunctionCode Function, ushort Address);

/// <summary>Function 01, 02, 03 or 04: read <paramref name="Count"/> bits or registers from <paramref name="Address"/>.</summary>
public sealed record ReadRequest(ModbusFunctionCode Function, ushort Address, ushort Count) : ModbusRequest(Function, Address)
{
    public bool ReadsBits => Function is ModbusFunctionCode.ReadCoils or ModbusFunctionCode.ReadDiscreteInputs;
}

/// <summary>Function 05: set one coil on or off (a relay: on = closed).</summary>
public sealed record WriteSingleCoilRequest(ushort Address, bool Value) : ModbusRequest(ModbusFunctionCode.WriteSingleCoil, Address);

/// <summary>Function 06: write one holding register.</summary>
public sealed record WriteSingleRegisterRequest(ushort Address, ushort Value) : ModbusRequest(ModbusFunctionCode.WriteSingleRegister, Address);

/// <summary>Function 15: write consecutive coils.</summary>
public sealed record WriteMultipleCoilsRequest(ushort Address, IReadOnlyList<bool> Values) : ModbusRequest(ModbusFunctionCode.WriteMultipleCoils, Address);

/// <summary>Function 16: write consecutive holding registers.</summary>
public sealed record WriteMultipleRegistersRequest(ushort Address, IReadOnlyList<ushort> Values) : ModbusRequest(ModbusFunctionCode.WriteMultipleRegisters, Address);

/// <summary>A response PDU: what a slave answers.</summary>
public abstract record ModbusResponse(byte Function);

/// <summary>Answer to 01/02: the bits read (exactly the number requested once decoded against the request).</summary>
public sealed record ReadBitsResponse(ModbusFunctionCode Code, IReadOnlyList<bool> Values) : ModbusResponse((byte)Code);

/// <summary>Answer to 03/04: the registers read, big-endian on the wire.</summary>
public sealed record ReadRegistersResponse(ModbusFunctionCode Code, IReadOnlyList<ushort> Values) : ModbusResponse((byte)Code);

/// <summary>Answer to 05/06: the request echoed (address and the value as written, 0xFF00/0x0000 for a coil).</summary>
public sealed record WriteSingleResponse(ModbusFunctionCode Code, ushort Address, ushort Value) : ModbusResponse((byte)Code);

/// <summary>Answer to 15/16: start address and quantity written.</summary>
public sealed record WriteMultipleResponse(ModbusFunctionCode Code, ushort Address, ushort Quantity) : ModbusResponse((byte)Code);

/// <summary>Exception response: function code with the high bit set, then the exception code. <see cref="ModbusResponse.Function"/> is the original (unflagged) code.</summary>
public sealed record ExceptionResponse(byte RequestFunction, ModbusExceptionCode Code) : ModbusResponse(RequestFunction);

namespace Quantify.Ingestion.Modbus;

/// <summary>The Modbus function codes this stack speaks (Modbus Application Protocol V1.1b3, section 6).</summary>
public enum ModbusFunctionCode : byte
{
    ReadCoils = 0x01,
    ReadDiscreteInputs = 0x02,
    ReadHoldingRegisters = 0x03,
    ReadInputRegisters = 0x04,
    WriteSingleCoil = 0x05,
    WriteSingleRegister = 0x06,
    WriteMultipleCoils = 0x0F,
    WriteMultipleRegisters = 0x10,
}

/// <summary>Exception codes a slave answers with (function code | 0x80, then one of these).</summary>
public enum ModbusExceptionCode : byte
{
    IllegalFunction = 0x01,
    IllegalDataAddress = 0x02,
    IllegalDataValue = 0x03,
    ServerDeviceFailure = 0x04,
    Acknowledge = 0x05,
    ServerDeviceBusy = 0x06,
    MemoryParityError = 0x08,
    GatewayPathUnavailable = 0x0A,
    GatewayTargetDeviceFailedToRespond = 0x0B,
}

/// <summary>Limits and names from the specification.</summary>
public static class ModbusSpec
{
    /// <summary>Largest PDU: 256-byte RTU frame less address and CRC.</summary>
    public const int MaxPduLength = 253;
    public const int MaxReadRegisters = 125;
    public const int MaxReadBits = 2000;
    public const int MaxWriteRegisters = 123;
    public const int MaxWriteCoils = 1968;
    public const ushort CoilOn = 0xFF00;
    public const ushort CoilOff = 0x0000;
    public const byte ExceptionFlag = 0x80;

    /// <summary>True for the function codes <see cref="ModbusFunctionCode"/> lists.</summary>
    public static bool IsSupported(byte function) => Enum.IsDefined((ModbusFunctionCode)function);

    /// <summary>Two hex digits, as the specification writes function codes.</summary>
    public static string Hex(byte function) => function.ToString("X2", System.Globalization.CultureInfo.InvariantCulture);

    public static string Describe(ModbusExceptionCode code) => code switch
    {
        ModbusExceptionCode.IllegalFunction => "illegal function",
        ModbusExceptionCode.IllegalDataAddress => "illegal data address",
        ModbusExceptionCode.IllegalDataValue => "illegal data value",
        ModbusExceptionCode.ServerDeviceFailure => "server device failure",
        ModbusExceptionCode.Acknowledge => "acknowledge (long operation under way)",
        ModbusExceptionCode.ServerDeviceBusy => "server device busy",
        ModbusExceptionCode.MemoryParityError => "memory parity error",
        ModbusExceptionCode.GatewayPathUnavailable => "gateway path unavailable",
        ModbusExceptionCode.GatewayTargetDeviceFailedToRespond => "gateway target device failed to respond",
        _ => "unknown exception",
    };
}

namespace Quantify.Ingestion.Modbus;

/// <summary>The slave answered with an exception response (function | 0x80 + exception code). Not retried: asking again gets the same answer.</summary>
public sealed class ModbusSlaveException(byte unitId, byte function, ModbusExceptionCode code)
    : Exception($"Modbus unit {unitId} answered function {ModbusSpec.Hex(function)} with exception {(byte)code:X2} ({ModbusSpec.Describe(code)}).")
{
    public byte UnitId { get; } = unitId;
    public byte Function { get; } = function;
    public ModbusExceptionCode Code { get; } = code;
}

/// <summary>Bytes that are not a valid answer: bad CRC, bad length, wrong transaction or unit id, a response that does not match the request.</summary>
public sealed class ModbusProtocolException(string message) : Exception(message);

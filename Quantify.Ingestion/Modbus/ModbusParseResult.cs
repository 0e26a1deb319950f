namespace Quantify.Ingestion.Modbus;

/// <summary>
/// The outcome of parsing bytes: a value, or a specific error. Parsers return this and never throw for bad input.
/// <see cref="Exception"/> is the exception code a slave should answer a malformed request with.
/// </summary>
public readonly record struct ModbusParseResult<T>(T? Value, string? Error, ModbusExceptionCode? Exception = null)
    where T : class
{
    public bool IsOk => Error is null;

    public static ModbusParseResult<T> Ok(T value) => new(value, null);

    public static ModbusParseResult<T> Fail(string error, ModbusExceptionCode? exception = null) => new(null, error, exception);

    /// <summary>The value, or a <see cref="ModbusProtocolException"/> carrying the error.</summary>
    public T GetValueOrThrow() => Value ?? throw new ModbusProtocolException(Error ?? "No value.");
}

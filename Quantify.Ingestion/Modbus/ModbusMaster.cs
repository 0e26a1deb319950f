using System.Net.Sockets;

namespace Quantify.Ingestion.Modbus;

/// <summary>How patient a master is: per-attempt timeout, extra attempts after a timeout or garbled answer, and the pause between them.</summary>
public sealed record ModbusMasterOptions
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
    public int Retries { get; init; } = 2;
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);
}

/// <summary>
/// Modbus client. Each call is one request with a timeout; timeouts, I/O errors and garbled frames are retried
/// (<see cref="ModbusMasterOptions.Retries"/>), exception responses are not (they throw <see cref="ModbusSlaveException"/>).
/// Calls on one master are serialised by its transport, so meters behind one gateway share it safely.
/// </summary>
public sealed class ModbusMaster(IModbusTransport transport, ModbusMasterOptions? options = null) : IAsyncDisposable
{
    private readonly ModbusMasterOptions options = options ?? new ModbusMasterOptions();

    public IModbusTransport Transport => transport;

    public async Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, ushort count, CancellationToken ct = default) =>
        [.. ((ReadRegistersResponse)await SendAsync(unitId, new ReadRequest(ModbusFunctionCode.ReadHoldingRegisters, address, count), ct)).Values];

    public async Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, ushort count, CancellationToken ct = default) =>
        [.. ((ReadRegistersResponse)await SendAsync(unitId, new ReadRequest(ModbusFunctionCode.ReadInputRegisters, address, count), ct)).Values];

    public async Task<bool[]> ReadCoilsAsync(byte unitId, ushort address, ushort count, CancellationToken ct = default) =>
        [.. ((ReadBitsResponse)await SendAsync(unitId, new ReadRequest(ModbusFunctionCode.ReadCoils, address, count), ct)).Values];

    public async Task<bool[]> ReadDiscreteInputsAsync(byte unitId, ushort address, ushort count, CancellationToken ct = default) =>
        [.. ((ReadBitsResponse)await SendAsync(unitId, new ReadRequest(ModbusFunctionCode.ReadDiscreteInputs, address, count), ct)).Values];

    /// <summary>Function 05. For a relay coil, true closes the relay (supply on), false opens it.</summary>
    public Task WriteSingleCoilAsync(byte unitId, ushort address, bool value, CancellationToken ct = default) =>
        SendAsync(unitId, new WriteSingleCoilRequest(address, value), ct);

    public Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, CancellationToken ct = default) =>
        SendAsync(unitId, new WriteSingleRegisterRequest(address, value), ct);

    public Task WriteMultipleCoilsAsync(byte unitId, ushort address, IReadOnlyList<bool> values, CancellationToken ct = default) =>
        SendAsync(unitId, new WriteMultipleCoilsRequest(address, values), ct);

    public Task WriteMultipleRegistersAsync(byte unitId, ushort address, IReadOnlyList<ushort> values, CancellationToken ct = default) =>
        SendAsync(unitId, new WriteMultipleRegistersRequest(address, values), ct);

    /// <summary>Sends any request and returns the decoded, validated response. Throws <see cref="ModbusSlaveException"/> for an exception response.</summary>
    public async Task<ModbusResponse> SendAsync(byte unitId, ModbusRequest request, CancellationToken ct = default)
    {
        var pdu = ModbusRequestCodec.Encode(request);
        var attempts = Math.Max(0, options.Retries) + 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await ExchangeOnceAsync(unitId, request, pdu, ct);
                return response is ExceptionResponse e ? throw new ModbusSlaveException(unitId, e.RequestFunction, e.Code) : response;
            }
            catch (Exception ex) when (attempt < attempts && IsTransient(ex) && !ct.IsCancellationRequested)
            {
                await Task.Delay(options.RetryDelay, ct);
            }
            catch (TimeoutException) when (attempts > 1)
            {
                throw new TimeoutException($"Modbus unit {unitId} did not answer function {ModbusSpec.Hex((byte)request.Function)} within {options.Timeout.TotalMilliseconds:0} ms on {transport.Description} ({attempts} attempts).");
            }
        }
    }

    private async Task<ModbusResponse> ExchangeOnceAsync(byte unitId, ModbusRequest request, byte[] pdu, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        byte[] answer;
        try
        {
            answer = await transport.ExchangeAsync(unitId, pdu, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Modbus unit {unitId} did not answer function {ModbusSpec.Hex((byte)request.Function)} within {options.Timeout.TotalMilliseconds:0} ms on {transport.Description}.");
        }
        return ModbusResponseCodec.Decode(request, answer).GetValueOrThrow();
    }

    private static bool IsTransient(Exception ex) => ex is TimeoutException or ModbusProtocolException or IOException or SocketException or ObjectDisposedException;

    public ValueTask DisposeAsync() => transport.DisposeAsync();
}

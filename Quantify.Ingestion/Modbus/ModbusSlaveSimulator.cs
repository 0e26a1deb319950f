using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Quantify.Ingestion.Modbus;

/// <summary>
/// A Modbus slave for development and tests: a real TCP server (Modbus TCP, or RTU over TCP like an RS485 gateway) serving
/// simulated meters by unit id from their register maps. Masters can read registers and switch relay coils; the caller
/// moves the readings (<see cref="SetReading"/>) and watches the relays (<see cref="RelayChanged"/>). Unknown functions
/// get exception 01, unmapped addresses 02, an unknown unit 0B on TCP (silence on RTU). Serves any number of clients.
/// </summary>
public sealed class ModbusSlaveSimulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<byte, ModbusSimulatedMeter> meters = new();
    private readonly ConcurrentDictionary<Task, byte> sessions = new();
    private readonly CancellationTokenSource stopping = new();
    private TcpListener? listener;
    private Task? acceptLoop;
    private long requests;
    private int disposed;

    /// <summary>The bound TCP port once <see cref="Start"/> has run (the real one when started on port 0).</summary>
    public int Port { get; private set; }

    public ModbusFraming Framing { get; private set; } = ModbusFraming.Tcp;

    /// <summary>Requests answered or rejected so far, across all connections.</summary>
    public long RequestCount => Interlocked.Read(ref requests);

    /// <summary>Any simulated meter's relay changed.</summary>
    public event EventHandler<ModbusRelayChangedEventArgs>? RelayChanged;

    /// <summary>A frame was refused (bad CRC, bad MBAP header, unframeable bytes): the reason, for logs and tests.</summary>
    public event Action<string>? FrameRejected;

    public IReadOnlyCollection<ModbusSimulatedMeter> Meters => [.. meters.Values.OrderBy(m => m.UnitId)];

    public ModbusSimulatedMeter AddMeter(byte unitId, ModbusRegisterMap map, bool relayClosed = true)
    {
        if (unitId is 0 or > 247) throw new ArgumentOutOfRangeException(nameof(unitId), unitId, "Unit ids 1-247 address a slave.");
        var meter = new ModbusSimulatedMeter(unitId, map, relayClosed);
        if (!meters.TryAdd(unitId, meter)) throw new InvalidOperationException($"Unit {unitId} is already simulated.");
        meter.RelayChanged += (_, e) => RelayChanged?.Invoke(this, e);
        return meter;
    }

    public ModbusSimulatedMeter Meter(byte unitId) => meters.TryGetValue(unitId, out var m) ? m : throw new KeyNotFoundException($"Unit {unitId} is not simulated.");

    /// <summary>Sets a meter's billing register (kWh for electricity, kL for water).</summary>
    public void SetReading(byte unitId, decimal value) => Meter(unitId).SetReading(value);

    /// <summary>The relay state of a meter, or null for a model without a relay.</summary>
    public bool? IsRelayClosed(byte unitId) => Meter(unitId).RelayClosed;

    /// <summary>Starts listening. Port 0 picks a free port; read it from <see cref="Port"/>. Binds loopback unless told otherwise.</summary>
    public void Start(int port = 0, ModbusFraming framing = ModbusFraming.Tcp, IPAddress? bindTo = null)
    {
        if (listener is not null) throw new InvalidOperationException("The simulator is already listening.");
        Framing = framing;
        listener = new TcpListener(bindTo ?? IPAddress.Loopback, port);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptAsync(listener, stopping.Token);
    }

    /// <summary>Serves one already-open stream (a serial port or pseudo-terminal) until it ends or <paramref name="ct"/> fires.</summary>
    public async Task ServeStreamAsync(Stream stream, ModbusFraming framing, CancellationToken ct)
    {
        try
        {
            await ModbusSlaveConnection.ServeAsync(stream, framing, (unit, pdu) => Process(unit, pdu, framing), Reject, ct);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The peer went away or we are stopping: the session simply ends.
        }
    }

    /// <summary>Answers one request PDU for a unit (the framing-independent core); null means stay silent.</summary>
    public byte[]? Process(byte unitId, byte[] pdu, ModbusFraming framing)
    {
        Interlocked.Increment(ref requests);
        var decoded = ModbusRequestCodec.Decode(pdu);
        if (unitId == ModbusRtuFraming.BroadcastAddress && framing == ModbusFraming.Rtu)
        {
            if (decoded.IsOk && decoded.Value is not ReadRequest)
                foreach (var m in meters.Values) m.Handle(decoded.Value!);
            return null;
        }
        if (!meters.TryGetValue(unitId, out var meter))
            return framing == ModbusFraming.Tcp && pdu.Length > 0 ? ModbusResponseCodec.Encode(new ExceptionResponse(pdu[0], ModbusExceptionCode.GatewayTargetDeviceFailedToRespond)) : null;
        if (!decoded.IsOk)
        {
            Reject($"Unit {unitId}: {decoded.Error}");
            return decoded.Exception is { } code ? ModbusResponseCodec.Encode(new ExceptionResponse((byte)(pdu[0] & ~ModbusSpec.ExceptionFlag), code)) : null;
        }
        return ModbusResponseCodec.Encode(meter.Handle(decoded.Value!));
    }

    private async Task AcceptAsync(TcpListener server, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await server.AcceptTcpClientAsync(ct); }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            var session = RunSessionAsync(client, ct);
            sessions.TryAdd(session, 0);
            _ = session.ContinueWith(t => sessions.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task RunSessionAsync(TcpClient client, CancellationToken ct)
    {
        using (client)
        {
            try
            {
                client.NoDelay = true;
                await ServeStreamAsync(client.GetStream(), Framing, ct);
            }
            catch (Exception ex) when (ex is InvalidOperationException or SocketException or ObjectDisposedException)
            {
                // The client was gone before the session started.
            }
        }
    }

    private void Reject(string reason) => FrameRejected?.Invoke(reason);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        await stopping.CancelAsync();
        listener?.Stop();
        if (acceptLoop is not null) await acceptLoop;
        await Task.WhenAll(sessions.Keys);
        stopping.Dispose();
    }
}

namespace Quantify.Ingestion.Modbus;

/// <summary>
/// A transport over a stream it opens itself (socket or serial port): one exchange at a time, the stream opened on first use
/// and dropped after any failure. Cancellation is honoured even by streams that ignore it: the exchange is abandoned and its stream disposed.
/// </summary>
public abstract class ModbusStreamTransport(Func<CancellationToken, Task<Stream>> open, string description) : IModbusTransport
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Stream? stream;
    private bool disposed;

    public string Description { get; } = description;

    public async Task<byte[]> ExchangeAsync(byte unitId, byte[] requestPdu, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        Task<byte[]>? work = null;
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            stream ??= await open(ct).WaitAsync(ct);
            work = ExchangeOnStreamAsync(stream, unitId, requestPdu, ct);
            return await work.WaitAsync(ct);
        }
        catch
        {
            if (work is { IsCompleted: false })
                _ = work.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            await DropStreamAsync();
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes the framed request and reads the framed response on an open stream; returns the response PDU.</summary>
    protected abstract Task<byte[]> ExchangeOnStreamAsync(Stream stream, byte unitId, byte[] requestPdu, CancellationToken ct);

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        await DropStreamAsync();
        GC.SuppressFinalize(this);
    }

    private async Task DropStreamAsync()
    {
        var s = Interlocked.Exchange(ref stream, null);
        if (s is not null)
        {
            try { await s.DisposeAsync(); }
            catch (IOException) { /* already broken: nothing more to release */ }
        }
    }

    /// <summary>Opens a TCP connection with Nagle off (a request is one small write).</summary>
    protected static async Task<Stream> ConnectTcpAsync(string host, int port, CancellationToken ct)
    {
        var client = new System.Net.Sockets.TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(host, port, ct);
            return client.GetStream();
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }
}

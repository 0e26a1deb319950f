using System.Net;
using System.Net.Sockets;

namespace Quantify.Tests.Protocols;

/// <summary>
/// A loopback TCP relay in front of a real slave: counts connections and the requests (writes) masters send, and can hold
/// each answer back for a while, like a slow RS485 line behind a gateway.
/// </summary>
public sealed class CountingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly int targetPort;
    private readonly List<Task> pumps = [];
    private readonly Task loop;
    private int connections;
    private int requests;

    public CountingTcpProxy(int targetPort, TimeSpan answerDelay = default)
    {
        this.targetPort = targetPort;
        AnswerDelay = answerDelay;
        listener.Start();
        loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public int Connections => Volatile.Read(ref connections);
    /// <summary>Modbus TCP requests seen (one write per request frame from the master).</summary>
    public int Requests => Volatile.Read(ref requests);
    public TimeSpan AnswerDelay { get; set; }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            Interlocked.Increment(ref connections);
            var upstream = new TcpClient();
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, stop.Token);
            lock (pumps)
            {
                pumps.Add(PumpAsync(client.GetStream(), upstream.GetStream(), countRequests: true, TimeSpan.Zero, client, upstream));
                pumps.Add(PumpAsync(upstream.GetStream(), client.GetStream(), countRequests: false, AnswerDelay, client, upstream));
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool countRequests, TimeSpan delay, TcpClient a, TcpClient b)
    {
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, stop.Token);
                if (n == 0) break;
                if (countRequests) Interlocked.Increment(ref requests);
                if (delay > TimeSpan.Zero) await Task.Delay(delay, stop.Token);
                await to.WriteAsync(buffer.AsMemory(0, n), stop.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Either side went away.
        }
        finally
        {
            a.Dispose();
            b.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        Task[] all;
        lock (pumps) all = [.. pumps];
        await Task.WhenAll(all);
        stop.Dispose();
    }
}

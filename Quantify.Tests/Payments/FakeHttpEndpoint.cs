using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Quantify.Tests.Payments;

/// <summary>
/// A bare HTTP/1.1 listener on a loopback port for tests: records each request (path and body) and answers with the
/// text <see cref="Answer"/> returns. Stands in for PayFast's validate URL, or for an attacker's listener.
/// </summary>
public sealed class FakeHttpEndpoint : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public FakeHttpEndpoint(Func<string, string> answer)
    {
        Answer = answer;
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }
    public Func<string, string> Answer { get; }
    public ConcurrentQueue<(string Path, string Body)> Requests { get; } = new();
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(stop.Token); }
            catch (Exception) when (stop.IsCancellationRequested) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer, "\r\n\r\n"u8.ToArray())) < 0)
        {
            var n = await stream.ReadAsync(chunk);
            if (n == 0) return;
            buffer.AddRange(chunk.AsSpan(0, n).ToArray());
        }
        var head = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        var length = head.Skip(1).Select(h => h.Split(':', 2)).Where(h => h.Length == 2 && h[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        while (buffer.Count < headerEnd + 4 + length)
        {
            var n = await stream.ReadAsync(chunk);
            if (n == 0) break;
            buffer.AddRange(chunk.AsSpan(0, n).ToArray());
        }
        var body = Encoding.UTF8.GetString(buffer.GetRange(headerEnd + 4, Math.Min(length, buffer.Count - headerEnd - 4)).ToArray());
        var path = head[0].Split(' ')[1];
        Requests.Enqueue((path, body));
        var text = Encoding.UTF8.GetBytes(Answer(body));
        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {text.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(response);
        await stream.WriteAsync(text);
        await stream.FlushAsync();
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Count; i++)
        {
            var match = true;
            for (var j = 0; j < needle.Length && match; j++) match = haystack[i + j] == needle[j];
            if (match) return i;
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try { await loop; } catch (OperationCanceledException) { }
        stop.Dispose();
    }
}

using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace Quantify.Tests.Protocols;

/// <summary>Two connected in-memory streams, like the two ends of a serial cable: what one writes, the other reads.</summary>
public sealed class ModbusLoopbackStream(Stream input, Stream output) : Stream
{
    public static (ModbusLoopbackStream A, ModbusLoopbackStream B) CreatePair()
    {
        var aToB = new Pipe();
        var bToA = new Pipe();
        return (new ModbusLoopbackStream(bToA.Reader.AsStream(), aToB.Writer.AsStream()),
                new ModbusLoopbackStream(aToB.Reader.AsStream(), bToA.Writer.AsStream()));
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => output.Flush();
    public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);
    public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => input.ReadAsync(buffer, cancellationToken);
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => input.ReadAsync(buffer, offset, count, cancellationToken);
    public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await output.WriteAsync(buffer, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
            output.Dispose();
        }
        base.Dispose(disposing);
    }
}

/// <summary>A misbehaving TCP peer for master tests: each accepted connection runs the script with its 1-based index.</summary>
public sealed class ScriptedTcpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> sessions = [];
    private readonly Task loop;
    private int connections;

    public ScriptedTcpServer(Func<NetworkStream, int, CancellationToken, Task> script)
    {
        listener.Start();
        loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(stop.Token); }
                catch (OperationCanceledException) { return; }
                var index = Interlocked.Increment(ref connections);
                lock (sessions) sessions.Add(Task.Run(async () =>
                {
                    using (client)
                    {
                        try { await script(client.GetStream(), index, stop.Token); }
                        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException) { }
                    }
                }));
            }
        });
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public int Connections => Volatile.Read(ref connections);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await loop;
        Task[] all;
        lock (sessions) all = [.. sessions];
        await Task.WhenAll(all);
        stop.Dispose();
    }
}

/// <summary>A clock the test moves by hand; Task.Delay on it completes only when <see cref="Advance"/> passes its due time.</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock sync = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() { lock (sync) return now; }

    /// <summary>Timers waiting to fire (a poll loop sleeping between polls holds one).</summary>
    public int PendingTimers { get { lock (sync) return timers.Count(t => t.Due is not null); } }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (sync)
        {
            now += by;
            due = [.. timers.Where(t => t.Due <= now)];
            foreach (var t in due) t.Due = t.Period is { } p ? now + p : null;
        }
        foreach (var t in due) t.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? Due { get; set; }
        public TimeSpan? Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock.sync)
            {
                if (!clock.timers.Contains(this)) clock.timers.Add(this);
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.now + dueTime;
                Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            }
            return true;
        }

        public void Dispose() { lock (clock.sync) clock.timers.Remove(this); }
        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}

/// <summary>Polls a condition until it holds (the thing under test runs on other threads); fails with a message after a generous limit.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(10);
        }
    }
}

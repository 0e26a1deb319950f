using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Ingestion.Modbus;

/// <summary>Poller settings: master patience, the transport seam, and where outcomes are reported besides the log.</summary>
public sealed record ModbusPollerOptions
{
    public ModbusMasterOptions Master { get; init; } = new();
    public IModbusTransportFactory Transports { get; init; } = new ModbusTransportFactory();
    public Action<ModbusPollFailure>? OnFailure { get; init; }
    /// <summary>A poll whose reading the sink accepted: the meter and when.</summary>
    public Action<ModbusPollTarget, DateTimeOffset>? OnSuccess { get; init; }
}

/// <summary>
/// Polls Modbus meters on their intervals: reads each meter's billing register (and relay coil, if its model has one)
/// through its register map and hands the reading to the ingestion sink as a <c>modbus/{serial}</c> message. A failed
/// poll is logged and reported to <see cref="ModbusPollerOptions.OnFailure"/>, then tried again next interval; it never
/// stops the loop or the other meters. Time (intervals, reading timestamps) comes from the <see cref="TimeProvider"/>.
/// <para>
/// The poller is long-lived: <see cref="Update"/> applies a new meter list while it runs. A new meter is polled at once,
/// a changed interval moves only the next due time (measured from the last poll), a removed meter's loop ends after any
/// poll in flight, and a connection is closed only once no meter uses it and no request is on it. Nothing in flight is
/// cancelled or sent again because the configuration was reloaded.
/// </para>
/// </summary>
public sealed class ModbusPoller : IAsyncDisposable
{
    private readonly IIngestionSink sink;
    private readonly TimeProvider clock;
    private readonly ILogger? log;
    private readonly ModbusPollerOptions options;
    private readonly Lock sync = new();
    private readonly Dictionary<(ModbusTransportKind, string, int), MasterLease> masters = [];
    private readonly Dictionary<string, PollLoop> loops = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, byte> running = new();
    private List<ModbusPollTarget> targets;
    private CancellationToken runToken;
    private bool isRunning;

    public ModbusPoller(IEnumerable<ModbusPollTarget> targets, IIngestionSink sink, TimeProvider? clock = null, ILogger<ModbusPoller>? log = null, ModbusPollerOptions? options = null)
    {
        this.targets = Validate(targets);
        foreach (var t in this.targets) loops[t.Serial] = new PollLoop(t);
        this.sink = sink;
        this.clock = clock ?? TimeProvider.System;
        this.log = log;
        this.options = options ?? new ModbusPollerOptions();
    }

    /// <summary>The meters polled now, in the order given.</summary>
    public IReadOnlyList<ModbusPollTarget> Targets { get { lock (sync) return targets; } }

    /// <summary>
    /// Polls every meter on its own interval (the first poll at once) until <paramref name="ct"/> fires, including meters
    /// added later by <see cref="Update"/>; then waits for the loops to end and returns.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        lock (sync)
        {
            if (isRunning) throw new InvalidOperationException("The poller is already running.");
            isRunning = true;
            runToken = ct;
            foreach (var loop in loops.Values) Start(loop);
        }
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
        await Task.WhenAll(running.Keys);
        lock (sync) isRunning = false;
    }

    /// <summary>
    /// Applies a new meter list without disturbing polls in flight. Returns what changed. Throws <see cref="ArgumentException"/>
    /// for a meter listed twice or a non-positive interval (and changes nothing).
    /// </summary>
    public ModbusPollerChange Update(IEnumerable<ModbusPollTarget> newTargets)
    {
        var list = Validate(newTargets);
        var wake = new List<CancellationTokenSource>();
        List<ModbusMaster> retire;
        int added = 0, removed = 0, changed = 0;
        lock (sync)
        {
            var wanted = list.ToDictionary(t => t.Serial, StringComparer.Ordinal);
            foreach (var (serial, loop) in loops.ToList())
            {
                if (wanted.ContainsKey(serial)) continue;
                loop.Stopped = true;
                wake.Add(loop.Wake);
                loops.Remove(serial);
                removed++;
            }
            foreach (var t in list)
            {
                if (loops.TryGetValue(t.Serial, out var loop))
                {
                    if (loop.Target == t) continue;
                    loop.Target = t;
                    wake.Add(loop.Wake);
                    changed++;
                }
                else
                {
                    loop = new PollLoop(t);
                    loops[t.Serial] = loop;
                    if (isRunning) Start(loop);
                    added++;
                }
            }
            targets = list;
            retire = RetireUnusedMasters();
        }
        // Cancelled outside the lock: a waiting loop may continue on this thread.
        foreach (var w in wake) w.Cancel();
        foreach (var m in retire) _ = DisposeQuietlyAsync(m);
        return new ModbusPollerChange(added, removed, changed);
    }

    /// <summary>Polls every meter once, concurrently. Returns how many readings reached the sink.</summary>
    public async Task<int> PollAllOnceAsync(CancellationToken ct)
    {
        var results = await Task.WhenAll(Targets.Select(t => PollOnceAsync(t, ct)));
        return results.Count(ok => ok);
    }

    /// <summary>Reads one meter and hands the reading to the sink. False (and reported) on any failure; throws only when <paramref name="ct"/> is cancelled.</summary>
    public async Task<bool> PollOnceAsync(ModbusPollTarget target, CancellationToken ct)
    {
        try
        {
            var map = ModbusRegisterMaps.Get(target.Model);
            var (register, relay) = await WithMasterAsync(target, async master =>
                (await master.ReadBillingRegisterAsync(target.UnitId, map, ct), await master.ReadRelayClosedAsync(target.UnitId, map, ct)));
            var readAt = clock.GetUtcNow();
            await sink.AcceptAsync(ModbusReadingMessage.Create(target.Serial, map.Model, register, readAt, relay), ct);
            ReportSuccess(target, readAt);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            Report(new ModbusPollFailure(target, ex, clock.GetUtcNow()));
            return false;
        }
    }

    /// <summary>
    /// Closes (supply on) or opens (supply off) a polled meter's relay over the same connection the poller uses, so the
    /// command queues behind any poll on that line rather than colliding with it. Throws if the meter is unknown,
    /// its model has no relay, or the meter does not confirm.
    /// </summary>
    public Task SetRelayAsync(string serial, bool closed, CancellationToken ct)
    {
        ModbusPollTarget target;
        lock (sync) target = loops.TryGetValue(serial, out var l) ? l.Target : throw new KeyNotFoundException($"Meter {serial} is not polled over Modbus.");
        return WithMasterAsync(target, async master =>
        {
            await master.SetRelayAsync(target.UnitId, ModbusRegisterMaps.Get(target.Model), closed, ct);
            return true;
        });
    }

    private void Start(PollLoop loop)
    {
        var task = RunLoopAsync(loop, runToken);
        running.TryAdd(task, 0);
        _ = task.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunLoopAsync(PollLoop loop, CancellationToken ct)
    {
        await Task.Yield(); // never run a loop inline under the caller's lock
        DateTimeOffset? lastStart = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                CancellationTokenSource wake;
                ModbusPollTarget target;
                lock (sync)
                {
                    if (loop.Stopped) return;
                    if (loop.Wake.IsCancellationRequested) loop.Wake = new CancellationTokenSource();
                    wake = loop.Wake;
                    target = loop.Target;
                }
                var wait = lastStart is { } last ? last + target.Interval - clock.GetUtcNow() : TimeSpan.Zero;
                if (wait > TimeSpan.Zero)
                {
                    // Sleep until due; a configuration change wakes the loop early to work out the due time again.
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, wake.Token);
                    try { await Task.Delay(wait, clock, linked.Token); }
                    catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
                    continue;
                }
                lastStart = clock.GetUtcNow();
                await PollOnceAsync(target, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<T> WithMasterAsync<T>(ModbusPollTarget t, Func<ModbusMaster, Task<T>> work)
    {
        var key = (t.Transport, t.Host, t.Port);
        MasterLease lease;
        lock (sync)
        {
            if (!masters.TryGetValue(key, out var existing))
            {
                existing = new MasterLease(new ModbusMaster(options.Transports.Create(t), options.Master));
                masters[key] = existing;
            }
            lease = existing;
            lease.InUse++;
        }
        try
        {
            return await work(lease.Master);
        }
        finally
        {
            List<ModbusMaster> retire;
            lock (sync)
            {
                lease.InUse--;
                retire = RetireUnusedMasters();
            }
            foreach (var m in retire) await DisposeQuietlyAsync(m);
        }
    }

    /// <summary>Under the lock: connections no meter uses any more and no request is on, taken out to be closed.</summary>
    private List<ModbusMaster> RetireUnusedMasters()
    {
        var wanted = loops.Values.Select(l => (l.Target.Transport, l.Target.Host, l.Target.Port)).ToHashSet();
        var idle = masters.Where(kv => kv.Value.InUse == 0 && !wanted.Contains(kv.Key)).ToList();
        foreach (var kv in idle) masters.Remove(kv.Key);
        return [.. idle.Select(kv => kv.Value.Master)];
    }

    private async Task DisposeQuietlyAsync(ModbusMaster master)
    {
        try { await master.DisposeAsync(); }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            log?.LogDebug(ex, "Closing an unused Modbus connection failed");
        }
    }

    private static List<ModbusPollTarget> Validate(IEnumerable<ModbusPollTarget> targets)
    {
        List<ModbusPollTarget> list = [.. targets];
        var duplicate = list.GroupBy(t => t.Serial, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Meter {duplicate.Key} is listed more than once.", nameof(targets));
        var badInterval = list.FirstOrDefault(t => t.Interval <= TimeSpan.Zero);
        if (badInterval is not null) throw new ArgumentException($"Meter {badInterval.Serial} needs a positive poll interval.", nameof(targets));
        return list;
    }

    private void ReportSuccess(ModbusPollTarget target, DateTimeOffset at)
    {
        try { options.OnSuccess?.Invoke(target, at); }
        catch (Exception ex) { log?.LogError(ex, "The Modbus success callback threw."); }
    }

    private void Report(ModbusPollFailure failure)
    {
        // Unreachable or silent devices are routine in the field: one line, no stack trace. Anything else keeps its trace.
        if (failure.Error is IOException or System.Net.Sockets.SocketException or TimeoutException or ModbusSlaveException or ModbusProtocolException)
            log?.LogWarning("{Failure}", failure.Message);
        else log?.LogWarning(failure.Error, "{Failure}", failure.Message);
        try { options.OnFailure?.Invoke(failure); }
        catch (Exception ex) { log?.LogError(ex, "The Modbus failure callback threw."); }
    }

    public async ValueTask DisposeAsync()
    {
        List<ModbusMaster> all;
        lock (sync)
        {
            all = [.. masters.Values.Select(m => m.Master)];
            masters.Clear();
        }
        foreach (var master in all) await master.DisposeAsync();
    }

    /// <summary>One meter's poll loop: its current settings (replaced by <see cref="Update"/>) and the token that wakes it.</summary>
    private sealed class PollLoop(ModbusPollTarget target)
    {
        public ModbusPollTarget Target { get; set; } = target;
        public CancellationTokenSource Wake { get; set; } = new();
        public bool Stopped { get; set; }
    }

    /// <summary>A shared connection and how many requests are using it right now.</summary>
    private sealed class MasterLease(ModbusMaster master)
    {
        public ModbusMaster Master { get; } = master;
        public int InUse { get; set; }
    }
}

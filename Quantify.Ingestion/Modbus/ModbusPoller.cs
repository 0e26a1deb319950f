using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Ingestion.Modbus;

/// <summary>Poller settings: master patience, the transport seam, and where failures are reported besides the log.</summary>
public sealed record ModbusPollerOptions
{
    public ModbusMasterOptions Master { get; init; } = new();
    public IModbusTransportFactory Transports { get; init; } = new ModbusTransportFactory();
    public Action<ModbusPollFailure>? OnFailure { get; init; }
}

/// <summary>
/// Polls Modbus meters on their intervals: reads each meter's billing register (and relay coil, if its model has one)
/// through its register map and hands the reading to the ingestion sink as a <c>modbus/{serial}</c> message. A failed
/// poll is logged and reported to <see cref="ModbusPollerOptions.OnFailure"/>, then tried again next interval; it never
/// stops the loop or the other meters. Time (intervals, reading timestamps) comes from the <see cref="TimeProvider"/>.
/// </summary>
public sealed class ModbusPoller : IAsyncDisposable
{
    private readonly IIngestionSink sink;
    private readonly TimeProvider clock;
    private readonly ILogger? log;
    private readonly ModbusPollerOptions options;
    private readonly ConcurrentDictionary<(ModbusTransportKind, string, int), ModbusMaster> masters = new();
    private readonly Dictionary<string, ModbusPollTarget> bySerial;

    public ModbusPoller(IEnumerable<ModbusPollTarget> targets, IIngestionSink sink, TimeProvider? clock = null, ILogger<ModbusPoller>? log = null, ModbusPollerOptions? options = null)
    {
        Targets = [.. targets];
        var duplicate = Targets.GroupBy(t => t.Serial, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Meter {duplicate.Key} is listed more than once.", nameof(targets));
        var badInterval = Targets.FirstOrDefault(t => t.Interval <= TimeSpan.Zero);
        if (badInterval is not null) throw new ArgumentException($"Meter {badInterval.Serial} needs a positive poll interval.", nameof(targets));
        bySerial = Targets.ToDictionary(t => t.Serial, StringComparer.Ordinal);
        this.sink = sink;
        this.clock = clock ?? TimeProvider.System;
        this.log = log;
        this.options = options ?? new ModbusPollerOptions();
    }

    public IReadOnlyList<ModbusPollTarget> Targets { get; }

    /// <summary>Polls every meter on its own interval (the first poll at once) until <paramref name="ct"/> fires; then returns.</summary>
    public Task RunAsync(CancellationToken ct) => Task.WhenAll(Targets.Select(t => RunTargetAsync(t, ct)));

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
            var master = MasterFor(target);
            var register = await master.ReadBillingRegisterAsync(target.UnitId, map, ct);
            var relay = await master.ReadRelayClosedAsync(target.UnitId, map, ct);
            var readAt = clock.GetUtcNow();
            await sink.AcceptAsync(ModbusReadingMessage.Create(target.Serial, map.Model, register, readAt, relay), ct);
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
        var target = bySerial.TryGetValue(serial, out var t) ? t : throw new KeyNotFoundException($"Meter {serial} is not polled over Modbus.");
        return MasterFor(target).SetRelayAsync(target.UnitId, ModbusRegisterMaps.Get(target.Model), closed, ct);
    }

    private async Task RunTargetAsync(ModbusPollTarget target, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var started = clock.GetUtcNow();
                await PollOnceAsync(target, ct);
                var wait = started + target.Interval - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private ModbusMaster MasterFor(ModbusPollTarget t) =>
        masters.GetOrAdd((t.Transport, t.Host, t.Port), _ => new ModbusMaster(options.Transports.Create(t), options.Master));

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
        foreach (var master in masters.Values) await master.DisposeAsync();
        masters.Clear();
    }
}

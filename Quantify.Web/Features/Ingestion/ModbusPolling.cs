using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Modbus;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;
using Quantify.Web.Features.CreditControl;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// Polls every active Modbus/RS485 meter behind an active Modbus gateway, at the gateway's interval, through the meter
/// model's register map; readings enter the same pipeline as every other source (<c>modbus/{serial}</c>). One poller
/// runs for the life of the service; the meter list is reloaded every minute (or on <see cref="Reload"/>) and applied
/// with <see cref="ModbusPoller.Update"/>, so a reload never restarts the poll loops, never moves a meter's next poll
/// and never cancels a request in flight. Each poll's outcome is kept per meter (<see cref="ModbusPollStatusRecorder"/>)
/// and written to the database every <see cref="StatusFlushInterval"/> for the gateway and meter pages.
/// </summary>
public sealed class ModbusPollingService : BackgroundService
{
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan StatusFlushInterval = TimeSpan.FromSeconds(10);
    private readonly IDbContextFactory<QuantifyDbContext> factory;
    private readonly TimeProvider clock;
    private readonly ILogger<ModbusPollingService> log;
    private readonly ModbusPollStatusRecorder status;
    private readonly ModbusPoller poller;
    private volatile bool loaded;
    private CancellationTokenSource reloadNow = new();

    public ModbusPollingService(IDbContextFactory<QuantifyDbContext> factory, IIngestionSink sink, TimeProvider clock, ILoggerFactory logs,
        ILogger<ModbusPollingService> log, ModbusPollStatusRecorder? status = null, ModbusPollerOptions? pollerOptions = null)
    {
        this.factory = factory;
        this.clock = clock;
        this.log = log;
        this.status = status ?? new ModbusPollStatusRecorder(factory);
        var recorder = this.status;
        poller = new ModbusPoller([], sink, clock, logs.CreateLogger<ModbusPoller>(), (pollerOptions ?? new ModbusPollerOptions()) with
        {
            OnSuccess = (t, at) => recorder.Succeeded(t.Serial, at),
            OnFailure = f => recorder.Failed(f.Target.Serial, f.At, f.Error.Message),
        });
    }

    /// <summary>The poller, once the meter list has been loaded (null before that).</summary>
    public ModbusPoller? Poller => loaded ? poller : null;

    public ModbusPollStatusRecorder Status => status;

    /// <summary>Reloads the meter list now instead of at the next minute.</summary>
    public void Reload() => Volatile.Read(ref reloadNow).Cancel();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = poller.RunAsync(stoppingToken);
        var nextLoad = clock.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                if (now >= nextLoad || reloadNow.IsCancellationRequested)
                {
                    if (reloadNow.IsCancellationRequested) _ = Interlocked.Exchange(ref reloadNow, new CancellationTokenSource());
                    nextLoad = now + ReloadInterval;
                    try
                    {
                        var change = poller.Update(await TargetsAsync(factory, stoppingToken));
                        if (change.Any || !loaded) log.LogInformation("Polling {Count} Modbus meter(s) ({Added} added, {Removed} removed, {Changed} changed)",
                            poller.Targets.Count, change.Added, change.Removed, change.Changed);
                        loaded = true;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        log.LogError(ex, "Could not load Modbus poll targets; retrying");
                        nextLoad = now + TimeSpan.FromSeconds(10);
                    }
                }
                await FlushStatusAsync(stoppingToken);
                var wait = nextLoad - clock.GetUtcNow();
                if (wait > StatusFlushInterval) wait = StatusFlushInterval;
                if (wait <= TimeSpan.Zero) continue;
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, Volatile.Read(ref reloadNow).Token);
                try { await Task.Delay(wait, clock, linked.Token); }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { /* Reload() */ }
                catch (OperationCanceledException) { break; }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        await running;
        await FlushStatusAsync(CancellationToken.None);
        await poller.DisposeAsync();
    }

    private async Task FlushStatusAsync(CancellationToken ct)
    {
        try { await status.FlushAsync(ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping: the last flush runs after the loop.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "Could not save Modbus poll status; keeping it for the next try");
        }
    }

    public static async Task<IReadOnlyList<ModbusPollTarget>> TargetsAsync(IDbContextFactory<QuantifyDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from m in db.Meters.AsNoTracking()
                join g in db.Gateways on m.GatewayId equals g.Id
                where m.IsActive && g.IsActive && m.ModbusAddress != null && (m.Comms == CommsType.Modbus || m.Comms == CommsType.Rs485)
                      && (g.Kind == GatewayKind.ModbusTcp || g.Kind == GatewayKind.ModbusRtuOverTcp || g.Kind == GatewayKind.ModbusSerial)
                orderby m.SerialNumber
                select new { m.SerialNumber, m.ModbusAddress, m.Model, g.Kind, g.Endpoint, g.PollIntervalSeconds }).ToListAsync(ct);
        var targets = new List<ModbusPollTarget>();
        foreach (var r in rows)
        {
            if (r.Endpoint is null || ModbusRegisterMaps.Find(r.Model ?? "") is null) continue;
            var interval = TimeSpan.FromSeconds(r.PollIntervalSeconds);
            if (r.Kind == GatewayKind.ModbusSerial)
            {
                // Serial endpoints are "/dev/ttyUSB0" or "/dev/ttyUSB0@19200" (default 9600 baud, 8N1).
                var parts = r.Endpoint.Split('@');
                var baud = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var b) ? b : 9600;
                targets.Add(new ModbusPollTarget(r.SerialNumber, parts[0], baud, ModbusTransportKind.RtuSerial, (byte)r.ModbusAddress!.Value, r.Model!, interval));
                continue;
            }
            var i = r.Endpoint.LastIndexOf(':');
            var port = int.Parse(r.Endpoint[(i + 1)..], CultureInfo.InvariantCulture);
            targets.Add(new ModbusPollTarget(r.SerialNumber, r.Endpoint[..i], port,
                r.Kind == GatewayKind.ModbusTcp ? ModbusTransportKind.Tcp : ModbusTransportKind.RtuOverTcp, (byte)r.ModbusAddress!.Value, r.Model!, interval));
        }
        return targets;
    }
}

/// <summary>Modbus meters: the relay is a coil write through the poller's own connection; success is the acknowledgement.</summary>
public sealed class ModbusCommandTransport(ModbusPollingService polling) : ICommandTransport
{
    public bool Handles(CommsType comms) => comms is CommsType.Modbus or CommsType.Rs485;

    public async Task<string?> SendAsync(DeviceCommand command, Meter meter, CancellationToken ct)
    {
        if (command.Kind is not (CommandKind.RelayOn or CommandKind.RelayOff)) throw new NotSupportedException($"{command.Kind} is not supported over Modbus.");
        var poller = polling.Poller ?? throw new InvalidOperationException("No Modbus poller is running (is the meter behind an active Modbus gateway?).");
        if (!poller.Targets.Any(t => t.Serial == meter.SerialNumber))
            throw new InvalidOperationException($"Meter {meter.SerialNumber} is not polled: attach it to an active Modbus gateway and give it a known model.");
        await poller.SetRelayAsync(meter.SerialNumber, command.Kind == CommandKind.RelayOn, ct);
        return null;
    }
}

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
/// model's register map; readings enter the same pipeline as every other source (<c>modbus/{serial}</c>). The meter list
/// is reloaded every minute (or on <see cref="Reload"/>), and the poller restarted when it changed.
/// </summary>
public sealed class ModbusPollingService(
    IDbContextFactory<QuantifyDbContext> factory,
    IIngestionSink sink,
    TimeProvider clock,
    ILoggerFactory logs,
    ILogger<ModbusPollingService> log) : BackgroundService
{
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(1);
    private volatile ModbusPoller? current;
    private CancellationTokenSource reload = new();

    /// <summary>The poller now running (null when no Modbus meter is configured).</summary>
    public ModbusPoller? Poller => current;

    public void Reload() => reload.Cancel();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<ModbusPollTarget> running = [];
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<ModbusPollTarget> targets;
            try { targets = await TargetsAsync(factory, stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Could not load Modbus poll targets; retrying");
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }
            if (!targets.SequenceEqual(running) || current is null)
            {
                if (current is not null) await current.DisposeAsync();
                current = targets.Count == 0 ? null : new ModbusPoller(targets, sink, clock, logs.CreateLogger<ModbusPoller>());
                running = targets;
                if (targets.Count > 0) log.LogInformation("Polling {Count} Modbus meter(s)", targets.Count);
            }
            reload = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            reload.CancelAfter(ReloadInterval);
            try
            {
                if (current is null) await Task.Delay(Timeout.Infinite, reload.Token);
                else await current.RunAsync(reload.Token);
            }
            catch (OperationCanceledException) { /* reload or stop */ }
        }
        if (current is not null) await current.DisposeAsync();
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

using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Mqtt;
using Quantify.Web.Data;

namespace Quantify.Web.Features.CreditControl;

/// <summary>How a command reaches a meter of some kind of comms.</summary>
public interface ICommandTransport
{
    bool Handles(CommsType comms);

    /// <summary>
    /// Sends the command. Returns a correlation id when the device acknowledges later (LoRaWAN), or null when the send
    /// itself is the acknowledgement (a Modbus coil write that returned success). Throws on failure.
    /// </summary>
    Task<string?> SendAsync(DeviceCommand command, Meter meter, CancellationToken ct);
}

/// <summary>LoRaWAN meters: a confirmed ChirpStack downlink; the device's <c>event/ack</c> completes the command.</summary>
public sealed class ChirpStackCommandTransport(IDownlinkPublisher publisher, MqttOptions options) : ICommandTransport
{
    public bool Handles(CommsType comms) => comms == CommsType.Lora;

    public async Task<string?> SendAsync(DeviceCommand command, Meter meter, CancellationToken ct)
    {
        if (meter.DeviceEui is null) throw new InvalidOperationException($"Meter {meter.SerialNumber} has no device EUI, so no downlink can reach it.");
        if (command.Kind is not (CommandKind.RelayOn or CommandKind.RelayOff)) throw new NotSupportedException($"{command.Kind} has no LoRaWAN downlink yet.");
        var correlation = Guid.NewGuid().ToString();
        await publisher.PublishAsync(ChirpStackDownlink.Topic(options.ChirpStackApplicationId, meter.DeviceEui),
            ChirpStackDownlink.Relay(meter.DeviceEui, command.Kind == CommandKind.RelayOn, correlation), ct);
        return correlation;
    }
}

/// <summary>
/// Sends due commands: queued ones, and sent ones whose acknowledgement is overdue (retried with back-off, failed after
/// five attempts); expires those past their deadline. Wakes on <see cref="CommandSignal"/> or every few seconds.
/// </summary>
public sealed class CommandDispatcher(
    IDbContextFactory<QuantifyDbContext> factory,
    IEnumerable<ICommandTransport> transports,
    CommandSignal signal,
    TimeProvider clock,
    ILogger<CommandDispatcher> log) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                log.LogError(ex, "Command dispatch failed; retrying");
                await Task.Delay(PollInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>One pass. Returns how many commands were sent.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.DeviceCommands
            .Where(c => (c.Status == CommandStatus.Queued || c.Status == CommandStatus.Sent) && c.NextAttemptAt != null && c.NextAttemptAt <= now)
            .OrderBy(c => c.Id).Take(500).ToListAsync(ct);
        var meterIds = due.Select(c => c.MeterId).Distinct().ToList();
        var meters = await db.Meters.Where(m => meterIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var sent = 0;
        foreach (var command in due)
        {
            command.ExpireIfDue(now);
            if (command.IsFinished) continue;
            if (command.Status == CommandStatus.Sent)
            {
                command.MarkUnacknowledged(now);
                if (command.IsFinished) continue;
            }
            var meter = meters[command.MeterId];
            var transport = transports.FirstOrDefault(t => t.Handles(meter.Comms));
            if (transport is null)
            {
                command.MarkAttemptFailed(now, $"No command transport for {meter.Comms} meters on this instance.");
                continue;
            }
            try
            {
                var correlation = await transport.SendAsync(command, meter, ct);
                command.MarkSent(now, correlation);
                if (correlation is null)
                {
                    command.MarkAcknowledged(now);
                    if (command.Kind is CommandKind.RelayOn or CommandKind.RelayOff) meter.State.SetRelay(command.Kind == CommandKind.RelayOn);
                }
                sent++;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                command.MarkAttemptFailed(now, ex.Message);
                log.LogWarning("Command #{Id} ({Kind}) to meter {Serial} failed: {Error}", command.Id, command.Kind, meter.SerialNumber, ex.Message);
            }
        }
        await db.SaveChangesAsync(ct);
        return sent;
    }
}

using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Ingestion.ChirpStack;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Web.Features.Simulation;

/// <summary>One thing the simulator sent (or tried to) for one meter in an interval.</summary>
public sealed record SimulatedMessage(SimulatedTransport Transport, string Meter, string Detail, string? Failure = null)
{
    public override string ToString() => $"{Transport,-7} {Meter,-14} {Detail}{(Failure is null ? "" : "  FAILED: " + Failure)}";
}

/// <summary>What one interval did.</summary>
public sealed record SimulationTick(int Number, DateTimeOffset At, IReadOnlyList<SimulatedMessage> Messages, IReadOnlyList<string> Problems,
    IReadOnlyList<(string Serial, string Reason)> NotSimulated)
{
    public int Count(SimulatedTransport t) => Messages.Count(m => m.Transport == t);
    public int Failed => Messages.Count(m => m.Failure is not null);

    public string Summary =>
        $"#{Number} {At:HH:mm:ss}: {Quantify.Domain.Common.Plural.Count(Count(SimulatedTransport.LoRaWan), "LoRaWAN uplink")} ({Messages.Count(m => m.Detail.StartsWith("malformed", StringComparison.Ordinal))} malformed), " +
        $"{Quantify.Domain.Common.Plural.Count(Count(SimulatedTransport.Modbus), "Modbus meter")} updated, {Quantify.Domain.Common.Plural.Count(Count(SimulatedTransport.Http), "gateway reading")} posted" +
        (Failed > 0 ? $", {Failed} failed" : "") + (Problems.Count > 0 ? $"; {string.Join("; ", Problems)}" : "");
}

/// <summary>
/// The meter simulator's engine, shared by the hosted <see cref="MeterSimulator"/> and the <c>simulate</c> verb. Every
/// interval it reads the active meters from the database (new ones join with their register continuing from their last
/// reading), advances every register along its load shape, and delivers the readings the way each meter's comms would:
/// ChirpStack uplinks through the broker, Modbus registers on the gateway's loopback endpoint, signed HTTP batches from
/// 4G gateways. Relay downlinks are applied as they arrive and acknowledged, so commands complete. Nothing here throws
/// out of an interval: a broker or app that is away costs that interval's messages, not the simulator.
/// </summary>
public sealed class SimulationEngine : IAsyncDisposable
{
    private readonly SimulationOptions options;
    private readonly IDbContextFactory<QuantifyDbContext> factory;
    private readonly GatewayKeys keys;
    private readonly TimeProvider clock;
    private readonly ILogger log;
    private readonly SimulatorMqttLink mqtt;
    private readonly SimulatorModbusServers modbus;
    private readonly HttpClient http;
    private readonly Random garbage;
    private readonly HashSet<string> toldSkipped = [];
    private int ticks;

    public SimulationEngine(SimulationOptions options, ResolvedBroker broker, string? baseUrl, IDbContextFactory<QuantifyDbContext> factory, GatewayKeys keys,
        TimeProvider clock, ILoggerFactory loggers)
    {
        this.options = options;
        this.factory = factory;
        this.keys = keys;
        this.clock = clock;
        log = loggers.CreateLogger<SimulationEngine>();
        BaseUrl = baseUrl?.TrimEnd('/');
        var dice = options.RandomSeed is int seed ? new Random(seed) : new Random();
        garbage = options.RandomSeed is int seed2 ? new Random(seed2 + 1) : new Random();
        Fleet = new SimulatedFleet(options.TimeAcceleration, options.Interval * 3, dice)
        {
            LeakRate = options.LeakRate,
            TamperRate = options.TamperRate,
            MalformedRate = options.MalformedRate,
        };
        mqtt = new SimulatorMqttLink(broker, clock, loggers.CreateLogger<SimulatorMqttLink>());
        mqtt.StateChanged += m => Activity?.Invoke(m); // the link logs these itself
        modbus = new SimulatorModbusServers(clock, loggers.CreateLogger<SimulatorModbusServers>());
        modbus.Problem += m => Activity?.Invoke(m);
        modbus.RelayChanged += (meterId, closed) =>
        {
            if (Fleet.SetSupply(meterId, closed, clock.GetUtcNow()))
                Tell($"Modbus coil write: {Fleet.Find(meterId)?.Serial} relay {(closed ? "closed (supply on)" : "opened (supply off)")}.");
        };
        http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    public SimulatedFleet Fleet { get; }
    public string? BaseUrl { get; }
    public ResolvedBroker Broker => mqtt.Broker;
    public IReadOnlyList<(string Gateway, int Port, int Meters, bool Listening)> ModbusEndpoints => modbus.Served;

    /// <summary>The latest interval's outcome (null before the first).</summary>
    public SimulationTick? LastTick { get; private set; }

    /// <summary>Every interval's outcome.</summary>
    public event Action<SimulationTick>? Ticked;

    /// <summary>Downlinks, relay changes, connection changes and problems, as they happen.</summary>
    public event Action<string>? Activity;

    /// <summary>Runs intervals until <paramref name="ct"/> fires, answering downlinks in between.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var pump = PumpDownlinksAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var started = clock.GetUtcNow();
                try
                {
                    // Not Ticked?.Invoke(await TickAsync(ct)): with no subscriber that would skip the interval itself.
                    var tick = await TickAsync(ct);
                    LastTick = tick;
                    Ticked?.Invoke(tick);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    log.LogError(ex, "Simulation interval failed; the next one will try again");
                }
                var wait = options.Interval - (clock.GetUtcNow() - started);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, clock, ct).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            }
        }
        finally
        {
            await pump;
        }
    }

    /// <summary>One interval: sync meters with the database, advance the registers, deliver every reading.</summary>
    public async Task<SimulationTick> TickAsync(CancellationToken ct)
    {
        var number = Interlocked.Increment(ref ticks);
        var problems = new List<string>();
        IReadOnlyList<(string Serial, string Reason)> skipped = [];
        try
        {
            var (records, gateways) = await LoadAsync(ct);
            skipped = Fleet.Sync(records, gateways, clock.GetUtcNow());
            foreach (var (serial, reason) in skipped)
                if (toldSkipped.Add(serial)) log.LogInformation("Meter {Serial} is not simulated: {Reason}", serial, reason);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !ct.IsCancellationRequested)
        {
            problems.Add($"could not read the meters ({ex.Message}); simulating the ones already known");
        }
        modbus.Sync([.. Fleet.Meters.Where(m => m.Transport == SimulatedTransport.Modbus)]);

        var now = clock.GetUtcNow();
        var readings = Fleet.Advance(now);
        var messages = new List<SimulatedMessage>();
        var modbusReadings = readings.Where(r => r.Meter.Transport == SimulatedTransport.Modbus).ToList();
        modbus.Update(modbusReadings);
        messages.AddRange(modbusReadings.Select(r => new SimulatedMessage(SimulatedTransport.Modbus, r.Meter.Serial,
            $"unit {r.Meter.Record.ModbusAddress} on {r.Meter.Gateway!.Endpoint}: {Describe(r)}",
            modbus.Served.Any(s => s.Gateway == r.Meter.Gateway!.Code && s.Listening) ? null : "endpoint not listening")));
        messages.AddRange(await PublishUplinksAsync(readings.Where(r => r.Meter.Transport == SimulatedTransport.LoRaWan).ToList(), ct));
        messages.AddRange(await PostBatchesAsync(readings.Where(r => r.Meter.Transport == SimulatedTransport.Http).ToList(), now, ct));
        var tick = new SimulationTick(number, now, messages, problems, skipped);
        log.LogDebug("Simulation {Summary}", tick.Summary);
        return tick;
    }

    private async Task<(List<MeterRecord>, List<GatewayRecord>)> LoadAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var zones = await db.EstateSettings.AsNoTracking().Select(s => new { s.EstateId, s.TimeZone }).ToDictionaryAsync(s => s.EstateId, s => s.TimeZone, ct);
        var rows = await (from m in db.Meters.AsNoTracking()
                          where m.IsActive
                          join u in db.Units on m.UnitId equals (int?)u.Id into us
                          from u in us.DefaultIfEmpty()
                          select new
                          {
                              m.Id, m.EstateId, m.UnitId, m.SerialNumber, m.Type, m.Comms, m.DeviceEui, m.Model, m.ModbusAddress, m.GatewayId,
                              m.State.LastReading, m.State.RelayClosed, Occupancy = u == null ? (Occupancy?)null : u.Occupancy,
                          }).ToListAsync(ct);
        var gateways = await db.Gateways.AsNoTracking().Where(g => g.IsActive)
            .Select(g => new GatewayRecord(g.Id, g.EstateId, g.Code, g.Kind, g.Endpoint, g.KeyVersion)).ToListAsync(ct);
        var meters = rows.Select(r => new MeterRecord(r.Id, r.EstateId, r.UnitId, r.SerialNumber, r.Type, r.Comms, r.DeviceEui, r.Model, r.ModbusAddress,
            r.GatewayId, r.LastReading, r.RelayClosed, r.Occupancy, zones.GetValueOrDefault(r.EstateId))).ToList();
        return (meters, gateways);
    }

    private async Task<List<SimulatedMessage>> PublishUplinksAsync(List<SimulatedReading> readings, CancellationToken ct)
    {
        var sent = new List<SimulatedMessage>();
        if (readings.Count == 0) return sent;
        if (!await mqtt.EnsureConnectedAsync(ct))
            return [.. readings.Select(r => new SimulatedMessage(SimulatedTransport.LoRaWan, r.Meter.Serial, Describe(r), $"broker {mqtt.Broker.Host}:{mqtt.Broker.Port} unreachable"))];
        var app = mqtt.Broker.ApplicationId;
        foreach (var r in readings)
        {
            var eui = r.Meter.Record.DeviceEui!;
            var payload = r.Malformed is { } kind
                ? SimulatedPayloads.Malformed(r, kind, app, Guid.NewGuid(), garbage)
                : SimulatedPayloads.Uplink(r, app, Guid.NewGuid());
            var failure = await mqtt.PublishAsync(SimulatedPayloads.UplinkTopic(app, eui), payload, ct);
            sent.Add(new SimulatedMessage(SimulatedTransport.LoRaWan, r.Meter.Serial, $"{eui} fCnt {r.FrameCounter}: {Describe(r)}", failure));
        }
        return sent;
    }

    private async Task<List<SimulatedMessage>> PostBatchesAsync(List<SimulatedReading> readings, DateTimeOffset now, CancellationToken ct)
    {
        var sent = new List<SimulatedMessage>();
        foreach (var batch in readings.GroupBy(r => r.Meter.Gateway!.Id))
        {
            var gateway = batch.First().Meter.Gateway!;
            var rows = batch.ToList();
            var failure = BaseUrl is null ? "no base URL for the app (set Simulation:BaseUrl)" : await PostAsync(gateway, rows, now, ct);
            sent.AddRange(rows.Select(r => new SimulatedMessage(SimulatedTransport.Http, r.Meter.Serial, $"via {gateway.Code}: {Describe(r)}", failure)));
        }
        return sent;
    }

    /// <summary>POSTs one signed batch; returns the failure, or null when the app answered 2xx.</summary>
    private async Task<string?> PostAsync(GatewayRecord gateway, List<SimulatedReading> rows, DateTimeOffset now, CancellationToken ct)
    {
        var body = SimulatedPayloads.GatewayBatch(gateway.Code, rows, now);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BaseUrl}/api/v1/gateways/{Uri.EscapeDataString(gateway.Code)}/readings")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("X-Quantify-Timestamp", timestamp);
        request.Headers.Add("X-Quantify-Signature", "sha256=" + GatewayKeys.Sign(keys.KeyFor(gateway.Code, gateway.KeyVersion), timestamp, body));
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode) return null;
            var text = await response.Content.ReadAsStringAsync(ct);
            return $"HTTP {(int)response.StatusCode}: {(text.Length > 200 ? text[..200] : text)}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return $"{BaseUrl} unreachable ({ex.Message})";
        }
    }

    private async Task PumpDownlinksAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var d in mqtt.Downlinks.ReadAllAsync(ct))
            {
                try
                {
                    await HandleDownlinkAsync(d, ct);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
                {
                    log.LogError(ex, "Downlink on {Topic} could not be handled", d.Topic);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// A relay downlink for a simulated meter: the relay (or valve) switches at once - mains-powered relay meters are
    /// LoRaWAN class C - and the device's ack goes back on <c>event/ack</c> with the queue item id, so the command completes.
    /// A meter without a relay answers acknowledged = false. Downlinks for devices that are not simulated are ignored.
    /// </summary>
    public async Task HandleDownlinkAsync(Downlink d, CancellationToken ct)
    {
        var parts = d.Topic.Split('/');
        if (parts.Length != 6 || parts[0] != "application" || parts[2] != "device" || parts[4] != "command" || parts[5] != "down") return;
        var (app, eui) = (parts[1], parts[3].ToLowerInvariant());
        var meter = Fleet.FindByEui(eui);
        if (meter is null) return;
        if (!ChirpStackDownlink.TryReadRelay(d.Payload, out var queueItemId, out var close))
        {
            Tell($"Downlink to {meter.Serial} ignored: not a relay command.");
            return;
        }
        var now = clock.GetUtcNow();
        var applied = Fleet.SetSupply(meter.Id, close, now);
        var failure = await mqtt.PublishAsync(SimulatedPayloads.AckTopic(app, eui), ChirpStackDownlink.Ack(eui, queueItemId, applied, now), ct);
        Tell($"Downlink to {meter.Serial}: {(close ? "close" : "open")} the relay -> {(applied ? "done" : "no relay on this meter")}; " +
             (failure is null ? "ack published." : $"ack FAILED ({failure})."));
    }

    private static string Describe(SimulatedReading r)
    {
        if (r.Malformed is { } kind) return $"malformed ({kind})";
        var unit = r.Meter.Type.UnitOfMeasure();
        var text = string.Create(CultureInfo.InvariantCulture, $"{r.Register:0.000} {unit}");
        if (r.Meter.HasRelay) text += r.SupplyOn ? (r.Meter.Type == MeterType.Electricity ? ", relay closed" : ", valve open") : (r.Meter.Type == MeterType.Electricity ? ", RELAY OPEN" : ", VALVE CLOSED");
        if (r.TemperatureC is { } t) text += string.Create(CultureInfo.InvariantCulture, $", {t:0.0} °C");
        if (r.Leak) text += ", LEAK";
        if (r.Tamper) text += ", TAMPER";
        return text;
    }

    private void Tell(string message)
    {
        log.LogInformation("{Activity}", message);
        Activity?.Invoke(message);
    }

    public async ValueTask DisposeAsync()
    {
        await mqtt.DisposeAsync();
        await modbus.DisposeAsync();
        http.Dispose();
    }
}

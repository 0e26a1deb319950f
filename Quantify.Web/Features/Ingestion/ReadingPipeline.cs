using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ingestion;

/// <summary>A priced-and-posted step after readings are stored (the ledger and tariffs plug in here).</summary>
public interface IConsumptionBiller
{
    /// <summary>Bills the given readings inside the batch's unit of work; returns the amount charged per reading.</summary>
    Task<IReadOnlyDictionary<MeterReading, decimal>> BillAsync(QuantifyDbContext db, IReadOnlyList<BillableReading> readings, CancellationToken ct);
}

public sealed record BillableReading(MeterReading Reading, MeterInfo Meter, DateTimeOffset PreviousReadAt, decimal Consumption);

/// <summary>What the pipeline needs to know about a meter, cached in memory.</summary>
public sealed record MeterInfo(int Id, int EstateId, int? UnitId, MeterType Type, bool IsActive);

/// <summary>Published after each committed batch, for live screens and credit control.</summary>
public sealed record BatchCommitted(IReadOnlyList<(MeterInfo Meter, MeterReading Reading)> Readings);

public interface IBatchObserver
{
    Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct);
}

/// <summary>
/// The one pipeline for every source: decode → match the meter → deduplicate → consumption since the previous reading
/// (late, rollback, anomaly and clock rules) → store → bill → alerts, all in one transaction per batch; then observers
/// (live updates, credit control). Anything that cannot be processed is dead-lettered in the same transaction.
/// </summary>
public sealed class ReadingPipeline(
    IDbContextFactory<QuantifyDbContext> factory,
    IMessageDecoder decoder,
    MeterDirectory meters,
    IEnumerable<IConsumptionBiller> billers,
    IEnumerable<IBatchObserver> observers,
    TimeProvider clock,
    ILogger<ReadingPipeline> log) : IBatchProcessor, IMessageProcessor
{
    private const int DedupeChunk = 32;
    private readonly Dictionary<int, LastReading> lastByMeter = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task ProcessAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken ct) => await RunAsync(batch, deadLetter: true, ct);

    public async Task<MessageOutcome> ProcessOneAsync(IncomingMessage message, CancellationToken ct)
    {
        var result = await RunAsync([message], deadLetter: false, ct);
        return result.Failures.Count > 0
            ? new MessageOutcome(false, result.Failures[0].Reason)
            : new MessageOutcome(true, $"{result.Stored} reading(s) stored, {result.Duplicates} duplicate(s), {result.Events} event(s)");
    }

    /// <summary>
    /// Forgets the cached last reading of these meters, so the next batch reads it from the database. Call after a
    /// reading was stored outside the pipeline (an opening reading at move-in), or the next reading would be measured
    /// from the older one.
    /// </summary>
    public async Task ForgetAsync(IEnumerable<int> meterIds, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            foreach (var id in meterIds) lastByMeter.Remove(id);
        }
        finally
        {
            gate.Release();
        }
    }

    public sealed record RunResult(int Stored, int Duplicates, int Events, IReadOnlyList<DeadLetterItem> Failures);

    private async Task<RunResult> RunAsync(IReadOnlyList<IncomingMessage> batch, bool deadLetter, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await RunLockedAsync(batch, deadLetter, ct);
                }
                catch (DbUpdateConcurrencyException) when (attempt < 3)
                {
                    // Another writer (a top-up on another instance) extended a wallet chain under us: run the batch again.
                    lastByMeter.Clear();
                    log.LogInformation("Batch of {Count} hit a concurrent wallet posting; retrying (attempt {Attempt})", batch.Count, attempt + 1);
                }
            }
        }
        catch
        {
            // The transaction rolled back: the in-memory "last reading" cache may hold uncommitted values.
            lastByMeter.Clear();
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<RunResult> RunLockedAsync(IReadOnlyList<IncomingMessage> batch, bool deadLetter, CancellationToken ct)
    {
        var failures = new List<DeadLetterItem>();
        var decoded = new List<(IncomingMessage Message, DecodedReading Reading)>();
        var events = new List<DeviceEvent>();
        foreach (var m in batch)
        {
            DecodedMessage d;
            try { d = decoder.Decode(m); }
            catch (Exception ex) when (ex is not OutOfMemoryException) { d = DecodedMessage.Fail("Decoder crashed: " + ex.Message); }
            if (d.IsError) { failures.Add(Fail(m, d.Error!)); continue; }
            decoded.AddRange(d.Readings.Select(r => (m, r)));
            events.AddRange(d.Events);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var keys = decoded.Select(d => (d.Reading.KeyKind, d.Reading.DeviceKey)).Concat(events.Select(e => (e.KeyKind, e.DeviceKey)));
        var directory = await meters.ResolveAsync(db, keys, ct);

        var matched = new List<(IncomingMessage Message, DecodedReading Reading, MeterInfo Meter)>();
        foreach (var (m, r) in decoded)
        {
            if (!directory.TryGetValue((r.KeyKind, r.DeviceKey), out var meter))
                failures.Add(Fail(m, $"Unknown device {Describe(r.KeyKind)} '{r.DeviceKey}': register the meter, then replay this message."));
            else if (!meter.IsActive)
                failures.Add(Fail(m, $"Meter #{meter.Id} ({Describe(r.KeyKind)} '{r.DeviceKey}') is decommissioned; its readings are not billed."));
            else matched.Add((m, r, meter));
        }

        var duplicates = await RemoveDuplicatesAsync(db, matched, ct);
        await LoadLastReadingsAsync(db, matched.Select(x => x.Meter.Id).Distinct().ToList(), ct);

        var now = clock.GetUtcNow();
        var stored = new List<(MeterInfo Meter, MeterReading Reading)>();
        var billable = new List<BillableReading>();
        // Only the meters' live state rows change per reading; the versioned meter rows are not touched.
        var matchedIds = matched.Select(mm => mm.Meter.Id).Distinct().ToList();
        var states = await db.MeterStates.Where(x => matchedIds.Contains(x.MeterId)).ToDictionaryAsync(x => x.MeterId, ct);
        var stateChanges = new List<(MeterState State, DecodedReading Reading)>(matched.Count);
        foreach (var (m, r, meter) in matched.OrderBy(x => x.Reading.ReadAt))
        {
            lastByMeter.TryGetValue(meter.Id, out var lastValue);
            LastReading? last = lastByMeter.ContainsKey(meter.Id) ? lastValue : null;
            var assessment = ConsumptionRules.Assess(last, r.ReadAt, r.Register, m.ReceivedAt, MaxPerHour(meter.Type));
            var reading = new MeterReading(meter.Id, r.ReadAt, r.Register, r.DedupeKey, m.Source.ToString(), m.ReceivedAt);
            reading.SetFlags(r.RelayClosed, r.TemperatureC, r.Leak, r.Tamper);
            reading.SetConsumption(assessment.Consumption, assessment.Verdict switch
            {
                ReadingVerdict.Baseline => ReadingStatus.Baseline,
                ReadingVerdict.Rollback => ReadingStatus.Rollback,
                ReadingVerdict.Anomaly => ReadingStatus.Anomaly,
                _ => ReadingStatus.NotBilled,
            });
            db.MeterReadings.Add(reading);
            stored.Add((meter, reading));
            stateChanges.Add((states[meter.Id], r));

            if (assessment.Verdict == ReadingVerdict.Bill && assessment.Consumption > 0)
                billable.Add(new BillableReading(reading, meter, last!.Value.ReadAt, assessment.Consumption.Value));
            if (assessment.Verdict is not ReadingVerdict.Late)
                lastByMeter[meter.Id] = new LastReading(r.ReadAt, r.Register);
            if (assessment.AlertMessage is not null)
                db.MeterAlerts.Add(new MeterAlert(meter.Id, assessment.Verdict == ReadingVerdict.Rollback ? AlertKind.Rollback : AlertKind.Anomaly,
                    AlertSeverity.Critical, assessment.AlertMessage, now));
            if (assessment.ClockSkew)
                db.MeterAlerts.Add(new MeterAlert(meter.Id, AlertKind.ClockSkew, AlertSeverity.Warning,
                    $"Reading stamped {r.ReadAt:u}, {(r.ReadAt - m.ReceivedAt).TotalMinutes:0} min ahead of the time it arrived: check the device clock.", now));
            if (r.Tamper) db.MeterAlerts.Add(new MeterAlert(meter.Id, AlertKind.Tamper, AlertSeverity.Critical, "The meter reports a tamper.", now));
            if (r.Leak) db.MeterAlerts.Add(new MeterAlert(meter.Id, AlertKind.Leak, AlertSeverity.Warning, "The meter reports a possible leak.", now));
        }

        if (deadLetter) DeadLetterService.AddTo(db, failures);
        // Readings are saved first: billing needs their ids (the ledger's idempotency key is "reading:{id}").
        await db.SaveChangesAsync(ct);

        // The meters' live state changes after that save, so each state row is written once per batch, with billing's
        // month-to-date, in the second save (same transaction, same order of changes as before).
        foreach (var (state, r) in stateChanges)
        {
            state.RecordReading(r.Register, r.ReadAt);
            if (r.RelayClosed is bool relay) state.SetRelay(relay);
        }
        await ApplyEventsAsync(db, events, directory, now, ct);

        foreach (var biller in billers)
        {
            var charged = await biller.BillAsync(db, billable, ct);
            foreach (var (reading, amount) in charged) reading.MarkBilled(amount);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        if (stored.Count > 0)
            foreach (var o in observers)
            {
                try { await o.OnCommittedAsync(new BatchCommitted(stored), ct); }
                catch (Exception ex) when (ex is not OutOfMemoryException) { log.LogError(ex, "Observer {Observer} failed", o.GetType().Name); }
            }
        return new RunResult(stored.Count, duplicates, events.Count, failures);
    }

    private async Task<int> RemoveDuplicatesAsync(QuantifyDbContext db, List<(IncomingMessage Message, DecodedReading Reading, MeterInfo Meter)> matched, CancellationToken ct)
    {
        var before = matched.Count;
        var seen = new HashSet<(int, string)>();
        matched.RemoveAll(x => !seen.Add((x.Meter.Id, x.Reading.DedupeKey)));
        if (matched.Count == 0) return before;
        // "MeterId IN (...) AND DedupeKey IN (...)" over a whole batch makes SQLite probe the (MeterId, DedupeKey) index
        // for every combination: a million probes for 1,000 readings of 1,000 meters. Small chunks keep the cross
        // product small and still find every stored pair, since a pair's meter and key are always in the same chunk.
        var existing = new HashSet<(int, string)>();
        foreach (var chunk in matched.Chunk(DedupeChunk))
        {
            var meterIds = chunk.Select(x => x.Meter.Id).Distinct().ToList();
            var keys = chunk.Select(x => x.Reading.DedupeKey).Distinct().ToList();
            existing.UnionWith((await db.MeterReadings.AsNoTracking()
                    .Where(r => meterIds.Contains(r.MeterId) && keys.Contains(r.DedupeKey))
                    .Select(r => new { r.MeterId, r.DedupeKey }).ToListAsync(ct))
                .Select(r => (r.MeterId, r.DedupeKey)));
        }
        matched.RemoveAll(x => existing.Contains((x.Meter.Id, x.Reading.DedupeKey)));
        return before - matched.Count;
    }

    private async Task LoadLastReadingsAsync(QuantifyDbContext db, List<int> meterIds, CancellationToken ct)
    {
        var missing = meterIds.Where(id => !lastByMeter.ContainsKey(id)).ToList();
        if (missing.Count == 0) return;
        var latest = await db.MeterReadings.AsNoTracking()
            .Where(r => missing.Contains(r.MeterId) && r.Status != ReadingStatus.Anomaly)
            .GroupBy(r => r.MeterId)
            .Select(g => g.OrderByDescending(r => r.ReadAt).Select(r => new { r.MeterId, r.ReadAt, r.Register }).First())
            .ToListAsync(ct);
        foreach (var l in latest) lastByMeter[l.MeterId] = new LastReading(l.ReadAt, l.Register);
    }

    private static async Task ApplyEventsAsync(QuantifyDbContext db, List<DeviceEvent> events, IReadOnlyDictionary<(DeviceKeyKind, string), MeterInfo> directory,
        DateTimeOffset now, CancellationToken ct)
    {
        foreach (var e in events)
        {
            if (!directory.TryGetValue((e.KeyKind, e.DeviceKey), out var info)) continue;
            var meter = await db.MeterStates.FindAsync([info.Id], ct);
            if (meter is null) continue;
            meter.RecordSeen(e.At, e.BatteryPercent);
            if (e.BatteryPercent is < 15)
                db.MeterAlerts.Add(new MeterAlert(meter.MeterId, AlertKind.LowBattery, AlertSeverity.Warning, $"Battery at {e.BatteryPercent}%: replace it soon.", now));
            if (e.AcknowledgedCorrelationId is { } correlation)
            {
                var command = await db.DeviceCommands.FirstOrDefaultAsync(c => c.MeterId == meter.MeterId && c.CorrelationId == correlation, ct);
                if (command is not null && !command.IsFinished)
                {
                    if (e.Acknowledged == false) command.MarkAttemptFailed(now, "The device did not acknowledge the downlink.");
                    else
                    {
                        command.MarkAcknowledged(now);
                        if (command.Kind is CommandKind.RelayOff or CommandKind.RelayOn) meter.SetRelay(command.Kind == CommandKind.RelayOn);
                    }
                }
            }
        }
    }

    /// <summary>The most a single unit's meter can plausibly consume in an hour (a 100 A supply is ~23 kWh/h; 3 kL/h of water).</summary>
    private static decimal MaxPerHour(MeterType type) => type switch
    {
        MeterType.Electricity or MeterType.Solar => 30m,
        MeterType.Water or MeterType.HotWater => 3m,
        MeterType.BulkElectricity => 5000m,
        _ => 500m,
    };

    private static string Describe(DeviceKeyKind kind) => kind == DeviceKeyKind.DeviceEui ? "EUI" : "serial";

    private static DeadLetterItem Fail(IncomingMessage m, string reason) => new(m.Source, m.Topic, m.Payload.ToArray(), reason, m.ReceivedAt, m.MessageId);
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
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

/// <summary>What the pipeline needs to know about a meter, cached in memory. <paramref name="InstalledFrom"/>: local midnight of the installation date.</summary>
public sealed record MeterInfo(int Id, int EstateId, int? UnitId, MeterType Type, bool IsActive, DateTimeOffset? InstalledFrom = null);

/// <summary>Published after each committed batch, for live screens and credit control.</summary>
public sealed record BatchCommitted(IReadOnlyList<(MeterInfo Meter, MeterReading Reading)> Readings)
{
    /// <summary>
    /// The units credit control must look at: those with a pocket whose balance crossed a threshold in the batch (the
    /// engine knows). Null when the writer did not work it out: then every unit of the batch.
    /// </summary>
    public IReadOnlyCollection<int>? CreditUnits { get; init; }
}

/// <summary>What became of a held reading an admin acted on.</summary>
public sealed record HeldReadingOutcome(long ReadingId, ReadingStatus Status, decimal? Consumption, decimal? Amount);

public interface IBatchObserver
{
    Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct);
}

/// <summary>
/// The one pipeline for every source: decode → match the meter → deduplicate → consumption since the previous reading
/// (late readings, and held ones: future or pre-installation stamps, registers below the highest, implausible jumps;
/// see <see cref="ConsumptionRules"/>) → store → bill → alerts, all in one transaction per batch; then observers
/// (live updates, credit control). Anything that cannot be processed is dead-lettered in the same transaction.
/// An admin's release of a held reading runs through the same rules and biller (<see cref="ReleaseAsync"/>).
/// With an <see cref="Engine.IngestionEngine"/> (as the application registers it), a batch's readings, their ledger
/// postings and the balance, chain and meter state updates are written by the engine on raw prepared statements
/// instead of EF change tracking; the rare rows (alerts, dead letters, events, outbox) still go through EF, in the same
/// transaction.
/// </summary>
public sealed class ReadingPipeline(
    IDbContextFactory<QuantifyDbContext> factory,
    IMessageDecoder decoder,
    MeterDirectory meters,
    IEnumerable<IConsumptionBiller> billers,
    IEnumerable<IBatchObserver> observers,
    TimeProvider clock,
    ILogger<ReadingPipeline> log,
    IngestionOptions? options = null,
    CommittedBatches? committed = null,
    Engine.IngestionEngine? engine = null) : IBatchProcessor, IMessageProcessor, IMessagePreparer
{
    private readonly IBatchOutbox[] outboxes = observers.OfType<IBatchOutbox>().ToArray();
    private const int DedupeChunk = 32;
    private readonly TimeSpan futureTolerance = options?.FutureReadingTolerance ?? Quantify.Domain.Common.Defaults.FutureReadingTolerance;

    /// <summary>How far after its arrival a reading may be stamped before it is held.</summary>
    public TimeSpan FutureTolerance => futureTolerance;
    private readonly Dictionary<int, LastReading> lastByMeter = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Time spent per stage of a batch, for `bench ingest` (summed over batches).</summary>
    public PipelineTimings Timings { get; } = new();

    public async Task ProcessAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken ct) => await RunAsync(batch, deadLetter: true, ct);

    public async Task<MessageOutcome> ProcessOneAsync(IncomingMessage message, CancellationToken ct)
    {
        var result = await RunAsync([message], deadLetter: false, ct);
        return Outcome(result);
    }

    /// <summary>
    /// Readings already in hand as values (typed in by a person, such as the closing readings of a move-out), processed
    /// as one message through the same rules, biller and observers, without a decoder and without dead-lettering: a
    /// failure (an unknown or decommissioned meter) is returned to the caller, who is still there to see it.
    /// </summary>
    public async Task<MessageOutcome> ProcessReadingsAsync(MessageSource source, IReadOnlyList<DecodedReading> readings, DateTimeOffset receivedAt, string messageId,
        CancellationToken ct)
    {
        // The envelope says where and when the readings came from; there is no topic or payload since no transport carried them.
        var envelope = new IncomingMessage(source, "", ReadOnlyMemory<byte>.Empty, receivedAt, messageId);
        var result = await RunAsync([envelope], deadLetter: false, ct, [new DecodedMessage(readings, [], null)]);
        return Outcome(result);
    }

    private static MessageOutcome Outcome(RunResult result) =>
        result.Failures.Count > 0
            ? new MessageOutcome(false, result.Failures[0].Reason)
            : new MessageOutcome(true, $"{Quantify.Domain.Common.Plural.Count(result.Stored, "reading")} stored, {Quantify.Domain.Common.Plural.Count(result.Duplicates, "duplicate")}, {Quantify.Domain.Common.Plural.Count(result.Events, "event")}");

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

    /// <summary>
    /// Releases a held reading with the time it was really taken. It is then assessed like any reading against the
    /// meter's accepted readings: billed through the ledger if it is the latest (idempotent on "reading:{id}"), stored
    /// as late if a later reading already covers it. A reading that would still be held (its register below the
    /// highest, a corrected time after it arrived or before installation) is refused and stays held. Audited.
    /// </summary>
    public Task<Result<HeldReadingOutcome>> ReleaseAsync(long readingId, DateTimeOffset correctedReadAt, string reason, CancellationToken ct = default) =>
        ExclusiveAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (reading, meter, error) = await HeldAsync(db, readingId, ct);
            if (error is not null) return Result<HeldReadingOutcome>.Fail(error);
            if (!reading!.CanRelease)
                return Fail("billed_before_hold", $"Reading #{readingId} was billed before it was held and that charge was reversed; the meter's next reading bills its consumption. Discard it.");
            var now = clock.GetUtcNow();
            await LoadLastReadingsAsync(db, [meter!.Id], ct);
            LastReading? last = lastByMeter.TryGetValue(meter.Id, out var l) ? l : null;
            var check = ConsumptionRules.Assess(last, correctedReadAt, reading.Register, reading.ReceivedAt,
                ConsumptionRules.Limits(MaxPerHour(meter.Type), meter.InstalledFrom, futureTolerance));
            if (check.Verdict == ReadingVerdict.Held)
                return Fail("still_held", "With that time the reading would still be held. " + check.AlertMessage![HoldAlerts.Prefix.Length..]);
            var (oldStatus, oldReadAt) = (reading.Status, reading.ReadAt);
            reading.Release(correctedReadAt, now);
            return await AcceptHeldAsync(db, tx, [reading], meter, "ReleaseHeld", [(oldStatus, oldReadAt)], reason, now, ct);
        });

    /// <summary>
    /// An admin declares the meter was reset or replaced in place: this held reading (register below the highest, or a
    /// jump) becomes the meter's new baseline, and the meter's later readings held for their register are assessed
    /// again from it (so they bill from the new baseline). Readings held for their time stay held. Audited.
    /// </summary>
    public Task<Result<HeldReadingOutcome>> StartBaselineAsync(long readingId, string reason, CancellationToken ct = default) =>
        ExclusiveAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (reading, meter, error) = await HeldAsync(db, readingId, ct);
            if (error is not null) return Result<HeldReadingOutcome>.Fail(error);
            if (reading!.HoldReason is not (HoldReason.RegisterBelowHighest or HoldReason.ImplausibleJump) || !reading.CanRelease)
                return Fail("not_a_register_hold", $"Reading #{readingId} is held for its time, not its register: release it with a corrected time or discard it.");
            await LoadLastReadingsAsync(db, [meter!.Id], ct);
            if (lastByMeter.TryGetValue(meter.Id, out var last) && last.ReadAt >= reading.ReadAt)
                return Fail("older_than_accepted", $"A reading of {last.ReadAt:u} was accepted after this one; start the new baseline from a later held reading.");
            var now = clock.GetUtcNow();
            var oldStatus = reading.Status;
            reading.MakeBaseline(now);
            lastByMeter[meter.Id] = new LastReading(reading.ReadAt, reading.Register);
            var state = await db.MeterStates.SingleAsync(x => x.MeterId == meter.Id, ct);
            state.RecordReading(reading.Register, reading.ReadAt);
            HeldReadingAudit.Add(db, reading, "NewBaseline", oldStatus, reading.ReadAt, reason, now);
            var later = await db.MeterReadings
                .Where(r => r.MeterId == meter.Id && r.Status == ReadingStatus.Held && r.ReadAt > reading.ReadAt && r.Amount == null
                    && (r.HoldReason == HoldReason.RegisterBelowHighest || r.HoldReason == HoldReason.ImplausibleJump))
                .OrderBy(r => r.ReadAt).ToListAsync(ct);
            var before = later.Select(r => (r.Status, r.ReadAt)).ToList();
            foreach (var r in later) r.Release(r.ReadAt, now);
            await AcceptHeldAsync(db, tx, later, meter, "ReleaseHeld", before, $"Re-assessed from the new baseline #{reading.Id}: {reason}", now, ct);
            return Result<HeldReadingOutcome>.Ok(new HeldReadingOutcome(reading.Id, ReadingStatus.Baseline, null, null));
        });

    /// <summary>
    /// Assesses released readings (in time order) against the meter's accepted readings, holds again those that still
    /// do not fit, bills the rest in this transaction, audits each change, resolves the meter's hold alerts once
    /// nothing is held, commits, then tells the observers (credit control sees the charge).
    /// </summary>
    private async Task<Result<HeldReadingOutcome>> AcceptHeldAsync(QuantifyDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx,
        IReadOnlyList<MeterReading> readings, MeterInfo meter, string action, IReadOnlyList<(ReadingStatus Status, DateTimeOffset ReadAt)> before,
        string reason, DateTimeOffset now, CancellationToken ct)
    {
        var state = await db.MeterStates.SingleAsync(x => x.MeterId == meter.Id, ct);
        var billable = new List<BillableReading>();
        var holds = new HoldAlerts();
        var accepted = new List<MeterReading>();
        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            var assessment = Assess(reading, meter, billable, holds);
            if (assessment.Verdict == ReadingVerdict.Held) continue; // Still does not fit: held again, as it was.
            if (assessment.Advances) state.RecordReading(reading.Register, reading.ReadAt);
            HeldReadingAudit.Add(db, reading, action, before[i].Status, before[i].ReadAt, reason, now);
            accepted.Add(reading);
        }
        foreach (var biller in billers)
        {
            var charged = await biller.BillAsync(db, billable, ct);
            foreach (var (r, amount) in charged) r.MarkBilled(amount);
        }
        await db.SaveChangesAsync(ct);
        await HoldAlerts.ResolveIfClearAsync(db, meter.Id, now, ct);
        var batch = accepted.Count > 0 ? new BatchCommitted(accepted.Select(r => (meter, r)).ToList()) : null;
        await AddOutboxRowsAsync(db, batch, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await AfterCommitAsync(batch, ct);
        var first = readings.Count > 0 ? readings[0] : null;
        return Result<HeldReadingOutcome>.Ok(first is null
            ? new HeldReadingOutcome(0, ReadingStatus.Baseline, null, null)
            : new HeldReadingOutcome(first.Id, first.Status, first.Consumption, first.Amount));
    }

    private static async Task<(MeterReading? Reading, MeterInfo? Meter, Error? Error)> HeldAsync(QuantifyDbContext db, long readingId, CancellationToken ct)
    {
        var reading = await db.MeterReadings.FirstOrDefaultAsync(r => r.Id == readingId, ct);
        if (reading is null) return (null, null, new Error("not_found", $"Reading #{readingId} does not exist."));
        if (!reading.IsHeld) return (null, null, new Error("not_held", $"Reading #{readingId} is not held (it is {reading.Status})."));
        var meter = await MeterDirectory.ByIdAsync(db, reading.MeterId, ct);
        if (meter is null || !meter.IsActive) return (null, null, new Error("decommissioned", $"Meter #{reading.MeterId} is decommissioned; its readings are not billed. Discard the reading."));
        return (reading, meter, null);
    }

    private static Result<HeldReadingOutcome> Fail(string code, string message) => Result<HeldReadingOutcome>.Fail(new Error(code, message));

    /// <summary>Runs an admin action under the pipeline's gate (so no batch interleaves); a failure forgets the cached baselines.</summary>
    private async Task<T> ExclusiveAsync<T>(Func<Task<T>> action)
    {
        await gate.WaitAsync();
        try
        {
            return await action();
        }
        catch
        {
            lastByMeter.Clear();
            throw;
        }
        finally
        {
            // The admin path posts through the EF biller: the engine reads those wallets afresh.
            engine?.Reset();
            gate.Release();
        }
    }

    public sealed record RunResult(int Stored, int Duplicates, int Events, IReadOnlyList<DeadLetterItem> Failures);

    /// <param name="decoded">The batch's messages already decoded (one per message), or null to decode them here.</param>
    private async Task<RunResult> RunAsync(IReadOnlyList<IncomingMessage> batch, bool deadLetter, CancellationToken ct, IReadOnlyList<DecodedMessage>? decoded = null)
    {
        await gate.WaitAsync(ct);
        try
        {
            return await RunIsolatingAsync(batch, decoded, deadLetter, ct);
        }
        catch
        {
            // The transaction rolled back: the in-memory "last reading" cache may hold uncommitted values.
            lastByMeter.Clear();
            engine?.Reset();
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Runs the batch; a concurrent wallet posting re-runs it (at most twice more). A unique index broken anywhere in the
    /// batch is never retried as it was: it is logged with the offending rows, and the batch is split in halves until the
    /// message that breaks it is alone; that message is dead-lettered (or reported, for a single replay) and the rest commit.
    /// </summary>
    private async Task<RunResult> RunIsolatingAsync(IReadOnlyList<IncomingMessage> batch, IReadOnlyList<DecodedMessage>? decoded, bool deadLetter, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunLockedAsync(batch, decoded, deadLetter, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Another writer (a top-up on another instance) extended a wallet chain under us: run the batch again.
                lastByMeter.Clear();
                engine?.Reset();
                log.LogInformation("Batch of {Count} hit a concurrent wallet posting; retrying (attempt {Attempt})", batch.Count, attempt + 1);
            }
            catch (DbUpdateException ex) when (Features.MasterData.MasterDataErrors.IsUniqueViolation(ex))
            {
                lastByMeter.Clear();
                engine?.Reset();
                var offending = UniqueViolation.Describe(ex);
                log.LogError(ex, "A batch of {Count} message(s) broke a unique index: {Offending}; isolating the message that causes it", batch.Count, offending);
                if (batch.Count > 1)
                {
                    var half = batch.Count / 2;
                    var first = await RunIsolatingAsync(batch.Take(half).ToList(), decoded?.Take(half).ToList(), deadLetter, ct);
                    var second = await RunIsolatingAsync(batch.Skip(half).ToList(), decoded?.Skip(half).ToList(), deadLetter, ct);
                    return new RunResult(first.Stored + second.Stored, first.Duplicates + second.Duplicates, first.Events + second.Events,
                        [.. first.Failures, .. second.Failures]);
                }
                var failure = Fail(batch[0], $"Storing this message broke a unique index ({offending}); it was set aside so the rest of its batch could commit.");
                if (deadLetter)
                {
                    await using var db = await factory.CreateDbContextAsync(ct);
                    DeadLetterService.AddTo(db, [failure]);
                    await db.SaveChangesAsync(ct);
                }
                return new RunResult(0, 0, 0, [failure]);
            }
        }
    }

    private async Task<RunResult> RunLockedAsync(IReadOnlyList<IncomingMessage> batch, IReadOnlyList<DecodedMessage>? given, bool deadLetter, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var mark = started;
        long Lap()
        {
            var now = Stopwatch.GetTimestamp();
            var elapsed = now - mark;
            mark = now;
            return elapsed;
        }
        var failures = new List<DeadLetterItem>();
        var decoded = new List<(IncomingMessage Message, DecodedReading Reading)>();
        var events = new List<DeviceEvent>();
        for (var i = 0; i < batch.Count; i++)
        {
            var m = batch[i];
            DecodedMessage d;
            if (given is not null) d = given[i];
            else d = m.Decoded ?? Decode(m);
            if (d.IsError) { failures.Add(Fail(m, d.Error!)); continue; }
            decoded.AddRange(d.Readings.Select(r => (m, r)));
            events.AddRange(d.Events);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (engine is not null) await engine.UseWriterConnectionAsync(db, factory, ct);
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
        Timings.Decode += Lap();

        var duplicates = await RemoveDuplicatesAsync(db, matched, ct);
        Timings.Dedupe += Lap();
        await LoadLastReadingsAsync(db, matched.Select(x => x.Meter.Id).Distinct().ToList(), ct);

        var now = clock.GetUtcNow();
        var stored = new List<(MeterInfo Meter, MeterReading Reading)>();
        var billable = new List<BillableReading>();
        var holds = new HoldAlerts();
        var flagged = new Dictionary<(int MeterId, AlertKind Kind), (AlertSeverity Severity, string Message)>();
        // Only the meters' live state rows change per reading; the versioned meter rows are not touched.
        var matchedIds = matched.Select(mm => mm.Meter.Id).Distinct().ToList();
        // The engine writes the state rows itself: read untracked.
        var states = engine is null
            ? await db.MeterStates.Where(x => matchedIds.Contains(x.MeterId)).ToDictionaryAsync(x => x.MeterId, ct)
            : await db.MeterStates.AsNoTracking().Where(x => matchedIds.Contains(x.MeterId)).ToDictionaryAsync(x => x.MeterId, ct);
        Timings.Load += Lap();
        var stateChanges = new List<(MeterState State, MeterReading Reading, bool? Relay)>(matched.Count);
        foreach (var (m, r, meter) in matched.OrderBy(x => x.Reading.ReadAt))
        {
            var reading = new MeterReading(meter.Id, r.ReadAt, r.Register, r.DedupeKey, m.Source.ToString(), m.ReceivedAt);
            reading.SetFlags(r.RelayClosed, r.TemperatureC, r.Leak, r.Tamper);
            Assess(reading, meter, billable, holds);
            if (engine is null) db.MeterReadings.Add(reading);
            stored.Add((meter, reading));
            stateChanges.Add((states[meter.Id], reading, r.RelayClosed));
            if (r.Tamper) flagged.TryAdd((meter.Id, AlertKind.Tamper), (AlertSeverity.Critical, "The meter reports a tamper."));
            if (r.Leak) flagged.TryAdd((meter.Id, AlertKind.Leak), (AlertSeverity.Warning, "The meter reports a possible leak."));
        }
        await holds.AddAsync(db, now, ct);
        await AddUnlessOpenAsync(db, flagged, now, ct);

        if (deadLetter) DeadLetterService.AddTo(db, failures);
        // Readings are saved first: billing needs their ids (the ledger's idempotency key is "reading:{id}").
        await db.SaveChangesAsync(ct);

        // The meters' live state changes after that save, so each state row is written once per batch, with billing's
        // month-to-date, in the second save (same transaction, same order of changes as before).
        foreach (var (state, reading, relay) in stateChanges)
        {
            // A held reading says the meter is alive (at the time it arrived), never what its register or time is.
            if (reading.IsHeld) state.RecordSeen(reading.ReceivedAt);
            else state.RecordReading(reading.Register, reading.ReadAt);
            if (relay is bool closed) state.SetRelay(closed);
        }
        Timings.Assess += Lap();
        IReadOnlyCollection<int>? creditUnits = null;
        if (engine is not null)
        {
            // Readings priced and inserted, ledger rows, balances, chain heads and state rows: one pass of prepared statements.
            var written = await engine.WriteAsync(db, stored.Select(x => x.Reading).ToList(), billable, states, ct);
            creditUnits = written.CrossedUnits;
        }
        else
            foreach (var biller in billers)
            {
                var charged = await biller.BillAsync(db, billable, ct);
                foreach (var (reading, amount) in charged) reading.MarkBilled(amount);
            }
        Timings.Write += Lap();
        await ApplyEventsAsync(db, events, directory, now, ct);
        var committedBatch = stored.Count > 0 ? new BatchCommitted(stored) { CreditUnits = creditUnits } : null;
        await AddOutboxRowsAsync(db, committedBatch, ct);
        await db.SaveChangesAsync(ct);
        Timings.Finish += Lap();
        await tx.CommitAsync(ct);
        Timings.Commit += Lap();
        Timings.Total += Stopwatch.GetTimestamp() - started;
        Timings.Batches++;
        Timings.Readings += stored.Count;
        await AfterCommitAsync(committedBatch, ct);
        return new RunResult(stored.Count, duplicates, events.Count, failures);
    }

    /// <summary>Decodes the message on the transport's thread before it is queued, so the writer does not (<see cref="IMessagePreparer"/>).</summary>
    public IncomingMessage Prepare(IncomingMessage message) => message.Decoded is null ? message with { Decoded = Decode(message) } : message;

    private DecodedMessage Decode(IncomingMessage message)
    {
        try { return decoder.Decode(message); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { return DecodedMessage.Fail("Decoder crashed: " + ex.Message); }
    }

    /// <summary>Webhook and notification rows for the batch, in the batch's own unit of work (they commit with it).</summary>
    private async Task AddOutboxRowsAsync(QuantifyDbContext db, BatchCommitted? batch, CancellationToken ct)
    {
        if (batch is null) return;
        foreach (var outbox in outboxes) await outbox.AddInBatchAsync(db, batch, ct);
    }

    /// <summary>
    /// Hands the committed batch to the observers: through <see cref="CommittedBatches"/> when the host runs the
    /// dispatcher (the writer returns at once, so the acknowledgement goes out before any observer runs), inline otherwise.
    /// </summary>
    private async Task AfterCommitAsync(BatchCommitted? batch, CancellationToken ct)
    {
        if (batch is null) return;
        if (committed is not null) await committed.WriteAsync(batch, ct);
        else await CommittedBatchDispatcher.NotifyAsync(observers, batch, log, ct);
    }

    /// <summary>
    /// Applies the consumption rules to a reading against the meter's last accepted reading, sets its status, queues it
    /// for billing, and moves the meter's baseline only if the reading is accepted (a held reading never moves it).
    /// </summary>
    private ReadingAssessment Assess(MeterReading reading, MeterInfo meter, List<BillableReading> billable, HoldAlerts holds)
    {
        LastReading? last = lastByMeter.TryGetValue(meter.Id, out var lastValue) ? lastValue : null;
        var assessment = ConsumptionRules.Assess(last, reading.ReadAt, reading.Register, reading.ReceivedAt,
            ConsumptionRules.Limits(MaxPerHour(meter.Type), meter.InstalledFrom, futureTolerance));
        switch (assessment.Verdict)
        {
            case ReadingVerdict.Held:
                reading.Hold(assessment.Hold!.Value);
                holds.Raise(meter.Id, assessment.Hold.Value, assessment.AlertMessage!);
                break;
            case ReadingVerdict.Baseline:
                reading.SetConsumption(null, ReadingStatus.Baseline);
                break;
            default:
                reading.SetConsumption(assessment.Consumption, ReadingStatus.NotBilled);
                break;
        }
        if (assessment.Verdict == ReadingVerdict.Bill && assessment.Consumption > 0)
            billable.Add(new BillableReading(reading, meter, last!.Value.ReadAt, assessment.Consumption.Value));
        if (assessment.Advances) lastByMeter[meter.Id] = new LastReading(reading.ReadAt, reading.Register);
        return assessment;
    }

    private async Task<int> RemoveDuplicatesAsync(QuantifyDbContext db, List<(IncomingMessage Message, DecodedReading Reading, MeterInfo Meter)> matched, CancellationToken ct)
    {
        var before = matched.Count;
        var seen = new HashSet<(int, string)>();
        matched.RemoveAll(x => !seen.Add((x.Meter.Id, x.Reading.DedupeKey)));
        if (matched.Count == 0) return before;
        var existing = engine is not null
            ? await engine.StoredKeysAsync(db, matched.Select(x => (x.Meter.Id, x.Reading.DedupeKey)).ToList(), ct)
            : await StoredKeysAsync(db, matched, ct);
        matched.RemoveAll(x => existing.Contains((x.Meter.Id, x.Reading.DedupeKey)));
        return before - matched.Count;
    }

    private static async Task<HashSet<(int, string)>> StoredKeysAsync(QuantifyDbContext db, List<(IncomingMessage Message, DecodedReading Reading, MeterInfo Meter)> matched,
        CancellationToken ct)
    {
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
        return existing;
    }

    private async Task LoadLastReadingsAsync(QuantifyDbContext db, List<int> meterIds, CancellationToken ct)
    {
        var missing = meterIds.Where(id => !lastByMeter.ContainsKey(id)).ToList();
        if (missing.Count == 0) return;
        var latest = await db.MeterReadings.AsNoTracking()
            // The last reading that moved the baseline: not held, not a late one (stored with no consumption, it never did).
            .Where(r => missing.Contains(r.MeterId) && r.Status != ReadingStatus.Anomaly && r.Status != ReadingStatus.Held && r.Status != ReadingStatus.Discarded
                && !(r.Status == ReadingStatus.NotBilled && r.Consumption == null))
            .GroupBy(r => r.MeterId)
            .Select(g => g.OrderByDescending(r => r.ReadAt).Select(r => new { r.MeterId, r.ReadAt, r.Register }).First())
            .ToListAsync(ct);
        foreach (var l in latest) lastByMeter[l.MeterId] = new LastReading(l.ReadAt, l.Register);
    }

    /// <summary>
    /// One open alert per meter and kind: a repeat of a problem already open (the same leak on every reading) adds
    /// nothing, so the wall and every count show it once until it is resolved.
    /// </summary>
    private static async Task AddUnlessOpenAsync(QuantifyDbContext db, Dictionary<(int MeterId, AlertKind Kind), (AlertSeverity Severity, string Message)> flagged,
        DateTimeOffset now, CancellationToken ct)
    {
        if (flagged.Count == 0) return;
        var meterIds = flagged.Keys.Select(k => k.MeterId).Distinct().ToList();
        var kinds = flagged.Keys.Select(k => k.Kind).Distinct().ToList();
        var open = (await db.MeterAlerts.AsNoTracking().Where(a => meterIds.Contains(a.MeterId) && kinds.Contains(a.Kind) && a.ResolvedAt == null)
                .Select(a => new { a.MeterId, a.Kind }).ToListAsync(ct))
            .Select(a => (a.MeterId, a.Kind))
            .Concat(db.ChangeTracker.Entries<MeterAlert>().Where(e => e.State == EntityState.Added).Select(e => (e.Entity.MeterId, e.Entity.Kind)))
            .ToHashSet();
        foreach (var ((meterId, kind), (severity, message)) in flagged)
            if (!open.Contains((meterId, kind))) db.MeterAlerts.Add(new MeterAlert(meterId, kind, severity, message, now));
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
                await AddUnlessOpenAsync(db, new() { [(meter.MeterId, AlertKind.LowBattery)] = (AlertSeverity.Warning, $"Battery at {e.BatteryPercent}%: replace it soon.") }, now, ct);
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

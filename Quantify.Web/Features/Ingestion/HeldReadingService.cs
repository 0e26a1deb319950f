using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Ingestion;

public sealed record HeldReadingRow(long Id, int MeterId, string MeterSerial, MeterType MeterType, string EstateName, string? UnitNumber,
    DateTimeOffset ReadAt, DateTimeOffset ReceivedAt, decimal Register, string Source, HoldReason? Reason, bool CanRelease);

/// <summary>Held readings per reason (the admin page's summary).</summary>
public sealed record HeldReadingCount(HoldReason? Reason, int Count, int Meters);

/// <summary>A reading the one-off check found and (unless it only lists) held; <paramref name="Reversed"/>: the charge reversed, if it had been billed.</summary>
public sealed record CheckedReading(long Id, int MeterId, string MeterSerial, DateTimeOffset ReadAt, DateTimeOffset ReceivedAt, decimal Register,
    HoldReason Reason, ReadingStatus WasStatus, decimal? Reversed);

/// <summary>
/// Held readings for admins: the list (count and reason), release with a corrected time and new baseline (through the
/// pipeline, so they are assessed and billed like any reading), discard; and the one-off check that finds readings
/// stored before readings were held (future-dated or before installation), holds them and reverses what they billed.
/// Every action is audited.
/// </summary>
public sealed class HeldReadingService(IDbContextFactory<QuantifyDbContext> factory, ReadingPipeline pipeline, LedgerService ledger,
    TariffDirectory tariffs, TimeProvider clock)
{
    public async Task<IReadOnlyList<HeldReadingCount>> CountsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.MeterReadings.AsNoTracking().Where(r => r.Status == ReadingStatus.Held)
                .GroupBy(r => r.HoldReason).Select(g => new { g.Key, Count = g.Count(), Meters = g.Select(r => r.MeterId).Distinct().Count() }).ToListAsync(ct))
            .Select(x => new HeldReadingCount(x.Key, x.Count, x.Meters)).OrderByDescending(x => x.Count).ToList();
    }

    public async Task<(IReadOnlyList<HeldReadingRow> Rows, int Total)> ListAsync(HoldReason? reason, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.MeterReadings.AsNoTracking().Where(r => r.Status == ReadingStatus.Held);
        if (reason is not null) q = q.Where(r => r.HoldReason == reason);
        var total = await q.CountAsync(ct);
        var rows = await (from r in q
                join m in db.Meters on r.MeterId equals m.Id
                join e in db.Estates on m.EstateId equals e.Id
                join u in db.Units on m.UnitId equals u.Id into units
                from u in units.DefaultIfEmpty()
                orderby r.Id descending
                select new HeldReadingRow(r.Id, m.Id, m.SerialNumber, m.Type, e.Name, u == null ? null : u.UnitNumber, r.ReadAt, r.ReceivedAt, r.Register, r.Source,
                    r.HoldReason, r.Amount == null))
            .Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return (rows, total);
    }

    public Task<Result<HeldReadingOutcome>> ReleaseAsync(long readingId, DateTimeOffset correctedReadAt, string reason, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(reason) ? Task.FromResult(ReasonRequired()) : pipeline.ReleaseAsync(readingId, correctedReadAt, reason.Trim(), ct);

    public Task<Result<HeldReadingOutcome>> StartBaselineAsync(long readingId, string reason, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(reason) ? Task.FromResult(ReasonRequired()) : pipeline.StartBaselineAsync(readingId, reason.Trim(), ct);

    /// <summary>Rejects a held reading for good: kept for the record, never billed, never the baseline. Audited.</summary>
    public async Task<Result> DiscardAsync(long readingId, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return ReasonRequired();
        await using var db = await factory.CreateDbContextAsync(ct);
        var reading = await db.MeterReadings.FirstOrDefaultAsync(r => r.Id == readingId, ct);
        if (reading is null) return Result.Fail(new Error("not_found", $"Reading #{readingId} does not exist."));
        if (!reading.IsHeld) return Result.Fail(new Error("not_held", $"Reading #{readingId} is not held (it is {reading.Status})."));
        var now = clock.GetUtcNow();
        reading.Discard(now);
        HeldReadingAudit.Add(db, reading, "DiscardHeld", ReadingStatus.Held, reading.ReadAt, reason.Trim(), now);
        await db.SaveChangesAsync(ct);
        await HoldAlerts.ResolveIfClearAsync(db, reading.MeterId, now, ct);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>
    /// The one-off check for readings stored before readings were held: those stamped more than the tolerance after they
    /// arrived, and those stamped before their meter's installation date. With <paramref name="hold"/> each is held
    /// (audited); one that was billed has its ledger transaction reversed (a new, chained transaction, idempotent), and
    /// its meter's last reading and billing month-to-date are recomputed from the readings still accepted. Meters are
    /// then forgotten by this process's pipeline. Safe to run again: held readings are not found twice.
    /// </summary>
    public async Task<IReadOnlyList<CheckedReading>> CheckAsync(bool hold, CancellationToken ct = default)
    {
        var found = await FindAsync(ct);
        if (!hold || found.Count == 0) return found;
        var result = new List<CheckedReading>();
        foreach (var meterGroup in found.GroupBy(f => f.MeterId))
        {
            // Reverse first (idempotent), then hold: a crash in between leaves a reversed reading that the next run holds.
            var reversed = new Dictionary<long, decimal>();
            foreach (var f in meterGroup.Where(f => f.WasStatus == ReadingStatus.Billed))
                if (await ReverseAsync(f.Id, ct) is decimal amount) reversed[f.Id] = amount;
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow();
            var ids = meterGroup.Select(f => f.Id).ToList();
            foreach (var reading in await db.MeterReadings.Where(r => ids.Contains(r.Id)).ToListAsync(ct))
            {
                if (reading.Status is ReadingStatus.Held or ReadingStatus.Discarded) continue;
                var f = meterGroup.Single(x => x.Id == reading.Id);
                var was = reading.Status;
                reading.Hold(f.Reason);
                HeldReadingAudit.Add(db, reading, "HeldByCheck", was, reading.ReadAt,
                    $"readings check-future: {f.Reason.Describe()}{(reversed.TryGetValue(reading.Id, out var r) ? $"; charge of R {r:0.00} reversed" : "")}", now);
                result.Add(f with { Reversed = reversed.TryGetValue(reading.Id, out var amount) ? amount : null });
            }
            await db.SaveChangesAsync(ct);
            var meter = await db.Meters.SingleAsync(m => m.Id == meterGroup.Key, ct);
            var latest = await db.MeterReadings.AsNoTracking()
                .Where(x => x.MeterId == meter.Id && x.Status != ReadingStatus.Held && x.Status != ReadingStatus.Discarded && x.Status != ReadingStatus.Anomaly)
                .OrderByDescending(x => x.ReadAt).Select(x => new { x.Register, x.ReadAt }).FirstOrDefaultAsync(ct);
            meter.State.RestoreLastReading(latest?.Register, latest?.ReadAt);
            await MonthToDateRebuilder.RebuildAsync(db, tariffs, meter, ct);
            var alerts = new HoldAlerts();
            foreach (var byReason in meterGroup.GroupBy(f => f.Reason))
                alerts.Raise(meter.Id, byReason.Key, $"{HoldAlerts.Prefix}{Quantify.Domain.Common.Plural.Count(byReason.Count(), "stored reading")} held by the one-off check ({byReason.Key.Describe().ToLowerInvariant()}).");
            await alerts.AddAsync(db, now, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await pipeline.ForgetAsync(found.Select(f => f.MeterId).Distinct(), ct);
        return result;
    }

    private async Task<List<CheckedReading>> FindAsync(CancellationToken ct)
    {
        var tolerance = pipeline.FutureTolerance;
        await using var db = await factory.CreateDbContextAsync(ct);
        var open = db.MeterReadings.AsNoTracking().Where(r => r.Status != ReadingStatus.Held && r.Status != ReadingStatus.Discarded);
        var found = new Dictionary<long, CheckedReading>();
        var serials = await db.Meters.AsNoTracking().ToDictionaryAsync(m => m.Id, m => m.SerialNumber, ct);
        // Stamped after arrival: a coarse filter in SQL (later than received), the tolerance applied here.
        await foreach (var r in open.Where(r => r.ReadAt > r.ReceivedAt)
                           .Select(r => new { r.Id, r.MeterId, r.ReadAt, r.ReceivedAt, r.Register, r.Status }).AsAsyncEnumerable().WithCancellation(ct))
            if (r.ReadAt - r.ReceivedAt > tolerance)
                found[r.Id] = new CheckedReading(r.Id, r.MeterId, serials.GetValueOrDefault(r.MeterId, "?"), r.ReadAt, r.ReceivedAt, r.Register, HoldReason.FutureTimestamp, r.Status, null);
        var installed = await db.Meters.AsNoTracking().Where(m => m.InstallationDate != null).Select(m => m.Id).ToListAsync(ct);
        foreach (var meterId in installed)
        {
            if (await MeterDirectory.ByIdAsync(db, meterId, ct) is not { InstalledFrom: DateTimeOffset from }) continue;
            foreach (var r in await open.Where(r => r.MeterId == meterId && r.ReadAt < from)
                         .Select(r => new { r.Id, r.MeterId, r.ReadAt, r.ReceivedAt, r.Register, r.Status }).ToListAsync(ct))
                found.TryAdd(r.Id, new CheckedReading(r.Id, r.MeterId, serials.GetValueOrDefault(r.MeterId, "?"), r.ReadAt, r.ReceivedAt, r.Register, HoldReason.BeforeInstallation, r.Status, null));
        }
        return found.Values.OrderBy(f => f.MeterId).ThenBy(f => f.ReadAt).ToList();
    }

    /// <summary>Reverses the reading's consumption posting once (a later run finds the reversal and does not post again).</summary>
    private async Task<decimal?> ReverseAsync(long readingId, CancellationToken ct)
    {
        long transactionId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var key = $"reading:{readingId}";
            var posting = await db.LedgerTransactions.AsNoTracking().Where(t => t.IdempotencyKey == key).Select(t => new { t.Id }).FirstOrDefaultAsync(ct);
            if (posting is null) return null;
            transactionId = posting.Id;
            var reversalKey = $"reversal:{transactionId}";
            if (await db.LedgerTransactions.AnyAsync(t => t.IdempotencyKey == reversalKey, ct)) return await AmountAsync(db, readingId, ct);
        }
        var reversal = await ledger.ReverseAsync(transactionId, $"reading #{readingId} held by the one-off check (its time cannot be trusted)", ct);
        if (reversal.IsFailure) throw new InvalidOperationException($"Reading #{readingId}: the charge could not be reversed: {reversal.Describe()}");
        await using var check = await factory.CreateDbContextAsync(ct);
        return await AmountAsync(check, readingId, ct);
    }

    private static Task<decimal?> AmountAsync(QuantifyDbContext db, long readingId, CancellationToken ct) =>
        db.MeterReadings.AsNoTracking().Where(r => r.Id == readingId).Select(r => r.Amount).FirstOrDefaultAsync(ct);

    private static Result<HeldReadingOutcome> ReasonRequired() => Result<HeldReadingOutcome>.Fail(new Error("reason_required", "Say why (it is kept in the audit trail).", "Reason"));
}

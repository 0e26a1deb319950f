using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Levies;
using Quantify.Domain.People;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Reports;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Levies;

/// <summary>
/// Levies end to end: schedules (admins and the estate's managing agents), the periodic charge per unit (the
/// <c>levies</c> job, or on demand), EFT receipts against levy receivables, and each unit's standing (charged, paid,
/// outstanding and aged) for agents and trustees. Every read and write that a person asks for takes the caller's
/// <see cref="UserScope"/> and is refused outside it.
/// <para>
/// A charge is posted with <see cref="Postings.Levy"/> (keyed <c>levy:{schedule}:{unit}:{period}</c>, so a second run
/// posts nothing) to the unit's wallet Levy pocket or its levy receivable, as the estate's
/// <see cref="EstateSettings.LevyCollection"/> says; the value date is the first day of the period.
/// </para>
/// </summary>
public sealed class LevyService(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, TimeProvider clock)
{
    private static readonly Error Forbidden = new("forbidden", "You do not have access to this estate's levies.");

    // ---- Schedules ------------------------------------------------------------------------------------------

    public async Task<Result<IReadOnlyList<LevySchedule>>> SchedulesAsync(UserScope scope, int estateId, CancellationToken ct = default)
    {
        if (!ReportAccess.CanRead(scope, estateId)) return Result<IReadOnlyList<LevySchedule>>.Fail(Forbidden);
        await using var db = await factory.CreateDbContextAsync(ct);
        return Result<IReadOnlyList<LevySchedule>>.Ok(await db.LevySchedules.AsNoTracking().Where(s => s.EstateId == estateId)
            .OrderByDescending(s => s.IsActive).ThenBy(s => s.Name).ThenByDescending(s => s.Version).ToListAsync(ct));
    }

    public async Task<Result<int>> CreateAsync(UserScope scope, int estateId, LevyScheduleInput input, CancellationToken ct = default)
    {
        if (!scope.Manages(estateId)) return Result<int>.Fail(Forbidden);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Estates.AnyAsync(e => e.Id == estateId, ct)) return Result<int>.Fail(new Error("not_found", $"Estate #{estateId} does not exist."));
        var check = await CheckAllocationAsync(db, estateId, input, ct);
        if (check.IsFailure) return Result<int>.Fail(check.Errors);
        var created = LevySchedule.Create(estateId, input.Name, input.Amount, input.Frequency, input.Method, input.EffectiveFrom, input.CustomAmounts);
        if (created.IsFailure) return Result<int>.Fail(created.Errors);
        db.LevySchedules.Add(created.Value);
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(created.Value.Id);
    }

    /// <summary>Changes a version before it takes effect.</summary>
    public Task<Result> AmendAsync(UserScope scope, int scheduleId, LevyScheduleInput input, CancellationToken ct = default) =>
        WithScheduleAsync(scope, scheduleId, async (db, s, today) =>
        {
            var check = await CheckAllocationAsync(db, s.EstateId, input, ct);
            return check.IsFailure ? check : s.Amend(input.Name, input.Amount, input.Frequency, input.Method, input.EffectiveFrom, input.CustomAmounts, today);
        }, ct);

    /// <summary>Starts a new version on <see cref="LevyScheduleInput.EffectiveFrom"/> (must be in the future); the current one ends then.</summary>
    public Task<Result> SupersedeAsync(UserScope scope, int scheduleId, LevyScheduleInput input, CancellationToken ct = default) =>
        WithScheduleAsync(scope, scheduleId, async (db, s, today) =>
        {
            if (input.EffectiveFrom <= today)
                return Result.Fail(new Error("not_future", $"A new version must start after today ({today:yyyy-MM-dd}): periods already started keep what was charged.", "EffectiveFrom"));
            var check = await CheckAllocationAsync(db, s.EstateId, input, ct);
            if (check.IsFailure) return check;
            var next = s.Supersede(input.Name, input.Amount, input.Frequency, input.Method, input.EffectiveFrom, input.CustomAmounts);
            if (next.IsFailure) return next;
            db.LevySchedules.Add(next.Value);
            return Result.Ok();
        }, ct);

    /// <summary>Stops the schedule charging periods that start from tomorrow on. Nothing is deleted.</summary>
    public Task<Result> DeactivateAsync(UserScope scope, int scheduleId, CancellationToken ct = default) =>
        WithScheduleAsync(scope, scheduleId, (_, s, today) => Task.FromResult(s.Deactivate(today.AddDays(1))), ct);

    private async Task<Result> WithScheduleAsync(UserScope scope, int scheduleId, Func<QuantifyDbContext, LevySchedule, DateOnly, Task<Result>> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.LevySchedules.FirstOrDefaultAsync(x => x.Id == scheduleId, ct);
        if (s is null || !scope.Manages(s.EstateId)) return Result.Fail(s is null ? new Error("not_found", $"Levy schedule #{scheduleId} does not exist.") : Forbidden);
        var r = await change(db, s, await EstateToday.OfEstateAsync(db, clock, s.EstateId, ct));
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Refuses a schedule whose allocation cannot be made today (a unit without PQ or floor area, custom amounts that miss a unit).</summary>
    private static async Task<Result> CheckAllocationAsync(QuantifyDbContext db, int estateId, LevyScheduleInput input, CancellationToken ct)
    {
        var r = LevyAllocator.Allocate(input.Amount, input.Method, await UnitsAsync(db, estateId, ct), input.CustomAmounts);
        return r.IsFailure ? Result.Fail(r.Errors) : Result.Ok();
    }

    private static async Task<List<LevyUnit>> UnitsAsync(QuantifyDbContext db, int estateId, CancellationToken ct) =>
        (await db.Units.AsNoTracking().Where(u => u.EstateId == estateId && u.IsActive)
            .Select(u => new { u.Id, u.UnitNumber, u.ParticipationQuota, u.SizeSqm }).ToListAsync(ct))
        .OrderBy(u => u.UnitNumber, StringComparer.Ordinal).ThenBy(u => u.Id)
        .Select(u => new LevyUnit(u.Id, u.UnitNumber, u.ParticipationQuota, u.SizeSqm)).ToList();

    // ---- Collection setting -----------------------------------------------------------------------------------

    public async Task<LevyCollection> CollectionAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await CollectionInAsync(db, estateId, ct);
    }

    private static async Task<LevyCollection> CollectionInAsync(QuantifyDbContext db, int estateId, CancellationToken ct) =>
        (await db.EstateSettings.AsNoTracking().Include(s => s.FeatureFlags).FirstOrDefaultAsync(s => s.EstateId == estateId, ct))?.LevyCollection ?? LevyCollection.Receivable;

    public async Task<Result> SetCollectionAsync(UserScope scope, int estateId, LevyCollection collection, CancellationToken ct = default)
    {
        if (!scope.Manages(estateId)) return Result.Fail(Forbidden);
        await using var db = await factory.CreateDbContextAsync(ct);
        var settings = await db.EstateSettings.Include(s => s.FeatureFlags).FirstOrDefaultAsync(s => s.EstateId == estateId, ct);
        if (settings is null) return Result.Fail(new Error("not_found", $"Estate #{estateId} does not exist."));
        settings.SetLevyCollection(collection);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    // ---- Charging ---------------------------------------------------------------------------------------------

    /// <summary>On demand (admins and the estate's managing agents): raises the levies of the period containing today for one estate.</summary>
    public async Task<Result<LevyRunResult>> RaiseNowAsync(UserScope scope, int estateId, CancellationToken ct = default)
    {
        if (!scope.Manages(estateId)) return Result<LevyRunResult>.Fail(Forbidden);
        return Result<LevyRunResult>.Ok(await RaiseAsync(estateId, null, ct));
    }

    /// <summary>
    /// Raises, for every active schedule (of one estate, or all), the charges of the period containing
    /// <paramref name="day"/> (default: today in the estate's time zone), one per unit, idempotently. A schedule whose
    /// allocation is refused posts nothing and is reported.
    /// </summary>
    public async Task<LevyRunResult> RaiseAsync(int? estateId = null, DateOnly? day = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var schedules = await db.LevySchedules.AsNoTracking().Where(s => s.IsActive && (estateId == null || s.EstateId == estateId))
            .Join(db.Estates.Where(e => e.IsActive), s => s.EstateId, e => e.Id, (s, e) => s).OrderBy(s => s.EstateId).ThenBy(s => s.Id).ToListAsync(ct);
        int posted = 0, replayed = 0;
        var total = 0m;
        var problems = new List<string>();
        foreach (var estate in schedules.GroupBy(s => s.EstateId))
        {
            var today = day ?? await EstateToday.OfEstateAsync(db, clock, estate.Key, ct);
            var collection = await CollectionInAsync(db, estate.Key, ct);
            var units = await UnitsAsync(db, estate.Key, ct);
            foreach (var schedule in estate)
            {
                var period = LevyPeriod.Containing(schedule.Frequency, today);
                if (!schedule.Charges(period)) continue;
                var shares = LevyAllocator.Allocate(schedule.Amount, schedule.Method, units, schedule.CustomAmounts);
                if (shares.IsFailure)
                {
                    problems.Add($"{schedule.Name} ({period.Key}): {shares.Describe()}");
                    continue;
                }
                foreach (var share in shares.Value.Where(s => s.Amount > 0))
                {
                    var chargedTo = await ChargeAccountAsync(share.UnitId, estate.Key, collection, ct);
                    var r = await ledger.PostAsync(Postings.Levy(schedule.Id, share.UnitId, period.Key, estate.Key, chargedTo, share.Amount, period.Start,
                        $"{schedule.Name} {period.Key}, unit {share.UnitNumber}"), ct);
                    if (r.IsFailure) problems.Add($"{schedule.Name} ({period.Key}) unit {share.UnitNumber}: {r.Describe()}");
                    else if (r.Value.Replayed) replayed++;
                    else { posted++; total += share.Amount; }
                }
            }
        }
        return new LevyRunResult(posted, replayed, total, problems);
    }

    /// <summary>The account a unit's levy is charged to; the unit's wallet (and its Levy pocket) is opened if missing, so escalation can record steps against it.</summary>
    private async Task<AccountCode> ChargeAccountAsync(int unitId, int estateId, LevyCollection collection, CancellationToken ct)
    {
        var walletId = await ledger.EnsureWalletAsync(unitId, ct);
        if (collection == LevyCollection.Receivable) return AccountCode.LevyReceivable(estateId, unitId);
        await using var db = await factory.CreateDbContextAsync(ct);
        await LedgerService.EnsurePocketsInAsync(db, walletId, ct);
        await db.SaveChangesAsync(ct);
        return AccountCode.Wallet(walletId, Pocket.Levy);
    }

    // ---- Receipts ---------------------------------------------------------------------------------------------

    /// <summary>
    /// Records a levy paid by EFT into the estate's trust bank account, settling the unit's levy receivable. The bank
    /// reference keys the posting, so recording the same deposit twice posts once.
    /// </summary>
    public async Task<Result<PostingResult>> RecordReceiptAsync(UserScope scope, int unitId, decimal amount, DateOnly valueDate, string bankReference, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.EstateId, u.UnitNumber }).FirstOrDefaultAsync(ct);
        if (unit is null) return Result<PostingResult>.Fail(new Error("not_found", $"Unit #{unitId} does not exist.", "UnitId"));
        if (!scope.Manages(unit.EstateId)) return Result<PostingResult>.Fail(Forbidden);
        var v = new Validator().Required(bankReference, "BankReference", "Bank reference").MaxLength(bankReference, 100, "BankReference", "Bank reference")
            .Range(amount, 0.01m, 100_000_000m, "Amount", "Amount");
        v.AddIf(decimal.Round(amount, 2) != amount, "whole_cents", "The amount must be in whole cents.", "Amount");
        v.AddIf(valueDate > await EstateToday.OfEstateAsync(db, clock, unit.EstateId, ct), "future", "The payment date cannot be in the future.", "ValueDate");
        if (!v.IsValid) return Result<PostingResult>.Fail(v.Errors);
        if (await CollectionInAsync(db, unit.EstateId, ct) != LevyCollection.Receivable)
            return Result<PostingResult>.Fail(new Error("wallet_levies", "This estate deducts levies from wallets: a levy payment is a top-up to the unit's Levy pocket.", "UnitId"));
        return await ledger.PostAsync(Postings.LevyReceipt($"levy-receipt:{unit.EstateId}:{bankReference.Trim()}", unit.EstateId, unitId, amount, valueDate,
            $"Levy paid by EFT, unit {unit.UnitNumber}, ref {bankReference.Trim()}", AccountCode.TrustBank(unit.EstateId)), ct);
    }

    // ---- Status -----------------------------------------------------------------------------------------------

    /// <summary>Every active unit's levy standing (charged, paid, outstanding, aged), for the estate's agents, trustees and admins.</summary>
    public async Task<Result<LevyStatusReport>> StatusAsync(UserScope scope, int estateId, CancellationToken ct = default)
    {
        if (!ReportAccess.CanRead(scope, estateId)) return Result<LevyStatusReport>.Fail(Forbidden);
        await using var db = await factory.CreateDbContextAsync(ct);
        var estate = await db.Estates.AsNoTracking().Where(e => e.Id == estateId).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (estate is null) return Result<LevyStatusReport>.Fail(new Error("not_found", $"Estate #{estateId} does not exist."));
        var today = await EstateToday.OfEstateAsync(db, clock, estateId, ct);
        var units = await UnitsAsync(db, estateId, ct);
        var lines = await LevyLinesAsync(db, estateId, ct);
        var unitIds = units.Select(u => u.UnitId).ToList();
        var tenants = (await db.Tenancies.AsNoTracking()
                .Where(t => unitIds.Contains(t.UnitId) && t.Role == TenancyRole.Tenant && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today))
                .OrderBy(t => t.StartDate).Select(t => new { t.UnitId, t.Person.FirstName, t.Person.LastName }).ToListAsync(ct))
            .GroupBy(t => t.UnitId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(t => $"{t.FirstName} {t.LastName}")));
        var rows = units.Select(u =>
        {
            var s = LevyStanding.From(lines[u.UnitId].Select(l => (l.ValueDate, l.Amount)), today);
            return new LevyStatusRow(u.UnitId, u.UnitNumber, tenants.GetValueOrDefault(u.UnitId), s.Charged, s.Paid, s.Outstanding, s.Credit, s.Ageing, s.OldestUnpaid, s.DaysInArrears(today));
        }).ToList();
        return Result<LevyStatusReport>.Ok(new LevyStatusReport(estate.Id, estate.Name, await CollectionInAsync(db, estateId, ct), today, rows));
    }

    internal sealed record LevyLine(int UnitId, long TransactionId, DateOnly ValueDate, decimal Amount);

    /// <summary>Every line on the estate's levy receivables and wallet Levy pockets, per unit, in posting order.</summary>
    internal static async Task<ILookup<int, LevyLine>> LevyLinesAsync(QuantifyDbContext db, int estateId, CancellationToken ct)
    {
        var receivables = (await db.LedgerAccounts.AsNoTracking().Where(a => a.EstateId == estateId && a.Kind == AccountKind.LevyReceivable)
            .Select(a => new { a.Id, a.Code }).ToListAsync(ct)).ToDictionary(a => a.Id, a => AccountCode.Parse(a.Code).UnitId!.Value);
        var pockets = await (from a in db.LedgerAccounts.AsNoTracking()
                             join w in db.Wallets on a.WalletId equals w.Id
                             join u in db.Units on w.UnitId equals u.Id
                             where u.EstateId == estateId && a.Pocket == Pocket.Levy
                             select new { a.Id, w.UnitId }).ToDictionaryAsync(a => a.Id, a => a.UnitId, ct);
        var accountIds = receivables.Keys.Concat(pockets.Keys).ToList();
        var lines = await (from l in db.LedgerLines.AsNoTracking()
                           join t in db.LedgerTransactions on l.TransactionId equals t.Id
                           where accountIds.Contains(l.AccountId)
                           select new { l.AccountId, t.Id, t.ValueDate, l.Amount }).ToListAsync(ct);
        return lines.Select(l => new LevyLine(receivables.TryGetValue(l.AccountId, out var u) ? u : pockets[l.AccountId], l.Id, l.ValueDate, l.Amount))
            .OrderBy(l => l.ValueDate).ThenBy(l => l.TransactionId).ToLookup(l => l.UnitId);
    }
}

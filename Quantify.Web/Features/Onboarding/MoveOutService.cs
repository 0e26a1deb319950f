using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Family;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.MasterData;

namespace Quantify.Web.Features.Onboarding;

/// <summary>
/// Moving a tenant out of a unit in one step: bills the closing readings through the ordinary reading pipeline (typed
/// values, no decoder), then in one transaction ends the tenancy, revokes the household's wallet access grants, settles the wallet to zero (credit → refunds payable
/// and a payout; debt → arrears on the person) and deactivates the login. Idempotent on its key. See docs/onboarding.md.
/// </summary>
public sealed class MoveOutService(
    IDbContextFactory<QuantifyDbContext> factory,
    WalletLocks locks,
    WalletSettlement settlement,
    ReadingPipeline pipeline,
    TariffDirectory tariffs,
    TenantMoveLog moves,
    TenantLifecycleNotifier notifier,
    AccessSignal access,
    TimeProvider clock)
{
    private async Task<DateOnly> TodayAsync(int unitId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await EstateToday.OfUnitAsync(db, clock, unitId, ct);
    }

    public async Task<Result<OffboardPreview>> PreviewOffboardAsync(int unitId, IReadOnlyList<MeterReadingInput> closing, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return Result<OffboardPreview>.Fail(new Error("unknown_unit", $"Unit #{unitId} does not exist.", "UnitId"));
        var today = await EstateToday.OfUnitAsync(db, clock, unitId, ct);
        var tenancy = await UnitOccupancyQueries.CurrentTenancyAsync(db, unitId, today, ct);
        if (tenancy is null) return Result<OffboardPreview>.Fail(NoTenant(unit, today));
        var walletId = await db.Wallets.Where(w => w.UnitId == unitId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        var balance = walletId is int w ? (await db.LedgerAccounts.Where(a => a.WalletId == w).Select(a => a.Balance).ToListAsync(ct)).Sum() : 0m;
        var notes = new List<string>();
        var estimate = 0m;
        var meters = await db.Meters.AsNoTracking().Include(m => m.State).Where(m => m.UnitId == unitId && m.IsActive).ToListAsync(ct);
        var last = await MeterReadingChecks.LastReadingsAsync(db, meters.Select(m => m.Id).ToList(), ct);
        var estate = await tariffs.ForEstateAsync(db, unit.EstateId, ct);
        var now = clock.GetUtcNow();
        foreach (var input in closing.Where(c => c.Register is not null))
        {
            var meter = meters.FirstOrDefault(m => m.Id == input.MeterId);
            if (meter is null || !last.TryGetValue(meter.Id, out var l) || input.Register!.Value <= l.Register) continue;
            var pocket = CreditControl.CreditControlService.PocketOf(meter.Type);
            if (pocket is null) continue;
            if (!estate.ByUtility.TryGetValue(meter.Type.Utility(), out var set)) { notes.Add($"{meter.SerialNumber}: no tariff for {meter.Type}, not billed."); continue; }
            var state = meter.State;
            var context = new Domain.Tariffs.PricingContext
            {
                TimeZone = estate.TimeZone, UnitId = unitId, FreeBasicEligible = unit.FreeBasicRegistered,
                MonthToDate = state.BillingMonth is DateOnly month
                    ? new Domain.Tariffs.MonthToDate { Month = month, Quantity = state.BillingMonthQuantity, FreeBasicUsed = state.BillingMonthFreeBasicUsed, CostUnrounded = state.BillingMonthCostUnrounded }
                    : Domain.Tariffs.MonthToDate.None,
            };
            var priced = Domain.Tariffs.TariffPricer.Price(set, context, l.ReadAt, input.ReadAt ?? now, input.Register.Value - l.Register);
            if (priced.IsSuccess) estimate += priced.Value.Total;
            else notes.Add($"{meter.SerialNumber}: {priced.Errors[0].Message}");
        }
        var person = await db.Persons.AsNoTracking().FirstAsync(x => x.Id == tenancy.PersonId, ct);
        return Result<OffboardPreview>.Ok(new OffboardPreview(tenancy.Id, person.Id, person.FullName, balance, estimate, notes));
    }

    public async Task<Result<OffboardTenantResult>> OffboardTenantAsync(int unitId, OffboardTenantRequest request, CancellationToken ct = default)
    {
        var today = await TodayAsync(unitId, ct);
        var v = new Validator().MaxLength(request.RefundBankReference, 200, nameof(request.RefundBankReference), "Bank details reference");
        if (request.MoveOutDate is null) v.Add(new Error("required", "Move-out date is required.", nameof(request.MoveOutDate)));
        else if (request.MoveOutDate > today) v.Add(new Error("future_move_out", $"Move-out date {request.MoveOutDate:yyyy-MM-dd} is in the future: offboard on or after the day the tenant leaves.", nameof(request.MoveOutDate)));
        MeterReadingChecks.CheckReadings(v, request.ClosingReadings, nameof(request.ClosingReadings));
        if (!v.IsValid) return Result<OffboardTenantResult>.Fail(v.Errors);
        var moveOut = request.MoveOutDate!.Value;
        var key = TenantMoveLog.Key(request.IdempotencyKey, $"offboard:{unitId}:{moveOut:yyyy-MM-dd}");
        if (await moves.ReplayAsync<OffboardTenantResult>(key, TenantMoveKind.Offboard, unitId, ct) is { } replay) return replay;

        // 1. Check everything before anything is stored.
        Unit unit;
        Tenancy tenancy;
        List<Meter> meters;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var u = await db.Units.AsNoTracking().FirstOrDefaultAsync(x => x.Id == unitId, ct);
            if (u is null) return Result<OffboardTenantResult>.Fail(new Error("unknown_unit", $"Unit #{unitId} does not exist.", "UnitId"));
            unit = u;
            var t = await UnitOccupancyQueries.CurrentTenancyAsync(db, unitId, moveOut, ct);
            if (t is null) return Result<OffboardTenantResult>.Fail(NoTenant(unit, moveOut));
            if (moveOut < t.StartDate)
                return Result<OffboardTenantResult>.Fail(new Error("before_move_in", $"Move-out {moveOut:yyyy-MM-dd} is before the tenant moved in ({t.StartDate:yyyy-MM-dd}).", nameof(request.MoveOutDate)));
            tenancy = t;
            meters = await db.Meters.AsNoTracking().Where(m => m.UnitId == unitId && m.IsActive).ToListAsync(ct);
            var check = await MeterReadingChecks.CheckAgainstMetersAsync(db, unit, meters, request.ClosingReadings, nameof(request.ClosingReadings), clock.GetUtcNow(), ct);
            if (check.IsFailure) return Result<OffboardTenantResult>.Fail(check.Errors);
        }

        // 2. Closing readings through the ordinary pipeline: the consumption since the last reading is billed to the wallet
        //    like any meter reading (tariff, VAT, idempotent on the reading). A retry finds them already stored (same time).
        var now = clock.GetUtcNow();
        var closing = request.ClosingReadings.Select(r => (Input: r, Meter: meters.Single(m => m.Id == r.MeterId), At: r.ReadAt ?? now)).ToList();
        if (closing.Count > 0)
        {
            var typed = closing.Select(c => new DecodedReading(DeviceKeyKind.Serial, c.Meter.SerialNumber, c.At, c.Input.Register!.Value, DedupeId: null)).ToList();
            var outcome = await pipeline.ProcessReadingsAsync(MessageSource.Manual, typed, now, key, ct);
            if (!outcome.Accepted) return Result<OffboardTenantResult>.Fail(new Error("closing_readings_rejected", "The closing readings were not accepted: " + outcome.Description, nameof(request.ClosingReadings)));
        }

        // 3. One transaction: end the tenancy, settle the wallet, deactivate the login.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var walletId = await LedgerService.EnsureWalletInAsync(db, unitId, ct);
            await db.SaveChangesAsync(ct);
            using var held = await locks.AcquireAsync([walletId], ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                var readings = new List<ClosingReadingResult>();
                foreach (var c in closing)
                {
                    var stored = await db.MeterReadings.AsNoTracking().Where(r => r.MeterId == c.Meter.Id && r.ReadAt == c.At).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
                    readings.Add(new ClosingReadingResult(c.Meter.Id, c.Meter.SerialNumber, c.Input.Register!.Value, stored?.Consumption, stored?.Amount ?? 0m, stored?.Status.ToString() ?? "Missing"));
                }
                var t = await db.Tenancies.FirstAsync(x => x.Id == tenancy.Id, ct);
                var ended = t.End(moveOut);
                if (ended.IsFailure) return Result<OffboardTenantResult>.Fail(ended.Errors.Select(e => e with { Field = nameof(request.MoveOutDate) }));
                // Family members living on the lease holder's wallet leave with them.
                foreach (var family in await db.Tenancies.Where(x => x.UnitId == unitId && x.Role == TenancyRole.FamilyMember && x.StartDate <= moveOut && (x.EndDate == null || x.EndDate > moveOut)).ToListAsync(ct))
                    family.End(moveOut);
                var lostAccess = await LeavingHousehold.RevokeAccessInAsync(db, unitId, moveOut, clock.GetUtcNow(), UserContext.Actor?.UserId, ct);
                var trackedUnit = await db.Units.FirstAsync(x => x.Id == unitId, ct);
                trackedUnit.SetOccupancy(Occupancy.Vacant);

                var settled = await settlement.SettleInAsync(db, trackedUnit, walletId, t.PersonId, t.Id, $"settle:{key}", moveOut, request.RefundBankReference,
                    $"Move-out settlement (tenancy #{t.Id})", ct);
                if (settled.IsFailure) return Result<OffboardTenantResult>.Fail(settled.Errors);

                // The login: deactivated unless the person still lives in or owns another unit.
                var deactivated = false;
                var stillHere = await db.Tenancies.AnyAsync(x => x.PersonId == t.PersonId && x.Id != t.Id && x.StartDate <= today && (x.EndDate == null || x.EndDate >= today), ct)
                                || await db.Ownerships.AnyAsync(o => o.PersonId == t.PersonId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today), ct);
                if (!stillHere)
                {
                    foreach (var user in await db.Users.Where(x => x.PersonId == t.PersonId && x.IsActive).ToListAsync(ct))
                    {
                        user.IsActive = false;
                        user.DeactivatedAt = clock.GetUtcNow();
                        user.SecurityStamp = Guid.NewGuid().ToString(); // signed-in sessions end at their next validation
                        deactivated = true;
                    }
                    foreach (var invite in await db.Invitations.Where(i => i.PersonId == t.PersonId && i.Status == InvitationStatus.Pending).ToListAsync(ct)) invite.Revoke();
                }
                await db.SaveChangesAsync(ct);

                var result = new OffboardTenantResult(unitId, unit.EstateId, t.PersonId, t.Id, moveOut, readings, readings.Sum(r => r.Charged), settled.Value.Balance,
                    settled.Value.PayoutId, settled.Value.Refund, settled.Value.ArrearsId, settled.Value.Debt, deactivated);
                db.TenantMoves.Add(new TenantMove(key, TenantMoveKind.Offboard, unitId, t.PersonId, t.Id, JsonSerializer.Serialize(result, OnboardingService.Json), clock.GetUtcNow(), UserContext.Actor?.UserId));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                if (lostAccess.Count > 0) // their open screens drop the wallet at once
                    access.Changed(await db.Users.AsNoTracking().Where(u => u.PersonId != null && lostAccess.Contains(u.PersonId.Value)).Select(u => u.Id).ToListAsync(ct));
                await notifier.NotifyAsync(l => l.OffboardedAsync(new TenantLifecycleEvent(unit.EstateId, unitId, t.PersonId, t.Id, moveOut), ct));
                return Result<OffboardTenantResult>.Ok(result);
            }
            catch (DbUpdateException ex) when (attempt < 3 && (ex is DbUpdateConcurrencyException || MasterDataErrors.IsUniqueViolation(ex)))
            {
                await tx.RollbackAsync(ct);
                if (await moves.ReplayAsync<OffboardTenantResult>(key, TenantMoveKind.Offboard, unitId, ct) is { } raced) return raced;
            }
        }
    }

    private static Error NoTenant(Unit unit, DateOnly on) =>
        new("no_current_tenant", $"Unit {unit.UnitNumber} has no tenant on {on:yyyy-MM-dd}: there is nobody to offboard.", "MoveOutDate");
}

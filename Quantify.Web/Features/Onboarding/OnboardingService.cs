using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Identity;

namespace Quantify.Web.Features.Onboarding;

/// <summary>Configuration section "Onboarding".</summary>
public sealed class OnboardingOptions
{
    /// <summary>The portal's public address for invitation links when the caller gives none (e.g. https://portal.example.co.za).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5042";
}

/// <summary>
/// Moving a tenant in and out of a unit in one step each. A move-in creates or finds the person, the tenancy, the wallet
/// (reset or carried over), the opening readings (stored, not billed) and a login invitation, in one transaction. A
/// move-out bills the closing readings through the ordinary reading pipeline, then in one transaction ends the tenancy,
/// settles the wallet to zero (credit → refunds payable and a payout; debt → arrears on the person) and deactivates the
/// login. Both are idempotent on their key; money moves only through <see cref="LedgerService"/>. See docs/onboarding.md.
/// </summary>
public sealed class OnboardingService(
    IDbContextFactory<QuantifyDbContext> factory,
    LedgerService ledger,
    WalletLocks locks,
    InvitationService invitations,
    ReadingPipeline pipeline,
    TariffDirectory tariffs,
    OnboardingOptions options,
    IEnumerable<ITenantLifecycleListener> listeners,
    TimeProvider clock,
    ILogger<OnboardingService> log)
{
    public const string ManualTopic = "quantify/gateways/manual-capture/readings";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Today in the unit's estate's time zone (SAST unless the estate says otherwise), not UTC's date.</summary>
    private Task<DateOnly> TodayAsync(QuantifyDbContext db, int unitId, CancellationToken ct) => EstateToday.OfUnitAsync(db, clock, unitId, ct);

    private async Task<DateOnly> TodayAsync(int unitId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await TodayAsync(db, unitId, ct);
    }

    /// <summary>The unit's estate, or null if the unit does not exist (callers check the estate against the user's scope).</summary>
    public async Task<int?> EstateOfUnitAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => (int?)u.EstateId).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<UnitMeterRow>> MetersAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.UnitId == unitId && m.IsActive).OrderBy(m => m.Type).ThenBy(m => m.SerialNumber).ToListAsync(ct);
        var last = await LastReadingsAsync(db, meters.Select(m => m.Id).ToList(), ct);
        return meters.Select(m => new UnitMeterRow(m.Id, m.SerialNumber, m.Type.ToString(), m.Type.UnitOfMeasure(),
            last.TryGetValue(m.Id, out var l) ? l.Register : null, last.TryGetValue(m.Id, out var l2) ? l2.ReadAt : null)).ToList();
    }

    /// <summary>The current tenant (lease holder) of the unit, if any: tenancy id and name.</summary>
    public async Task<(int TenancyId, int PersonId, string Name, DateOnly Since)?> CurrentTenantAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = await TodayAsync(db, unitId, ct);
        var t = await db.Tenancies.AsNoTracking().Include(x => x.Person)
            .Where(x => x.UnitId == unitId && x.Role == TenancyRole.Tenant && x.StartDate <= today && (x.EndDate == null || x.EndDate >= today))
            .OrderByDescending(x => x.StartDate).FirstOrDefaultAsync(ct);
        return t is null ? null : (t.Id, t.PersonId, t.Person.FullName, t.StartDate);
    }

    /// <summary>The person with this ID or passport number, if one exists (the wizard's look-up).</summary>
    public async Task<Person?> FindPersonAsync(IdentityDocumentType type, string? number, CancellationToken ct = default)
    {
        var id = IdentityDocument.Validate(type, number);
        if (id.IsFailure) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == id.Value, ct);
    }

    public async Task<decimal> WalletBalanceAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var walletId = await db.Wallets.Where(w => w.UnitId == unitId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        return walletId is int w ? (await db.LedgerAccounts.Where(a => a.WalletId == w).Select(a => a.Balance).ToListAsync(ct)).Sum() : 0m;
    }

    public async Task<Result<OnboardTenantResult>> OnboardTenantAsync(int unitId, OnboardTenantRequest request, string? linkBase = null, CancellationToken ct = default)
    {
        var v = new Validator();
        var p = request.Person ?? new OnboardPersonInput();
        if (request.MoveInDate is null) v.Add(new Error("required", "Move-in date is required.", nameof(request.MoveInDate)));
        string? idNumber = null;
        if (!string.IsNullOrWhiteSpace(p.IdNumber))
        {
            var id = IdentityDocument.Validate(p.IdType, p.IdNumber, "Person.IdNumber");
            if (id.IsFailure) foreach (var e in id.Errors) v.Add(e);
            else idNumber = id.Value;
        }
        CheckReadings(v, request.OpeningReadings, nameof(request.OpeningReadings));
        if (!v.IsValid) return Result<OnboardTenantResult>.Fail(v.Errors);
        var moveIn = request.MoveInDate!.Value;
        var key = Key(request.IdempotencyKey, $"onboard:{unitId}:{idNumber ?? $"{p.FirstName}|{p.LastName}|{p.Email}".Trim().ToLowerInvariant()}:{moveIn:yyyy-MM-dd}");
        if (await ReplayAsync<OnboardTenantResult>(key, TenantMoveKind.Onboard, unitId, ct) is { } replay) return replay;

        var now = clock.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
            if (unit is null) return Result<OnboardTenantResult>.Fail(new Error("unknown_unit", $"Unit #{unitId} does not exist.", "UnitId"));
            if (!unit.IsActive) return Result<OnboardTenantResult>.Fail(new Error("archived_unit", $"Unit {unit.UnitNumber} is archived: restore it before moving someone in.", "UnitId"));
            var walletId = await LedgerService.EnsureWalletInAsync(db, unitId, ct);
            await db.SaveChangesAsync(ct);
            var today = await TodayAsync(db, unitId, ct);
            using var held = await locks.AcquireAsync([walletId], ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            try
            {
                // The person: found by ID number, else created with the same validation as the people screen.
                var person = idNumber is null ? null : await db.Persons.FirstOrDefaultAsync(x => x.IdNumber == idNumber, ct);
                var created = person is null;
                if (person is null)
                {
                    var made = Person.Create(p.FirstName ?? "", p.LastName ?? "", p.IdType, idNumber, p.Email, p.Phone);
                    if (made.IsFailure) return Result<OnboardTenantResult>.Fail(made.Errors.Select(e => e with { Field = "Person." + e.Field }));
                    person = made.Value;
                    db.Persons.Add(person);
                    await db.SaveChangesAsync(ct);
                }
                else if (!person.IsActive)
                    return Result<OnboardTenantResult>.Fail(new Error("inactive_person", $"{person.FullName} (ID {idNumber}) is deactivated: reactivate them on the people screen first.", "Person.IdNumber"));
                var inviteTo = string.IsNullOrWhiteSpace(p.Email) ? person.Email : p.Email.Trim().ToLowerInvariant();
                if (request.SendInvitation && string.IsNullOrWhiteSpace(inviteTo))
                    return Result<OnboardTenantResult>.Fail(new Error("required", $"An email address is needed to send {person.FullName} a login invitation (or switch the invitation off).", "Person.Email"));

                // The tenancy: the occupancy rules (dates; no overlap with the unit's tenant or the person's own tenancy).
                var tenancy = Tenancy.Create(unitId, person.Id, moveIn);
                if (tenancy.IsFailure) return Result<OnboardTenantResult>.Fail(tenancy.Errors.Select(e => e with { Field = nameof(request.MoveInDate) }));
                var clash = await db.Tenancies.AsNoTracking().Include(t => t.Person)
                    .Where(t => t.UnitId == unitId && (t.Role == TenancyRole.Tenant || t.PersonId == person.Id) && (t.EndDate == null || t.EndDate >= moveIn))
                    .OrderBy(t => t.StartDate).FirstOrDefaultAsync(ct);
                if (clash is not null)
                    return Result<OnboardTenantResult>.Fail(new Error("overlapping_tenancy",
                        $"Unit {unit.UnitNumber} already has {(clash.PersonId == person.Id ? "this person" : clash.Person.FullName)} as {(clash.Role == TenancyRole.Tenant ? "tenant" : "family member")} " +
                        $"from {clash.StartDate:yyyy-MM-dd}{(clash.EndDate is { } end ? $" to {end:yyyy-MM-dd}" : " with no move-out date")}: " +
                        $"offboard them with a move-out date before {moveIn:yyyy-MM-dd} first.", nameof(request.MoveInDate)));
                db.Tenancies.Add(tenancy.Value);

                // Opening readings: stored unbilled, so the new tenant pays only from here.
                var opening = await OpeningReadingsAsync(db, unit, request.OpeningReadings, key, now, ct);
                if (opening.IsFailure) return Result<OnboardTenantResult>.Fail(opening.Errors);

                // The wallet: reset settles what is left against the previous tenant; carry over keeps it.
                decimal? refund = null, debt = null;
                if (request.Wallet == WalletChoice.Reset)
                {
                    var previous = await db.Tenancies.AsNoTracking()
                        .Where(t => t.UnitId == unitId && t.Role == TenancyRole.Tenant && t.EndDate != null && t.EndDate < moveIn)
                        .OrderByDescending(t => t.EndDate).FirstOrDefaultAsync(ct);
                    var settled = await SettleInAsync(db, unit, walletId, previous?.PersonId, previous?.Id, $"settle:{key}", today, null,
                        "Wallet reset at move-in: previous tenant's balance settled", ct);
                    if (settled.IsFailure) return Result<OnboardTenantResult>.Fail(settled.Errors);
                    (refund, debt) = (settled.Value.Refund, settled.Value.Debt);
                }

                Invitation? invitation = null;
                string? token = null;
                if (request.SendInvitation) (invitation, token) = await invitations.CreateInAsync(db, person.Id, unitId, inviteTo!, Roles.Tenant, ct);
                if (moveIn <= today) unit.SetOccupancy(Occupancy.Occupied);
                await db.SaveChangesAsync(ct);

                var balance = (await db.LedgerAccounts.Where(a => a.WalletId == walletId).Select(a => a.Balance).ToListAsync(ct)).Sum();
                var result = new OnboardTenantResult(unitId, unit.EstateId, person.Id, created, tenancy.Value.Id, moveIn, walletId, request.Wallet, balance, refund, debt,
                    invitation?.Id, false, opening.Value);
                db.TenantMoves.Add(new TenantMove(key, TenantMoveKind.Onboard, unitId, person.Id, tenancy.Value.Id, JsonSerializer.Serialize(result, Json), now, UserContext.Actor?.UserId));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);

                await pipeline.ForgetAsync(opening.Value.Select(o => o.MeterId), ct);
                if (invitation is not null && token is not null)
                {
                    var estate = await EstateNameAsync(unit.EstateId, ct);
                    var sent = await invitations.SendAsync(inviteTo!, person.Phone, person.FirstName, $"unit {unit.UnitNumber}, {estate}",
                        InvitationService.Link(linkBase ?? options.PublicBaseUrl, token), ct);
                    result = result with { InvitationSent = sent };
                }
                await NotifyAsync(l => l.OnboardedAsync(new TenantLifecycleEvent(unit.EstateId, unitId, person.Id, tenancy.Value.Id, moveIn), ct));
                return Result<OnboardTenantResult>.Ok(result);
            }
            catch (DbUpdateException ex) when (attempt < 3 && (ex is DbUpdateConcurrencyException || MasterDataErrors.IsUniqueViolation(ex)))
            {
                // A concurrent posting to the wallet, or the same request racing us: look again.
                await tx.RollbackAsync(ct);
                if (await ReplayAsync<OnboardTenantResult>(key, TenantMoveKind.Onboard, unitId, ct) is { } raced) return raced;
            }
        }
    }

    public async Task<Result<OffboardPreview>> PreviewOffboardAsync(int unitId, IReadOnlyList<MeterReadingInput> closing, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return Result<OffboardPreview>.Fail(new Error("unknown_unit", $"Unit #{unitId} does not exist.", "UnitId"));
        var today = await TodayAsync(db, unitId, ct);
        var tenancy = await CurrentTenancyAsync(db, unitId, today, ct);
        if (tenancy is null) return Result<OffboardPreview>.Fail(NoTenant(unit, today));
        var walletId = await db.Wallets.Where(w => w.UnitId == unitId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        var balance = walletId is int w ? (await db.LedgerAccounts.Where(a => a.WalletId == w).Select(a => a.Balance).ToListAsync(ct)).Sum() : 0m;
        var notes = new List<string>();
        var estimate = 0m;
        var meters = await db.Meters.AsNoTracking().Include(m => m.State).Where(m => m.UnitId == unitId && m.IsActive).ToListAsync(ct);
        var last = await LastReadingsAsync(db, meters.Select(m => m.Id).ToList(), ct);
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
        CheckReadings(v, request.ClosingReadings, nameof(request.ClosingReadings));
        if (!v.IsValid) return Result<OffboardTenantResult>.Fail(v.Errors);
        var moveOut = request.MoveOutDate!.Value;
        var key = Key(request.IdempotencyKey, $"offboard:{unitId}:{moveOut:yyyy-MM-dd}");
        if (await ReplayAsync<OffboardTenantResult>(key, TenantMoveKind.Offboard, unitId, ct) is { } replay) return replay;

        // 1. Check everything before anything is stored.
        Unit unit;
        Tenancy tenancy;
        List<Meter> meters;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var u = await db.Units.AsNoTracking().FirstOrDefaultAsync(x => x.Id == unitId, ct);
            if (u is null) return Result<OffboardTenantResult>.Fail(new Error("unknown_unit", $"Unit #{unitId} does not exist.", "UnitId"));
            unit = u;
            var t = await CurrentTenancyAsync(db, unitId, moveOut, ct);
            if (t is null) return Result<OffboardTenantResult>.Fail(NoTenant(unit, moveOut));
            if (moveOut < t.StartDate)
                return Result<OffboardTenantResult>.Fail(new Error("before_move_in", $"Move-out {moveOut:yyyy-MM-dd} is before the tenant moved in ({t.StartDate:yyyy-MM-dd}).", nameof(request.MoveOutDate)));
            tenancy = t;
            meters = await db.Meters.AsNoTracking().Where(m => m.UnitId == unitId && m.IsActive).ToListAsync(ct);
            var check = await CheckAgainstMetersAsync(db, unit, meters, request.ClosingReadings, nameof(request.ClosingReadings), clock.GetUtcNow(), ct);
            if (check.IsFailure) return Result<OffboardTenantResult>.Fail(check.Errors);
        }

        // 2. Closing readings through the ordinary pipeline: the consumption since the last reading is billed to the wallet
        //    like any meter reading (tariff, VAT, idempotent on the reading). A retry finds them already stored (same time).
        var now = clock.GetUtcNow();
        var closing = request.ClosingReadings.Select(r => (Input: r, Meter: meters.Single(m => m.Id == r.MeterId), At: r.ReadAt ?? now)).ToList();
        var batch = JsonSerializer.SerializeToUtf8Bytes(new
        {
            messageId = key,
            readings = closing.Select(c => new { serial = c.Meter.SerialNumber, register = c.Input.Register!.Value, timestamp = c.At.ToString("O", CultureInfo.InvariantCulture) }),
        });
        if (closing.Count > 0)
        {
            var outcome = await pipeline.ProcessOneAsync(new IncomingMessage(MessageSource.Manual, ManualTopic, batch, now, key), ct);
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
                var trackedUnit = await db.Units.FirstAsync(x => x.Id == unitId, ct);
                trackedUnit.SetOccupancy(Occupancy.Vacant);

                var settled = await SettleInAsync(db, trackedUnit, walletId, t.PersonId, t.Id, $"settle:{key}", moveOut, request.RefundBankReference,
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
                db.TenantMoves.Add(new TenantMove(key, TenantMoveKind.Offboard, unitId, t.PersonId, t.Id, JsonSerializer.Serialize(result, Json), clock.GetUtcNow(), UserContext.Actor?.UserId));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                await NotifyAsync(l => l.OffboardedAsync(new TenantLifecycleEvent(unit.EstateId, unitId, t.PersonId, t.Id, moveOut), ct));
                return Result<OffboardTenantResult>.Ok(result);
            }
            catch (DbUpdateException ex) when (attempt < 3 && (ex is DbUpdateConcurrencyException || MasterDataErrors.IsUniqueViolation(ex)))
            {
                await tx.RollbackAsync(ct);
                if (await ReplayAsync<OffboardTenantResult>(key, TenantMoveKind.Offboard, unitId, ct) is { } raced) return raced;
            }
        }
    }

    private sealed record Settled(decimal Balance, int? PayoutId, decimal? Refund, int? ArrearsId, decimal? Debt)
    {
        public static readonly Settled Nothing = new(0m, null, null, null, null);
    }

    /// <summary>
    /// Brings every pocket of the wallet to zero in one posting: the net credit to refunds payable (and a payout for the
    /// person), or the net debt to the estate's arrears account (and an arrears handover on the person).
    /// </summary>
    private async Task<Result<Settled>> SettleInAsync(QuantifyDbContext db, Unit unit, int walletId, int? personId, int? tenancyId, string key, DateOnly valueDate,
        string? bankReference, string description, CancellationToken ct)
    {
        // Decimals are compared in memory: SQLite stores them as text.
        var pockets = (await db.LedgerAccounts.Where(a => a.WalletId == walletId).ToListAsync(ct)).Where(a => a.Balance != 0).ToList();
        if (pockets.Count == 0) return Result<Settled>.Ok(Settled.Nothing);
        var net = pockets.Sum(a => a.Balance);
        if (personId is not int person)
            return Result<Settled>.Fail(new Error("wallet_not_empty",
                $"The wallet of unit {unit.UnitNumber} holds {Money.Format(net)} and no previous tenant to settle it with: choose to carry the balance over.", "Wallet"));
        var posted = await ledger.PostInAsync(db, Postings.MoveOut(key, unit.EstateId, valueDate, description, pockets.Select(a => (a.Account, a.Balance)).ToList()), ct);
        if (posted.IsFailure) return Result<Settled>.Fail(posted.Errors);
        var transactionId = posted.Value.TransactionId;
        if (net > 0)
        {
            var payout = Payout.Create(unit.EstateId, unit.Id, person, tenancyId, net, bankReference, transactionId);
            if (payout.IsFailure) return Result<Settled>.Fail(payout.Errors);
            db.Payouts.Add(payout.Value);
            await db.SaveChangesAsync(ct);
            return Result<Settled>.Ok(new Settled(net, payout.Value.Id, net, null, null));
        }
        if (net < 0)
        {
            var handover = ArrearsHandover.Create(unit.EstateId, unit.Id, person, tenancyId, -net, valueDate, transactionId);
            if (handover.IsFailure) return Result<Settled>.Fail(handover.Errors);
            db.ArrearsHandovers.Add(handover.Value);
            await db.SaveChangesAsync(ct);
            return Result<Settled>.Ok(new Settled(net, null, null, handover.Value.Id, -net));
        }
        return Result<Settled>.Ok(Settled.Nothing);
    }

    private async Task<Result<IReadOnlyList<OpeningReadingResult>>> OpeningReadingsAsync(QuantifyDbContext db, Unit unit, List<MeterReadingInput> inputs, string key,
        DateTimeOffset now, CancellationToken ct)
    {
        var meters = await db.Meters.AsNoTracking().Where(m => m.UnitId == unit.Id && m.IsActive).ToListAsync(ct);
        var check = await CheckAgainstMetersAsync(db, unit, meters, inputs, nameof(OnboardTenantRequest.OpeningReadings), now, ct);
        if (check.IsFailure) return Result<IReadOnlyList<OpeningReadingResult>>.Fail(check.Errors);
        var last = check.Value;
        var ids = meters.Select(m => m.Id).ToList();
        var states = await db.MeterStates.Where(s => ids.Contains(s.MeterId)).ToDictionaryAsync(s => s.MeterId, ct);
        var stored = new List<(MeterReading Reading, Meter Meter, decimal? Since)>();
        foreach (var input in inputs)
        {
            var meter = meters.Single(m => m.Id == input.MeterId);
            var at = input.ReadAt ?? now;
            decimal? since = last.TryGetValue(meter.Id, out var l) ? input.Register!.Value - l.Register : null;
            var dedupe = $"opening:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..24]}";
            var reading = new MeterReading(meter.Id, at, input.Register!.Value, dedupe, nameof(MessageSource.Manual), now);
            // Consumed while vacant (or by the previous occupant after their last reading): recorded, never billed to the new tenant.
            reading.SetConsumption(since, since is null ? ReadingStatus.Baseline : ReadingStatus.NotBilled);
            db.MeterReadings.Add(reading);
            if (states.TryGetValue(meter.Id, out var state)) state.RecordReading(input.Register.Value, at);
            stored.Add((reading, meter, since));
        }
        await db.SaveChangesAsync(ct);
        return Result<IReadOnlyList<OpeningReadingResult>>.Ok(stored.Select(s => new OpeningReadingResult(s.Meter.Id, s.Meter.SerialNumber, s.Reading.Register, s.Since, s.Reading.Id)).ToList());
    }

    /// <summary>Every active meter of the unit needs exactly one reading, not below and not before its last one, and not in the future.</summary>
    private static async Task<Result<Dictionary<int, (decimal Register, DateTimeOffset ReadAt)>>> CheckAgainstMetersAsync(QuantifyDbContext db, Unit unit, List<Meter> meters,
        List<MeterReadingInput> inputs, string field, DateTimeOffset now, CancellationToken ct)
    {
        var v = new Validator();
        var last = await LastReadingsAsync(db, meters.Select(m => m.Id).ToList(), ct);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var f = $"{field}[{i}]";
            var meter = meters.FirstOrDefault(m => m.Id == input.MeterId);
            if (meter is null) { v.Add(new Error("not_this_unit", $"Meter #{input.MeterId} is not an active meter of unit {unit.UnitNumber}.", f + ".MeterId")); continue; }
            if (inputs.Count(x => x.MeterId == input.MeterId) > 1) { v.Add(new Error("duplicate_meter", $"Meter {meter.SerialNumber} is read twice: give one reading per meter.", f + ".MeterId")); continue; }
            var at = input.ReadAt ?? now;
            if (at > now.AddMinutes(5)) v.Add(new Error("future_reading", $"Meter {meter.SerialNumber}: the reading time {at:yyyy-MM-dd HH:mm} is in the future.", f + ".ReadAt"));
            if (last.TryGetValue(meter.Id, out var l))
            {
                if (input.Register < l.Register)
                    v.Add(new Error("below_last_reading", $"Meter {meter.SerialNumber}: {input.Register} {meter.Type.UnitOfMeasure()} is below its last reading of {l.Register} ({l.ReadAt:yyyy-MM-dd HH:mm}). Check the digits; a replaced meter is registered as a new meter.", f + ".Register"));
                else if (at <= l.ReadAt)
                    v.Add(new Error("before_last_reading", $"Meter {meter.SerialNumber}: the reading time {at:yyyy-MM-dd HH:mm} is not after its last reading ({l.ReadAt:yyyy-MM-dd HH:mm}).", f + ".ReadAt"));
            }
        }
        foreach (var missing in meters.Where(m => inputs.All(x => x.MeterId != m.Id)))
            v.Add(new Error("reading_missing", $"Meter {missing.SerialNumber} ({missing.Type}) needs a reading.", field));
        return v.IsValid ? Result<Dictionary<int, (decimal, DateTimeOffset)>>.Ok(last) : Result<Dictionary<int, (decimal, DateTimeOffset)>>.Fail(v.Errors);
    }

    private static void CheckReadings(Validator v, List<MeterReadingInput>? inputs, string field)
    {
        if (inputs is null) return;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Register is null) v.Add(new Error("required", $"Reading {i + 1}: the register value is required.", $"{field}[{i}].Register"));
            else if (inputs[i].Register < 0) v.Add(new Error("negative", $"Reading {i + 1}: a register cannot be negative.", $"{field}[{i}].Register"));
            else if (inputs[i].Register > 99_999_999m) v.Add(new Error("out_of_range", $"Reading {i + 1}: {inputs[i].Register} is more digits than a meter register has.", $"{field}[{i}].Register"));
        }
    }

    private static async Task<Dictionary<int, (decimal Register, DateTimeOffset ReadAt)>> LastReadingsAsync(QuantifyDbContext db, List<int> meterIds, CancellationToken ct) =>
        (await db.MeterReadings.AsNoTracking()
            .Where(r => meterIds.Contains(r.MeterId) && r.Status != ReadingStatus.Anomaly && r.Status != ReadingStatus.Held && r.Status != ReadingStatus.Discarded)
            .GroupBy(r => r.MeterId)
            .Select(g => g.OrderByDescending(r => r.ReadAt).Select(r => new { r.MeterId, r.Register, r.ReadAt }).First())
            .ToListAsync(ct)).ToDictionary(x => x.MeterId, x => (x.Register, x.ReadAt));

    private static Task<Tenancy?> CurrentTenancyAsync(QuantifyDbContext db, int unitId, DateOnly on, CancellationToken ct) =>
        db.Tenancies.AsNoTracking()
            .Where(t => t.UnitId == unitId && t.Role == TenancyRole.Tenant && t.StartDate <= on && (t.EndDate == null || t.EndDate >= on))
            .OrderByDescending(t => t.StartDate).FirstOrDefaultAsync(ct);

    private static Error NoTenant(Unit unit, DateOnly on) =>
        new("no_current_tenant", $"Unit {unit.UnitNumber} has no tenant on {on:yyyy-MM-dd}: there is nobody to offboard.", "MoveOutDate");

    private async Task<string> EstateNameAsync(int estateId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Estates.AsNoTracking().Where(e => e.Id == estateId).Select(e => e.Name).FirstAsync(ct);
    }

    private async Task<Result<T>?> ReplayAsync<T>(string key, TenantMoveKind kind, int unitId, CancellationToken ct) where T : class
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var move = await db.TenantMoves.AsNoTracking().FirstOrDefaultAsync(m => m.IdempotencyKey == key, ct);
        if (move is null) return null;
        if (move.Kind != kind || move.UnitId != unitId)
            return Result<T>.Fail(new Error("key_reused", $"Idempotency key '{key}' was already used for a {move.Kind.ToString().ToLowerInvariant()} of unit #{move.UnitId}; nothing was done.", "IdempotencyKey"));
        var first = JsonSerializer.Deserialize<T>(move.ResultJson, Json)!;
        return Result<T>.Ok(first switch
        {
            OnboardTenantResult on => (T)(object)(on with { Replayed = true }),
            OffboardTenantResult off => (T)(object)(off with { Replayed = true }),
            _ => first,
        });
    }

    private static string Key(string? given, string fallback)
    {
        var key = string.IsNullOrWhiteSpace(given) ? fallback : given.Trim();
        return key.Length <= 200 ? key : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private async Task NotifyAsync(Func<ITenantLifecycleListener, Task> call)
    {
        foreach (var listener in listeners)
        {
            try { await call(listener); }
            catch (Exception ex) when (ex is not OutOfMemoryException) { log.LogError(ex, "Tenant lifecycle listener {Listener} failed", listener.GetType().Name); }
        }
    }
}

using System.Text;
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
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Identity;

namespace Quantify.Web.Features.Onboarding;

/// <summary>
/// Moving a tenant into a unit in one step: finds or creates the person, the tenancy, the wallet (reset or carried
/// over), the opening readings (stored, not billed) and a login invitation, in one transaction. Idempotent on its key.
/// See docs/onboarding.md.
/// </summary>
public sealed class MoveInService(
    IDbContextFactory<QuantifyDbContext> factory,
    WalletLocks locks,
    WalletSettlement settlement,
    InvitationService invitations,
    ReadingPipeline pipeline,
    TenantMoveLog moves,
    TenantLifecycleNotifier notifier,
    OnboardingOptions options,
    TimeProvider clock)
{
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
        MeterReadingChecks.CheckReadings(v, request.OpeningReadings, nameof(request.OpeningReadings));
        if (!v.IsValid) return Result<OnboardTenantResult>.Fail(v.Errors);
        var moveIn = request.MoveInDate!.Value;
        var key = TenantMoveLog.Key(request.IdempotencyKey, $"onboard:{unitId}:{idNumber ?? $"{p.FirstName}|{p.LastName}|{p.Email}".Trim().ToLowerInvariant()}:{moveIn:yyyy-MM-dd}");
        if (await moves.ReplayAsync<OnboardTenantResult>(key, TenantMoveKind.Onboard, unitId, ct) is { } replay) return replay;

        var now = clock.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
            if (unit is null) return Result<OnboardTenantResult>.Fail(new Error("unknown_unit", $"Unit #{unitId} does not exist.", "UnitId"));
            if (!unit.IsActive) return Result<OnboardTenantResult>.Fail(new Error("archived_unit", $"Unit {unit.UnitNumber} is archived: restore it before moving someone in.", "UnitId"));
            var walletId = await LedgerService.EnsureWalletInAsync(db, unitId, ct);
            await db.SaveChangesAsync(ct);
            var today = await EstateToday.OfUnitAsync(db, clock, unitId, ct);
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
                    var settled = await settlement.SettleInAsync(db, unit, walletId, previous?.PersonId, previous?.Id, $"settle:{key}", today, null,
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
                db.TenantMoves.Add(new TenantMove(key, TenantMoveKind.Onboard, unitId, person.Id, tenancy.Value.Id, JsonSerializer.Serialize(result, OnboardingService.Json), now, UserContext.Actor?.UserId));
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
                await notifier.NotifyAsync(l => l.OnboardedAsync(new TenantLifecycleEvent(unit.EstateId, unitId, person.Id, tenancy.Value.Id, moveIn), ct));
                return Result<OnboardTenantResult>.Ok(result);
            }
            catch (DbUpdateException ex) when (attempt < 3 && (ex is DbUpdateConcurrencyException || MasterDataErrors.IsUniqueViolation(ex)))
            {
                // A concurrent posting to the wallet, or the same request racing us: look again.
                await tx.RollbackAsync(ct);
                if (await moves.ReplayAsync<OnboardTenantResult>(key, TenantMoveKind.Onboard, unitId, ct) is { } raced) return raced;
            }
        }
    }

    private async Task<Result<IReadOnlyList<OpeningReadingResult>>> OpeningReadingsAsync(QuantifyDbContext db, Unit unit, List<MeterReadingInput> inputs, string key,
        DateTimeOffset now, CancellationToken ct)
    {
        var meters = await db.Meters.AsNoTracking().Where(m => m.UnitId == unit.Id && m.IsActive).ToListAsync(ct);
        var check = await MeterReadingChecks.CheckAgainstMetersAsync(db, unit, meters, inputs, nameof(OnboardTenantRequest.OpeningReadings), now, ct);
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

    private async Task<string> EstateNameAsync(int estateId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Estates.AsNoTracking().Where(e => e.Id == estateId).Select(e => e.Name).FirstAsync(ct);
    }
}

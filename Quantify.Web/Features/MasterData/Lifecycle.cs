using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;

namespace Quantify.Web.Features.MasterData;

public enum EntityKind { Estate, Unit, Person, Meter, User }

public enum LifecycleAction { Archive, Restore, Decommission, Recommission, Deactivate, Reactivate, Anonymise, Delete }

/// <summary>What an action will do, before it is done: what it changes, what it keeps, and what stops it.</summary>
public sealed record ImpactReport(EntityKind Kind, int Id, string Subject, LifecycleAction Action, IReadOnlyList<string> Changes, IReadOnlyList<string> Keeps,
    IReadOnlyList<string> Blockers)
{
    public bool CanProceed => Blockers.Count == 0;

    public string Summary => CanProceed
        ? $"{Action} {Subject}: " + string.Join("; ", Changes.Concat(Keeps))
        : $"Cannot {Action.ToString().ToLowerInvariant()} {Subject}: " + string.Join("; ", Blockers);
}

/// <summary>
/// The integrity policy in one place (docs/relationships.md): master data is archived, decommissioned or deactivated;
/// a hard delete is allowed only when nothing refers to the row, and a JSON snapshot goes to ArchivedRecords first.
/// Every action re-runs the same analysis the dialog showed, so no rule lives only in the UI.
/// </summary>
public sealed class LifecycleService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock, Ingestion.MeterDirectory? meterDirectory = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private DateTimeOffset Now => clock.GetUtcNow();
    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static IReadOnlyList<LifecycleAction> ActionsFor(EntityKind kind) => kind switch
    {
        EntityKind.Estate or EntityKind.Unit => [LifecycleAction.Archive, LifecycleAction.Restore, LifecycleAction.Delete],
        EntityKind.Meter => [LifecycleAction.Decommission, LifecycleAction.Recommission, LifecycleAction.Delete],
        EntityKind.Person => [LifecycleAction.Deactivate, LifecycleAction.Reactivate, LifecycleAction.Anonymise, LifecycleAction.Delete],
        _ => [LifecycleAction.Deactivate, LifecycleAction.Reactivate],
    };

    public async Task<ImpactReport> AnalyseAsync(EntityKind kind, int id, LifecycleAction action, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await AnalyseAsync(db, kind, id, action, ct);
    }

    /// <summary>Carries out the action if (and only if) the analysis allows it. Returns the analysis either way.</summary>
    public async Task<Result<ImpactReport>> ExecuteAsync(EntityKind kind, int id, LifecycleAction action, string reason, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var report = await AnalyseAsync(db, kind, id, action, ct);
        if (!report.CanProceed)
            return Result<ImpactReport>.Fail(report.Blockers.Select(b => new Error("blocked", b)));
        if (string.IsNullOrWhiteSpace(reason)) reason = $"{action} by an administrator";
        // POPIA: what the person was known by, read before it is removed, is scrubbed from every table after the save (docs/family.md).
        var scrub = (kind, action) == (EntityKind.Person, LifecycleAction.Anonymise)
            ? await Family.PersonalDataScrubber.CaptureAsync(db, new Data.Temporal.HistoryService(factory), id, ct) : null;
        switch (kind, action)
        {
            case (EntityKind.Estate, LifecycleAction.Archive): await ArchiveEstateAsync(db, id, reason, ct); break;
            case (EntityKind.Estate, LifecycleAction.Restore): (await db.Estates.SingleAsync(e => e.Id == id, ct)).Restore(); break;
            case (EntityKind.Unit, LifecycleAction.Archive): await ArchiveUnitAsync(db, id, reason, ct); break;
            case (EntityKind.Unit, LifecycleAction.Restore): (await db.Units.SingleAsync(u => u.Id == id, ct)).Restore(); break;
            case (EntityKind.Meter, LifecycleAction.Decommission): (await db.Meters.SingleAsync(m => m.Id == id, ct)).Decommission(Now, reason); break;
            case (EntityKind.Meter, LifecycleAction.Recommission): (await db.Meters.SingleAsync(m => m.Id == id, ct)).Recommission(); break;
            case (EntityKind.Person, LifecycleAction.Deactivate): await DeactivatePersonAsync(db, id, anonymise: false, ct); break;
            case (EntityKind.Person, LifecycleAction.Anonymise): await DeactivatePersonAsync(db, id, anonymise: true, ct); break;
            case (EntityKind.Person, LifecycleAction.Reactivate): (await db.Persons.SingleAsync(p => p.Id == id, ct)).Reactivate(); break;
            case (EntityKind.User, LifecycleAction.Deactivate): await SetUserActiveAsync(db, id, false, ct); break;
            case (EntityKind.User, LifecycleAction.Reactivate): await SetUserActiveAsync(db, id, true, ct); break;
            case (_, LifecycleAction.Delete): await DeleteWithSnapshotAsync(db, kind, id, reason, ct); break;
            default: return Result<ImpactReport>.Fail(new Error("unsupported", $"{action} does not apply to a {kind}."));
        }
        await db.SaveChangesAsync(ct);
        if (scrub is not null) await Family.PersonalDataScrubber.ScrubAsync(db, scrub, ct);
        await tx.CommitAsync(ct);
        if (scrub is not null) await Family.PersonalDataScrubber.CompactAsync(db, null, ct);
        meterDirectory?.Invalidate();
        return Result<ImpactReport>.Ok(report);
    }

    /// <summary>Puts a hard-deleted row back from its snapshot.</summary>
    public async Task<Result<int>> RestoreFromArchiveAsync(long archivedRecordId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await db.ArchivedRecords.FirstOrDefaultAsync(a => a.Id == archivedRecordId, ct);
        if (record is null) return Result<int>.Fail(new Error("not_found", $"Archived record #{archivedRecordId} does not exist."));
        if (record.RestoredAt is not null) return Result<int>.Fail(new Error("already_restored", $"Archived record #{archivedRecordId} was already restored."));
        using var doc = JsonDocument.Parse(record.SnapshotJson);
        var values = doc.RootElement;
        var entityType = db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == record.EntityType);
        if (entityType is null) return Result<int>.Fail(new Error("unknown_type", $"Cannot restore a {record.EntityType}."));
        var columns = entityType.GetProperties().Where(p => values.TryGetProperty(p.Name, out _)).ToList();
        // Re-insert with the original key so anything that still names it (audit entries) points at it again.
        var entity = Activator.CreateInstance(entityType.ClrType, nonPublic: true)!;
        var entry = db.Entry(entity);
        foreach (var p in columns)
        {
            var element = values.GetProperty(p.Name);
            entry.Property(p.Name).CurrentValue = element.ValueKind == JsonValueKind.Null ? null : element.Deserialize(p.ClrType, Json);
        }
        entry.State = EntityState.Added;
        record.RestoredAt = Now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (MasterDataErrors.IsUniqueViolation(ex))
        {
            return Result<int>.Fail(new Error("conflict", $"Cannot restore {record.EntityType} #{record.EntityId}: another row now uses its number, serial or reference."));
        }
        return Result<int>.Ok(int.Parse(record.EntityId, System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<ImpactReport> AnalyseAsync(QuantifyDbContext db, EntityKind kind, int id, LifecycleAction action, CancellationToken ct)
    {
        var changes = new List<string>();
        var keeps = new List<string>();
        var blockers = new List<string>();
        string subject;
        var today = Today;
        switch (kind)
        {
            case EntityKind.Estate:
            {
                var estate = await db.Estates.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
                if (estate is null) return Missing(kind, id, action);
                subject = $"estate '{estate.Name}'";
                var unitIds = await db.Units.Where(u => u.EstateId == id).Select(u => u.Id).ToListAsync(ct);
                var meterIds = await db.Meters.Where(m => m.EstateId == id).Select(m => m.Id).ToListAsync(ct);
                var openTickets = await db.Tickets.CountAsync(t => t.EstateId == id && (t.Status == TicketStatus.Open || t.Status == TicketStatus.InProgress), ct);
                if (action == LifecycleAction.Archive)
                {
                    if (!estate.IsActive) blockers.Add($"The {subject} is already archived.");
                    Count(changes, await db.Units.CountAsync(u => u.EstateId == id && u.IsActive, ct), "archives {0} unit(s)");
                    Count(changes, await ActiveTenancies(db, unitIds, today).CountAsync(ct), "ends {0} current tenanc(ies)");
                    Count(changes, await ActiveOwnerships(db, unitIds, today).CountAsync(ct), "ends {0} current ownership(s)");
                    Count(changes, await db.Meters.CountAsync(m => m.EstateId == id && m.IsActive, ct), "decommissions {0} meter(s)");
                    await KeepsTelemetry(db, meterIds, keeps, ct);
                    Count(keeps, await db.Tenancies.CountAsync(t => unitIds.Contains(t.UnitId), ct) + await db.Ownerships.CountAsync(o => unitIds.Contains(o.UnitId), ct),
                        "keeps {0} tenancy/ownership record(s) as history");
                    if (openTickets > 0) blockers.Add($"Blocked by {Quantify.Domain.Common.Plural.Count(openTickets, "open ticket")} in this estate: close {(openTickets == 1 ? "it" : "them")} first.");
                }
                else if (action == LifecycleAction.Restore)
                {
                    if (estate.IsActive) blockers.Add($"The {subject} is not archived.");
                    changes.Add("makes the estate active again (units, meters and people are restored one by one)");
                }
                else if (action == LifecycleAction.Delete)
                {
                    if (unitIds.Count > 0) blockers.Add($"It has {Quantify.Domain.Common.Plural.Count(unitIds.Count, "unit")}: archive the estate instead, which keeps its history.");
                    if (meterIds.Count > 0) blockers.Add($"It has {Quantify.Domain.Common.Plural.Count(meterIds.Count, "meter")}: archive the estate instead.");
                    if (await db.Tickets.AnyAsync(t => t.EstateId == id, ct)) blockers.Add("It has tickets: archive the estate instead.");
                    changes.Add("deletes the estate and its settings; a snapshot is kept in the archive and can be restored");
                }
                else blockers.Add($"{action} does not apply to an estate.");
                break;
            }
            case EntityKind.Unit:
            {
                var unit = await db.Units.AsNoTracking().Include(u => u.Estate).FirstOrDefaultAsync(u => u.Id == id, ct);
                if (unit is null) return Missing(kind, id, action);
                subject = $"unit {unit.UnitNumber} ({unit.Estate.Name})";
                var meterIds = await db.Meters.Where(m => m.UnitId == id).Select(m => m.Id).ToListAsync(ct);
                var openTickets = await db.Tickets.CountAsync(t => t.UnitId == id && (t.Status == TicketStatus.Open || t.Status == TicketStatus.InProgress), ct);
                var history = await db.Tenancies.CountAsync(t => t.UnitId == id, ct) + await db.Ownerships.CountAsync(o => o.UnitId == id, ct);
                if (action == LifecycleAction.Archive)
                {
                    if (!unit.IsActive) blockers.Add($"The {subject} is already archived.");
                    Count(changes, await ActiveTenancies(db, [id], today).CountAsync(ct), "ends {0} current tenanc(ies)");
                    Count(changes, await ActiveOwnerships(db, [id], today).CountAsync(ct), "ends {0} current ownership(s)");
                    Count(changes, meterIds.Count, "unassigns {0} meter(s), which stay in service for another unit");
                    Count(keeps, history, "keeps {0} tenancy/ownership record(s) as history");
                    await KeepsTelemetry(db, meterIds, keeps, ct);
                    if (await db.Wallets.AnyAsync(w => w.UnitId == id, ct)) keeps.Add("keeps the wallet and its ledger history");
                    if (openTickets > 0) blockers.Add($"Blocked by {Quantify.Domain.Common.Plural.Count(openTickets, "open ticket")}: close {(openTickets == 1 ? "it" : "them")} first.");
                }
                else if (action == LifecycleAction.Restore)
                {
                    if (unit.IsActive) blockers.Add($"The {subject} is not archived.");
                    if (!unit.Estate.IsActive) blockers.Add($"Its estate '{unit.Estate.Name}' is archived: restore the estate first.");
                    changes.Add("makes the unit active again (vacant)");
                }
                else if (action == LifecycleAction.Delete)
                {
                    if (history > 0) blockers.Add($"It has {Quantify.Domain.Common.Plural.Count(history, "tenancy/ownership record")}: archive the unit instead, which keeps its history.");
                    if (meterIds.Count > 0) blockers.Add($"It has {Quantify.Domain.Common.Plural.Count(meterIds.Count, "meter")} fitted: unassign them or archive the unit.");
                    if (await db.Tickets.AnyAsync(t => t.UnitId == id, ct)) blockers.Add("It has tickets: archive the unit instead.");
                    if (await db.Wallets.AnyAsync(w => w.UnitId == id, ct)) blockers.Add("It has a wallet (financial history): archive the unit instead.");
                    if (await db.MeterReadings.AnyAsync(r => db.Meters.Any(m => m.Id == r.MeterId && m.UnitId == id), ct)) blockers.Add("Its meters have readings: archive the unit instead.");
                    changes.Add("deletes the unit; a snapshot is kept in the archive and can be restored");
                }
                else blockers.Add($"{action} does not apply to a unit.");
                break;
            }
            case EntityKind.Meter:
            {
                var meter = await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
                if (meter is null) return Missing(kind, id, action);
                subject = $"meter {meter.SerialNumber}";
                var pending = await db.DeviceCommands.CountAsync(c => c.MeterId == id && (c.Status == CommandStatus.Queued || c.Status == CommandStatus.Sent), ct);
                if (action == LifecycleAction.Decommission)
                {
                    if (!meter.IsActive) blockers.Add($"The {subject} is already decommissioned.");
                    if (meter.UnitId is int uid)
                        changes.Add($"removes it from unit {await db.Units.Where(u => u.Id == uid).Select(u => u.UnitNumber).FirstAsync(ct)}");
                    changes.Add("stops billing its readings");
                    await KeepsTelemetry(db, [id], keeps, ct);
                    if (pending > 0) blockers.Add($"{Quantify.Domain.Common.Plural.Count(pending, "device command")} {(pending == 1 ? "is" : "are")} still pending: wait until they finish or expire.");
                }
                else if (action == LifecycleAction.Recommission)
                {
                    if (meter.IsActive) blockers.Add($"The {subject} is in service.");
                    changes.Add("puts the meter back in service, unassigned");
                }
                else if (action == LifecycleAction.Delete)
                {
                    var readings = await db.MeterReadings.CountAsync(r => r.MeterId == id, ct);
                    var alerts = await db.MeterAlerts.CountAsync(a => a.MeterId == id, ct);
                    var commands = await db.DeviceCommands.CountAsync(c => c.MeterId == id, ct);
                    if (readings + alerts + commands > 0)
                        blockers.Add($"It has {Quantify.Domain.Common.Plural.Count(readings, "reading")}, {Quantify.Domain.Common.Plural.Count(alerts, "alert")} and {Quantify.Domain.Common.Plural.Count(commands, "command")}: decommission it instead, which keeps them.");
                    changes.Add("deletes the meter; a snapshot is kept in the archive and can be restored");
                }
                else blockers.Add($"{action} does not apply to a meter.");
                break;
            }
            case EntityKind.Person:
            {
                var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
                if (person is null) return Missing(kind, id, action);
                subject = person.AnonymisedAt is null ? person.FullName : $"person #{id}";
                // Ending on today counts as ended: it stops at midnight and needs no further action.
                var activeT = await db.Tenancies.CountAsync(t => t.PersonId == id && t.StartDate <= today && (t.EndDate == null || t.EndDate > today), ct);
                var activeO = await db.Ownerships.CountAsync(o => o.PersonId == id && o.StartDate <= today && (o.EndDate == null || o.EndDate > today), ct);
                var logins = await db.Users.CountAsync(u => u.PersonId == id && u.IsActive, ct);
                var history = await db.Tenancies.CountAsync(t => t.PersonId == id, ct) + await db.Ownerships.CountAsync(o => o.PersonId == id, ct);
                if (action is LifecycleAction.Deactivate or LifecycleAction.Anonymise)
                {
                    if (action == LifecycleAction.Deactivate && !person.IsActive) blockers.Add($"{subject} is already deactivated.");
                    if (action == LifecycleAction.Anonymise && person.AnonymisedAt is not null) blockers.Add($"{subject} is already anonymised.");
                    if (activeT > 0) blockers.Add($"{subject} has {Quantify.Domain.Common.Plural.Count(activeT, "current tenancy")}: end {(activeT == 1 ? "it" : "them")} first (offboard the tenant).");
                    if (activeO > 0) blockers.Add($"{subject} has {Quantify.Domain.Common.Plural.Count(activeO, "current ownership")}: end or transfer them first.");
                    Count(changes, logins, "deactivates {0} login(s)");
                    if (action == LifecycleAction.Anonymise) changes.Add("removes name, ID number, email, phone and date of birth (POPIA); cannot be undone");
                    Count(keeps, history, "keeps {0} past tenancy/ownership record(s) and all financial history, under the same person number");
                }
                else if (action == LifecycleAction.Reactivate)
                {
                    if (person.IsActive) blockers.Add($"{subject} is active.");
                    if (person.AnonymisedAt is not null) blockers.Add("An anonymised person cannot be reactivated: create a new person.");
                    changes.Add("makes the person active again (logins stay deactivated until an admin reactivates them)");
                }
                else if (action == LifecycleAction.Delete)
                {
                    if (history > 0) blockers.Add($"{subject} has {Quantify.Domain.Common.Plural.Count(history, "tenancy/ownership record")}: deactivate or anonymise instead.");
                    if (await db.Users.AnyAsync(u => u.PersonId == id, ct)) blockers.Add($"{subject} has a login: deactivate instead.");
                    if (await db.Tickets.AnyAsync(t => t.ReportedByPersonId == id, ct)) blockers.Add($"{subject} reported tickets: deactivate instead.");
                    changes.Add("deletes the person (and their pending invitations); a snapshot is kept in the archive and can be restored");
                }
                else blockers.Add($"{action} does not apply to a person.");
                break;
            }
            default:
                subject = $"{kind} #{id}";
                if (action is not (LifecycleAction.Deactivate or LifecycleAction.Reactivate)) blockers.Add("Logins are deactivated, never deleted.");
                else changes.Add(action == LifecycleAction.Deactivate ? "signs the user out and refuses further sign-ins" : "allows the user to sign in again");
                break;
        }
        return new ImpactReport(kind, id, subject, action, changes, keeps, blockers);
    }

    private async Task ArchiveEstateAsync(QuantifyDbContext db, int id, string reason, CancellationToken ct)
    {
        foreach (var unitId in await db.Units.Where(u => u.EstateId == id && u.IsActive).Select(u => u.Id).ToListAsync(ct))
            await ArchiveUnitAsync(db, unitId, reason, ct);
        foreach (var meter in await db.Meters.Where(m => m.EstateId == id && m.IsActive).ToListAsync(ct))
            meter.Decommission(Now, reason);
        (await db.Estates.SingleAsync(e => e.Id == id, ct)).Archive(Now, reason);
    }

    private async Task ArchiveUnitAsync(QuantifyDbContext db, int id, string reason, CancellationToken ct)
    {
        var today = Today;
        foreach (var t in await ActiveTenancies(db, [id], today).ToListAsync(ct)) t.End(today);
        foreach (var o in await ActiveOwnerships(db, [id], today).ToListAsync(ct)) o.End(today);
        foreach (var m in await db.Meters.Where(m => m.UnitId == id).ToListAsync(ct)) m.AssignToUnit(null);
        (await db.Units.SingleAsync(u => u.Id == id, ct)).Archive(Now, reason);
    }

    private async Task DeactivatePersonAsync(QuantifyDbContext db, int id, bool anonymise, CancellationToken ct)
    {
        var person = await db.Persons.SingleAsync(p => p.Id == id, ct);
        if (anonymise) person.Anonymise(Now);
        else person.Deactivate();
        foreach (var user in await db.Users.Where(u => u.PersonId == id && u.IsActive).ToListAsync(ct))
        {
            user.IsActive = false;
            user.DeactivatedAt = Now;
            user.SecurityStamp = Guid.NewGuid().ToString();
            if (anonymise)
            {
                user.Email = user.NormalizedEmail = user.UserName = user.NormalizedUserName = $"anonymised-{user.Id}@invalid";
                user.DisplayName = Person.AnonymisedName;
                user.PhoneNumber = null;
            }
        }
        foreach (var invite in await db.Invitations.Where(i => i.PersonId == id && i.Status == InvitationStatus.Pending).ToListAsync(ct)) invite.Revoke();
    }

    private async Task SetUserActiveAsync(QuantifyDbContext db, int id, bool active, CancellationToken ct)
    {
        // Users are addressed by their person here; the admin users page passes the person id of the login.
        foreach (var user in await db.Users.Where(u => u.PersonId == id).ToListAsync(ct))
        {
            user.IsActive = active;
            user.DeactivatedAt = active ? null : Now;
            user.SecurityStamp = Guid.NewGuid().ToString();
        }
    }

    private async Task DeleteWithSnapshotAsync(QuantifyDbContext db, EntityKind kind, int id, string reason, CancellationToken ct)
    {
        object entity = kind switch
        {
            EntityKind.Estate => await db.Estates.SingleAsync(e => e.Id == id, ct),
            EntityKind.Unit => await db.Units.SingleAsync(u => u.Id == id, ct),
            EntityKind.Meter => await db.Meters.SingleAsync(m => m.Id == id, ct),
            EntityKind.Person => await db.Persons.SingleAsync(p => p.Id == id, ct),
            _ => throw new InvalidOperationException($"{kind} cannot be deleted."),
        };
        var entry = db.Entry(entity);
        var snapshot = entry.Properties.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
        db.ArchivedRecords.Add(new ArchivedRecord
        {
            EntityType = entity.GetType().Name,
            EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            SnapshotJson = JsonSerializer.Serialize(snapshot, Json),
            Reason = reason,
            ArchivedAt = Now,
            ArchivedById = UserContext.Actor?.UserId,
        });
        db.Remove(entity);
    }

    private static IQueryable<Tenancy> ActiveTenancies(QuantifyDbContext db, IReadOnlyCollection<int> unitIds, DateOnly today) =>
        db.Tenancies.Where(t => unitIds.Contains(t.UnitId) && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today));

    private static IQueryable<Ownership> ActiveOwnerships(QuantifyDbContext db, IReadOnlyCollection<int> unitIds, DateOnly today) =>
        db.Ownerships.Where(o => unitIds.Contains(o.UnitId) && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today));

    private static async Task KeepsTelemetry(QuantifyDbContext db, IReadOnlyCollection<int> meterIds, List<string> keeps, CancellationToken ct)
    {
        if (meterIds.Count == 0) return;
        Count(keeps, await db.MeterReadings.CountAsync(r => meterIds.Contains(r.MeterId), ct), "keeps {0} reading(s)");
        Count(keeps, await db.MeterAlerts.CountAsync(a => meterIds.Contains(a.MeterId), ct), "keeps {0} alert(s)");
        Count(keeps, await db.DeviceCommands.CountAsync(c => meterIds.Contains(c.MeterId), ct), "keeps {0} device command(s)");
    }

    /// <summary>Adds "archives {0} unit(s)" as "archives 1 unit" or "archives 3 units": "(s)" and "(ies)" never reach a page.</summary>
    private static void Count(List<string> into, int count, string format)
    {
        if (count <= 0) return;
        var text = format.Replace("c(ies)", count == 1 ? "cy" : "cies", StringComparison.Ordinal).Replace("(s)", count == 1 ? "" : "s", StringComparison.Ordinal);
        into.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, text, count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture).Replace(',', ' ')));
    }

    private static ImpactReport Missing(EntityKind kind, int id, LifecycleAction action) =>
        new(kind, id, $"{kind} #{id}", action, [], [], [$"{kind} #{id} does not exist."]);
}

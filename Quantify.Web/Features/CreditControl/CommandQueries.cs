using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;

namespace Quantify.Web.Features.CreditControl;

/// <summary>A relay held by hand: who, when and why (shown on /admin/commands and the unit page).</summary>
public sealed record RelayHoldRow(long Id, int MeterId, string Serial, string? UnitNumber, string EstateName, CommandKind Kind, string Reason, string? HeldBy,
    DateTimeOffset HeldAt, long? CommandId);

public sealed record CommandRow(long Id, int MeterId, string Serial, string? UnitNumber, string EstateName, CommandKind Kind, CommandStatus Status, string Reason,
    int Attempts, string? LastError, DateTimeOffset QueuedAt, DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset ExpiresAt);

/// <summary>
/// Relay commands for admins (all) and residents (their unit's), and manual switching by an admin. A manual switch
/// places a <see cref="RelayHold"/>: credit control leaves the relay as the admin set it until an admin releases the hold.
/// </summary>
public sealed class CommandQueries(IDbContextFactory<QuantifyDbContext> factory, CommandSignal signal, TimeProvider clock, CreditControlQueue? creditControl = null)
{
    public async Task<IReadOnlyList<CommandRow>> ListAsync(CommandStatus? status = null, int? unitId = null, int take = 200, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = from c in db.DeviceCommands.AsNoTracking()
            join m in db.Meters on c.MeterId equals m.Id
            join e in db.Estates on m.EstateId equals e.Id
            join u in db.Units on m.UnitId equals (int?)u.Id into us
            from u in us.DefaultIfEmpty()
            select new { c, m.SerialNumber, m.UnitId, UnitNumber = u == null ? null : u.UnitNumber, EstateName = e.Name };
        if (status is not null) q = q.Where(x => x.c.Status == status);
        if (unitId is not null) q = q.Where(x => x.UnitId == unitId);
        var rows = await q.OrderByDescending(x => x.c.Id).Take(take).ToListAsync(ct);
        return rows.Select(x => new CommandRow(x.c.Id, x.c.MeterId, x.SerialNumber, x.UnitNumber, x.EstateName, x.c.Kind, x.c.Status, x.c.Reason, x.c.Attempts,
            x.c.LastError, x.c.QueuedAt, x.c.SentAt, x.c.AcknowledgedAt, x.c.ExpiresAt)).ToList();
    }

    /// <summary>
    /// An admin switches a meter's relay by hand (e.g. maintenance): supersedes any pending relay command and holds the
    /// relay in that state (replacing an earlier hold) until an admin releases it.
    /// </summary>
    public async Task<Result<long>> QueueManualAsync(string serial, CommandKind kind, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Result<long>.Fail(new Error("required", "Say why the relay is switched by hand.", "Reason"));
        if (reason.Trim().Length > 480) return Result<long>.Fail(new Error("too_long", "The reason is longer than 480 characters.", "Reason"));
        if (kind is not (CommandKind.RelayOn or CommandKind.RelayOff)) return Result<long>.Fail(new Error("invalid", "Only relay commands can be queued by hand.", "Kind"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var meter = await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.SerialNumber == serial.Trim(), ct);
        if (meter is null) return Result<long>.Fail(new Error("not_found", $"No meter with serial '{serial}'.", "Serial"));
        if (meter.Type != MeterType.Electricity) return Result<long>.Fail(new Error("no_relay", $"{meter.SerialNumber} is a {meter.Type} meter: only electricity meters have a relay.", "Serial"));
        var now = clock.GetUtcNow();
        foreach (var old in await db.DeviceCommands.Where(c => c.MeterId == meter.Id && (c.Status == CommandStatus.Queued || c.Status == CommandStatus.Sent)).ToListAsync(ct))
            old.Supersede(now, "Superseded by a manual command.");
        var actor = UserContext.Actor?.UserId;
        var hold = RelayHold.Place(meter.Id, kind, reason, actor, now);
        if (hold.IsFailure) return Result<long>.Fail(hold.Errors);
        foreach (var earlier in await db.RelayHolds.Where(h => h.MeterId == meter.Id && h.ReleasedAt == null).ToListAsync(ct))
            earlier.Release(actor, now, "Replaced by a new manual command.");
        var command = new DeviceCommand(meter.Id, kind, $"Manual: {reason.Trim()}", now, now.AddHours(24), actor);
        db.DeviceCommands.Add(command);
        db.RelayHolds.Add(hold.Value);
        await db.SaveChangesAsync(ct); // the command and its hold commit together
        hold.Value.SetBy(command.Id);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return Result<long>.Ok(command.Id);
    }

    /// <summary>Active holds (all, or one unit's), newest first, with who placed them.</summary>
    public async Task<IReadOnlyList<RelayHoldRow>> HoldsAsync(int? unitId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = from h in db.RelayHolds.AsNoTracking()
                join m in db.Meters on h.MeterId equals m.Id
                join e in db.Estates on m.EstateId equals e.Id
                join u in db.Units on m.UnitId equals (int?)u.Id into us
                from u in us.DefaultIfEmpty()
                join p in db.Users on h.HeldById equals p.Id into ps
                from p in ps.DefaultIfEmpty()
                where h.ReleasedAt == null && (unitId == null || m.UnitId == unitId)
                orderby h.Id descending
                select new RelayHoldRow(h.Id, h.MeterId, m.SerialNumber, u == null ? null : u.UnitNumber, e.Name, h.Kind, h.Reason,
                    p == null ? null : p.Email, h.HeldAt, h.CommandId);
        return await q.ToListAsync(ct);
    }

    /// <summary>An admin releases a hold: credit control's rules apply to the relay again (the unit is re-evaluated at once).</summary>
    public async Task<Result> ReleaseHoldAsync(long holdId, string? why, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var hold = await db.RelayHolds.FirstOrDefaultAsync(h => h.Id == holdId, ct);
        if (hold is null) return Result.Fail(new Error("not_found", $"Hold #{holdId} does not exist."));
        var released = hold.Release(UserContext.Actor?.UserId, clock.GetUtcNow(), why);
        if (released.IsFailure) return released;
        await db.SaveChangesAsync(ct);
        if (await db.Meters.Where(m => m.Id == hold.MeterId).Select(m => m.UnitId).FirstOrDefaultAsync(ct) is int unitId) creditControl?.Request(unitId);
        return Result.Ok();
    }
}

using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;

namespace Quantify.Web.Features.CreditControl;

public sealed record CommandRow(long Id, int MeterId, string Serial, string? UnitNumber, string EstateName, CommandKind Kind, CommandStatus Status, string Reason,
    int Attempts, string? LastError, DateTimeOffset QueuedAt, DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset ExpiresAt);

/// <summary>Relay commands for admins (all) and residents (their unit's), and manual switching by an admin.</summary>
public sealed class CommandQueries(IDbContextFactory<QuantifyDbContext> factory, CommandSignal signal, TimeProvider clock)
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

    /// <summary>An admin switches a meter's relay by hand (e.g. maintenance); supersedes any pending relay command.</summary>
    public async Task<Result<long>> QueueManualAsync(string serial, CommandKind kind, string reason, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(reason)) return Result<long>.Fail(new Error("required", "Say why the relay is switched by hand.", "Reason"));
        if (kind is not (CommandKind.RelayOn or CommandKind.RelayOff)) return Result<long>.Fail(new Error("invalid", "Only relay commands can be queued by hand.", "Kind"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var meter = await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.SerialNumber == serial.Trim(), ct);
        if (meter is null) return Result<long>.Fail(new Error("not_found", $"No meter with serial '{serial}'.", "Serial"));
        if (meter.Type != MeterType.Electricity) return Result<long>.Fail(new Error("no_relay", $"{meter.SerialNumber} is a {meter.Type} meter: only electricity meters have a relay.", "Serial"));
        var now = clock.GetUtcNow();
        foreach (var old in await db.DeviceCommands.Where(c => c.MeterId == meter.Id && (c.Status == CommandStatus.Queued || c.Status == CommandStatus.Sent)).ToListAsync(ct))
            old.Supersede(now, "Superseded by a manual command.");
        var command = new DeviceCommand(meter.Id, kind, $"Manual: {reason.Trim()}", now, now.AddHours(24), UserContext.Actor?.UserId);
        db.DeviceCommands.Add(command);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return Result<long>.Ok(command.Id);
    }
}

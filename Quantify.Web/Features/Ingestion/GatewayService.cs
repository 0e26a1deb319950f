using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Features.MasterData;

namespace Quantify.Web.Features.Ingestion;

public sealed record GatewayRow(int Id, int EstateId, string EstateName, string Code, string Name, GatewayKind Kind, string? Endpoint, int PollIntervalSeconds,
    int KeyVersion, bool IsActive, int Meters, bool ReportsEstateWide = false, GatewayPollSummary? Polling = null);

/// <summary>Gateways (4G/NB-IoT concentrators, Modbus gateways): register, rotate keys, deactivate. Keys are shown to admins only.</summary>
public sealed class GatewayService(IDbContextFactory<QuantifyDbContext> factory, GatewayKeys keys, MeterDirectory meters)
{
    public async Task<IReadOnlyList<GatewayRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var counts = await db.Meters.AsNoTracking().Where(m => m.GatewayId != null && m.IsActive).GroupBy(m => m.GatewayId!.Value)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var rows = await (from g in db.Gateways.AsNoTracking() join e in db.Estates on g.EstateId equals e.Id orderby e.Name, g.Code select new { g, e.Name }).ToListAsync(ct);
        var statuses = await (from s in db.MeterPollStatuses.AsNoTracking()
                              join m in db.Meters on s.MeterId equals m.Id
                              where m.GatewayId != null && m.IsActive
                              select new { GatewayId = m.GatewayId!.Value, s.LastPollAt, s.LastError, s.LastErrorAt, s.ConsecutiveFailures }).ToListAsync(ct);
        var polling = statuses.GroupBy(s => s.GatewayId).ToDictionary(g => g.Key, g =>
        {
            var latestError = g.Where(s => s.ConsecutiveFailures > 0).OrderByDescending(s => s.LastErrorAt).FirstOrDefault();
            return new GatewayPollSummary(g.Max(s => s.LastPollAt), g.Count(s => s.ConsecutiveFailures > 0), g.Max(s => s.ConsecutiveFailures),
                latestError?.LastError, latestError?.LastErrorAt);
        });
        return rows.Select(x => new GatewayRow(x.g.Id, x.g.EstateId, x.Name, x.g.Code, x.g.Name, x.g.Kind, x.g.Endpoint, x.g.PollIntervalSeconds, x.g.KeyVersion,
            x.g.IsActive, counts.GetValueOrDefault(x.g.Id), x.g.ReportsEstateWide, polling.GetValueOrDefault(x.g.Id))).ToList();
    }

    /// <summary>The meters attached to a gateway, with how polling them is going (no status yet: never polled).</summary>
    public async Task<IReadOnlyList<MeterPollRow>> MetersAsync(int gatewayId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from m in db.Meters.AsNoTracking()
                          where m.GatewayId == gatewayId
                          join s in db.MeterPollStatuses on m.Id equals s.MeterId into ss
                          from s in ss.DefaultIfEmpty()
                          orderby m.SerialNumber
                          select new { m.Id, m.SerialNumber, m.Type, m.IsActive, Status = s }).ToListAsync(ct);
        return rows.Select(r => new MeterPollRow(r.Id, r.SerialNumber, r.Type, r.IsActive, r.Status?.LastPollAt, r.Status?.LastSuccessAt, r.Status?.LastError,
            r.Status?.LastErrorAt, r.Status?.ConsecutiveFailures ?? 0)).ToList();
    }

    /// <summary>Poll status of these meters (only those that have been polled).</summary>
    public async Task<IReadOnlyDictionary<int, MeterPollRow>> PollStatusesAsync(IReadOnlyCollection<int> meterIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from s in db.MeterPollStatuses.AsNoTracking()
                          join m in db.Meters on s.MeterId equals m.Id
                          where meterIds.Contains(s.MeterId)
                          select new MeterPollRow(m.Id, m.SerialNumber, m.Type, m.IsActive, s.LastPollAt, s.LastSuccessAt, s.LastError, s.LastErrorAt, s.ConsecutiveFailures))
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.MeterId);
    }

    /// <summary>Lets a gateway report every meter of its estate (on) or only the meters attached to it (off, the default).</summary>
    public async Task<Result> SetEstateWideAsync(int gatewayId, bool on, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var g = await db.Gateways.FirstOrDefaultAsync(x => x.Id == gatewayId, ct);
        if (g is null) return Result.Fail(new Error("not_found", $"Gateway #{gatewayId} does not exist."));
        g.SetEstateWideReporting(on);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Attaches the meter with this serial number to the gateway (same estate only).</summary>
    public async Task<Result> AttachMeterBySerialAsync(int gatewayId, string serial, CancellationToken ct = default)
    {
        int? meterId;
        await using (var db = await factory.CreateDbContextAsync(ct))
            meterId = await db.Meters.AsNoTracking().Where(m => m.SerialNumber == serial.Trim()).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        return meterId is int id ? await AttachMeterAsync(id, gatewayId, ct) : Result.Fail(new Error("not_found", $"No meter has serial number '{serial}'.", "SerialNumber"));
    }

    public async Task<Result<int>> CreateAsync(int estateId, string code, string name, GatewayKind kind, string? endpoint, int pollIntervalSeconds, CancellationToken ct = default)
    {
        var created = Gateway.Create(estateId, code, name, kind, endpoint, pollIntervalSeconds);
        if (created.IsFailure) return Result<int>.Fail(created.Errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.Gateways.AnyAsync(g => g.Code == created.Value.Code, ct))
            return Result<int>.Fail(new Error("duplicate", $"Gateway code '{code}' is already used.", "Code"));
        db.Gateways.Add(created.Value);
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(created.Value.Id);
    }

    /// <summary>The key the gateway signs with; only admins call this (the page is admin-only).</summary>
    public async Task<string?> KeyAsync(int gatewayId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var g = await db.Gateways.AsNoTracking().FirstOrDefaultAsync(x => x.Id == gatewayId, ct);
        return g is null ? null : keys.KeyFor(g.Code, g.KeyVersion);
    }

    public async Task<Result> RotateKeyAsync(int gatewayId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var g = await db.Gateways.FirstOrDefaultAsync(x => x.Id == gatewayId, ct);
        if (g is null) return Result.Fail(new Error("not_found", $"Gateway #{gatewayId} does not exist."));
        g.RotateKey();
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> SetActiveAsync(int gatewayId, bool active, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var g = await db.Gateways.FirstOrDefaultAsync(x => x.Id == gatewayId, ct);
        if (g is null) return Result.Fail(new Error("not_found", $"Gateway #{gatewayId} does not exist."));
        if (active) g.Reactivate(); else g.Deactivate();
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Puts a meter behind a gateway (same estate only).</summary>
    public async Task<Result> AttachMeterAsync(int meterId, int? gatewayId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meter = await db.Meters.FirstOrDefaultAsync(m => m.Id == meterId, ct);
        if (meter is null) return Result.Fail(new Error("not_found", $"Meter #{meterId} does not exist."));
        if (gatewayId is int id && !await db.Gateways.AnyAsync(g => g.Id == id && g.EstateId == meter.EstateId, ct))
            return Result.Fail(new Error("other_estate", "The gateway must be on the meter's estate.", "GatewayId"));
        meter.AttachToGateway(gatewayId);
        await db.SaveChangesAsync(ct);
        meters.Invalidate();
        return Result.Ok();
    }
}

using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Wall;

public sealed record WallUtility(Utility Utility, string Unit, decimal LastQuarterHour, decimal Today, decimal RevenueToday, decimal? BulkToday, decimal? LossPercent);

public sealed record WallTick(DateTimeOffset ReadAt, string Serial, string? UnitNumber, MeterType Type, decimal? Consumption, decimal? Amount);

public sealed record WallAlert(DateTimeOffset RaisedAt, string Serial, AlertKind Kind, AlertSeverity Severity, string Message);

public sealed record WallView(int EstateId, string EstateName, IReadOnlyList<WallUtility> Utilities, int MetersOnline, int MetersOffline, int OpenAlerts,
    IReadOnlyList<WallAlert> Alerts, IReadOnlyList<WallTick> Ticker, DateTimeOffset At);

/// <summary>
/// The estate wall display's figures: consumption in the last 15 minutes and today (SAST) per utility, today's revenue,
/// bulk-vs-units loss, meters online/offline, open alerts and the latest readings. One pass over today's readings.
/// </summary>
public sealed class WallQueries(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    private static readonly TimeZoneInfo Sast = EstateTime.Default;

    public async Task<WallView?> ForEstateAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estate = await db.Estates.AsNoTracking().Where(e => e.Id == estateId).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (estate is null) return null;
        var now = clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Sast);
        var dayStart = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime(); // stored times are UTC: compare like with like (SQLite compares them as text)
        var meters = await db.Meters.AsNoTracking().Where(m => m.EstateId == estateId && m.IsActive)
            .Select(m => new { m.Id, m.SerialNumber, m.Type, m.UnitId, m.State.CommsStatus }).ToListAsync(ct);
        var ids = meters.Select(m => m.Id).ToList();
        var today = await db.MeterReadings.AsNoTracking().Where(r => ids.Contains(r.MeterId) && r.ReadAt >= dayStart)
            .Select(r => new { r.MeterId, r.ReadAt, r.Consumption, r.Amount }).ToListAsync(ct);
        var byId = meters.ToDictionary(m => m.Id);
        var units = await db.Units.AsNoTracking().Where(u => u.EstateId == estateId).ToDictionaryAsync(u => u.Id, u => u.UnitNumber, ct);
        var utilities = Enum.GetValues<Utility>().Select(u =>
        {
            var unitRows = today.Where(r => byId[r.MeterId].Type.Utility() == u && !byId[r.MeterId].Type.IsBulk()).ToList();
            var bulkRows = today.Where(r => byId[r.MeterId].Type.Utility() == u && byId[r.MeterId].Type.IsBulk()).ToList();
            var units15 = unitRows.Where(r => r.ReadAt >= now.AddMinutes(-15)).Sum(r => r.Consumption ?? 0m);
            var todayUnits = unitRows.Sum(r => r.Consumption ?? 0m);
            decimal? bulk = meters.Any(m => m.Type.IsBulk() && m.Type.Utility() == u) ? bulkRows.Sum(r => r.Consumption ?? 0m) : null;
            decimal? loss = bulk is > 0 ? Math.Round((bulk.Value - todayUnits) / bulk.Value * 100m, 1) : null;
            return new WallUtility(u, u is Utility.Water or Utility.HotWater ? "kL" : "kWh", units15, todayUnits, unitRows.Sum(r => r.Amount ?? 0m), bulk, loss);
        }).Where(x => meters.Any(m => m.Type.Utility() == x.Utility)).ToList();
        // Open alerts as every page counts them (Areas.OpenIssues): one per meter and kind, until resolved.
        var alerts = await Areas.OpenIssues.Alerts(db, estateId).OrderByDescending(a => a.Id).Take(6)
            .Select(a => new { a.RaisedAt, a.MeterId, a.Kind, a.Severity, a.Message }).ToListAsync(ct);
        var openAlerts = await Areas.OpenIssues.Alerts(db, estateId).CountAsync(ct);
        var ticker = today.OrderByDescending(r => r.ReadAt).Take(12)
            .Select(r => new WallTick(r.ReadAt, byId[r.MeterId].SerialNumber, byId[r.MeterId].UnitId is int uid ? units.GetValueOrDefault(uid) : null, byId[r.MeterId].Type, r.Consumption, r.Amount))
            .ToList();
        return new WallView(estate.Id, estate.Name, utilities, meters.Count(m => m.CommsStatus == CommsStatus.Online), meters.Count(m => m.CommsStatus != CommsStatus.Online),
            openAlerts, alerts.Select(a => new WallAlert(a.RaisedAt, byId[a.MeterId].SerialNumber, a.Kind, a.Severity, a.Message)).ToList(), ticker, now);
    }
}

/// <summary>
/// Read-only wall links for lobby screens: the token is HMAC(master key, "wall:{estate}:{version}") (same master key as
/// gateway keys, decision 0008), so nothing secret is stored; revoking bumps the estate's version, killing old links.
/// </summary>
public sealed class WallLinks(Ingestion.GatewayKeys keys, IDbContextFactory<QuantifyDbContext> factory)
{
    public async Task<string> TokenAsync(int estateId, CancellationToken ct = default) => keys.KeyFor($"wall:{estateId}", await VersionAsync(estateId, ct))[..32];

    public async Task<bool> IsValidAsync(int estateId, string? token, CancellationToken ct = default) =>
        !string.IsNullOrEmpty(token) && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(await TokenAsync(estateId, ct)), System.Text.Encoding.ASCII.GetBytes(token));

    public async Task RevokeAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var settings = await db.Set<Domain.Estates.EstateSettings>().FirstAsync(s => s.EstateId == estateId, ct);
        settings.WallLinkVersion++;
        await db.SaveChangesAsync(ct);
    }

    private async Task<int> VersionAsync(int estateId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<Domain.Estates.EstateSettings>().AsNoTracking().Where(s => s.EstateId == estateId).Select(s => s.WallLinkVersion).FirstOrDefaultAsync(ct);
    }
}

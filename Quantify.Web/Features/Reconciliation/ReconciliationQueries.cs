using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Reconciliation;

/// <summary>Bulk supply against the sum of unit meters for one utility over a period: the difference is common property plus losses.</summary>
public sealed record BulkBalance(Utility Utility, string Unit, decimal Bulk, decimal Units, decimal CommonProperty, decimal? LossPercent, decimal ThresholdPercent)
{
    public bool OverThreshold => LossPercent is decimal l && l > ThresholdPercent;

    /// <summary>Units used more than the bulk meter measured, beyond the tolerance: a meter fault or a meter on the wrong unit.</summary>
    public bool NegativeBeyondTolerance => LossPercent is decimal l && l < -ThresholdPercent;

    /// <summary>Why no loss figure can be trusted ("incomplete: bulk meter X silent since …"); null when the figure stands.</summary>
    public string? Incomplete { get; init; }

    /// <summary>The instant up to which bulk and units were compared (the bulk meters' latest common reading).</summary>
    public DateTimeOffset? Until { get; init; }
}

public sealed record EstateKpis(int EstateId, string EstateName, decimal UtilitySpendMonth, decimal MetersOnlinePercent, decimal WalletsInGoodStandingPercent,
    decimal OccupancyPercent, IReadOnlyList<BulkBalance> Bulk);

public sealed record LossPoint(DateOnly Day, decimal Bulk, decimal Units, decimal? LossPercent);

/// <summary>
/// Scheme KPIs for trustees and bulk-vs-sub-meter reconciliation for the utility side (seed 004 §5.1-5.4, §7.1-7.2).
/// Bulk and unit consumption come from billed/stored readings in the period (SAST); loss % = (bulk − units) / bulk.
/// </summary>
public sealed class ReconciliationQueries(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    private static readonly TimeZoneInfo Sast = EstateTime.Default;

    public async Task<EstateKpis?> KpisAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estate = await db.Estates.AsNoTracking().Include(e => e.Settings).FirstOrDefaultAsync(e => e.Id == estateId, ct);
        if (estate is null) return null;
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Sast);
        var monthStart = new DateTimeOffset(new DateTime(local.Year, local.Month, 1), local.Offset);
        var readings = await ReadingsAsync(db, estateId, monthStart, DateTimeOffset.MaxValue, ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.EstateId == estateId && m.IsActive).Select(m => m.State.CommsStatus).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => u.EstateId == estateId && u.IsActive).Select(u => new { u.Id, u.Occupancy }).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var wallets = await db.Wallets.AsNoTracking().Include(w => w.Pockets).Where(w => unitIds.Contains(w.UnitId)).ToListAsync(ct);
        var walletIds = wallets.Select(w => w.Id).ToList();
        var balances = await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId != null && walletIds.Contains(a.WalletId.Value) && a.Pocket == Pocket.Electricity)
            .ToDictionaryAsync(a => a.WalletId!.Value, a => a.Balance, ct);
        var good = wallets.Count(w => balances.GetValueOrDefault(w.Id) > w.PocketFor(Pocket.Electricity).LowBalanceThreshold);
        return new EstateKpis(estate.Id, estate.Name,
            readings.Where(r => !r.Type.IsBulk()).Sum(r => r.Amount ?? 0m),
            Percent(meters.Count(s => s == CommsStatus.Online), meters.Count),
            Percent(good, wallets.Count),
            Percent(units.Count(u => u.Occupancy == Occupancy.Occupied), units.Count),
            Balances(readings, await BulkMetersAsync(db, estateId, ct), estate.Settings.LossThresholdPercent));
    }

    /// <summary>Daily bulk-vs-units loss for one utility over the last <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<LossPoint>> LossTrendAsync(int estateId, Utility utility, int days = 30, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Sast).Date;
        var from = new DateTimeOffset(today.AddDays(-(days - 1)), TimeSpan.FromHours(2));
        var readings = (await ReadingsAsync(db, estateId, from, DateTimeOffset.MaxValue, ct)).Where(r => r.Type.Utility() == utility).ToList();
        return Enumerable.Range(0, days).Select(i =>
        {
            var day = DateOnly.FromDateTime(today.AddDays(-(days - 1) + i));
            var inDay = readings.Where(r => r.LocalDay == day).ToList();
            var bulk = inDay.Where(r => r.Type.IsBulk()).Sum(r => r.Consumption ?? 0m);
            var units = inDay.Where(r => !r.Type.IsBulk()).Sum(r => r.Consumption ?? 0m);
            return new LossPoint(day, bulk, units, bulk > 0 ? Math.Round((bulk - units) / bulk * 100m, 1) : null);
        }).ToList();
    }

    private sealed record Row(MeterType Type, decimal? Consumption, decimal? Amount, DateOnly LocalDay, int MeterId = 0, DateTimeOffset ReadAt = default);

    private sealed record BulkMeter(int Id, string Serial, MeterType Type, DateTimeOffset? LastReadingAt);

    private static async Task<List<BulkMeter>> BulkMetersAsync(QuantifyDbContext db, int estateId, CancellationToken ct)
    {
        var bulkTypes = new[] { MeterType.BulkElectricity, MeterType.BulkWater };
        var meters = await db.Meters.AsNoTracking().Where(m => m.EstateId == estateId && m.IsActive && bulkTypes.Contains(m.Type))
            .Select(m => new { m.Id, m.SerialNumber, m.Type }).ToListAsync(ct);
        var ids = meters.Select(m => m.Id).ToList();
        var last = await db.MeterReadings.AsNoTracking().Where(r => ids.Contains(r.MeterId)).GroupBy(r => r.MeterId)
            .Select(g => new { MeterId = g.Key, At = g.Max(r => r.ReadAt) }).ToDictionaryAsync(x => x.MeterId, x => (DateTimeOffset?)x.At, ct);
        return meters.Select(m => new BulkMeter(m.Id, m.SerialNumber, m.Type, last.GetValueOrDefault(m.Id))).ToList();
    }

    private static async Task<List<Row>> ReadingsAsync(QuantifyDbContext db, int estateId, DateTimeOffset since, DateTimeOffset until, CancellationToken ct)
    {
        var rows = await (from r in db.MeterReadings.AsNoTracking()
                join m in db.Meters on r.MeterId equals m.Id
                where m.EstateId == estateId && r.ReadAt >= since && r.ReadAt < until && r.Consumption != null
                select new { m.Type, r.Consumption, r.Amount, r.ReadAt, r.MeterId }).ToListAsync(ct);
        return rows.Select(r => new Row(r.Type, r.Consumption, r.Amount, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.ReadAt, Sast).DateTime), r.MeterId, r.ReadAt)).ToList();
    }

    /// <summary>
    /// Bulk against units over the same interval: from the period start up to the bulk meters' latest reading in it
    /// (unit readings after that are left for the next comparison). A bulk meter without a reading in the period makes
    /// the figure incomplete, and no percentage is given.
    /// </summary>
    private static IReadOnlyList<BulkBalance> Balances(List<Row> readings, List<BulkMeter> bulkMeters, decimal threshold) =>
        new[] { Utility.Electricity, Utility.Water }.Select(u =>
        {
            var unit = u == Utility.Water ? "kL" : "kWh";
            var meters = bulkMeters.Where(m => m.Type.Utility() == u).ToList();
            var bulkRows = readings.Where(r => r.Type.IsBulk() && r.Type.Utility() == u).ToList();
            var unitRows = readings.Where(r => !r.Type.IsBulk() && r.Type.Utility() == u).ToList();
            var silent = meters.Where(m => !bulkRows.Any(r => r.MeterId == m.Id)).ToList();
            if (meters.Count == 0 || silent.Count > 0)
            {
                var units0 = unitRows.Sum(r => r.Consumption ?? 0m);
                var why = meters.Count == 0 ? "incomplete: no bulk meter"
                    : "incomplete: " + string.Join("; ", silent.Select(m => m.LastReadingAt is { } at
                        ? $"bulk meter {m.Serial} silent since {Components.Shared.Format.DateTime(at)}"
                        : $"bulk meter {m.Serial} has no reading yet"));
                return new BulkBalance(u, unit, bulkRows.Sum(r => r.Consumption ?? 0m), units0, 0m, null, threshold) { Incomplete = why };
            }
            var until = meters.Min(m => bulkRows.Where(r => r.MeterId == m.Id).Max(r => r.ReadAt));
            var bulk = bulkRows.Where(r => r.ReadAt <= until).Sum(r => r.Consumption ?? 0m);
            var units = unitRows.Where(r => r.ReadAt <= until).Sum(r => r.Consumption ?? 0m);
            return new BulkBalance(u, unit, bulk, units, bulk - units, bulk > 0 ? Math.Round((bulk - units) / bulk * 100m, 1) : null, threshold) { Until = until };
        }).ToList();

    private static decimal Percent(int part, int whole) => whole == 0 ? 0m : Math.Round(part * 100m / whole, 1);

    public static string Format(decimal? percent) => Components.Shared.Format.Percent(percent);
}

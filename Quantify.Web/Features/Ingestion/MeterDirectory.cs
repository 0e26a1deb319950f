using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ingestion;

/// <summary>Maps device EUIs and serials to meters, cached in memory; unknown keys are looked up once per batch.</summary>
public sealed class MeterDirectory
{
    private readonly ConcurrentDictionary<(DeviceKeyKind, string), MeterInfo> cache = new();

    public void Invalidate() => cache.Clear();

    public async Task<IReadOnlyDictionary<(DeviceKeyKind, string), MeterInfo>> ResolveAsync(QuantifyDbContext db, IEnumerable<(DeviceKeyKind Kind, string Key)> keys, CancellationToken ct)
    {
        var wanted = keys.Select(k => (k.Kind, k.Kind == DeviceKeyKind.DeviceEui ? k.Key.ToLowerInvariant() : k.Key)).Distinct().ToList();
        var missing = wanted.Where(k => !cache.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            var euis = missing.Where(k => k.Item1 == DeviceKeyKind.DeviceEui).Select(k => k.Item2).ToList();
            var serials = missing.Where(k => k.Item1 == DeviceKeyKind.Serial).Select(k => k.Item2).ToList();
            var found = await db.Meters.AsNoTracking()
                .Where(m => (m.DeviceEui != null && euis.Contains(m.DeviceEui)) || serials.Contains(m.SerialNumber))
                .Select(m => new MeterRow(m.Id, m.EstateId, m.UnitId, m.Type, m.IsActive, m.DeviceEui, m.SerialNumber, m.InstallationDate))
                .ToListAsync(ct);
            foreach (var (m, info) in await InfosAsync(db, found, ct))
            {
                if (m.DeviceEui is not null) cache[(DeviceKeyKind.DeviceEui, m.DeviceEui)] = info;
                cache[(DeviceKeyKind.Serial, m.SerialNumber)] = info;
            }
        }
        var result = new Dictionary<(DeviceKeyKind, string), MeterInfo>();
        foreach (var k in keys.Distinct())
        {
            var norm = (k.Kind, k.Kind == DeviceKeyKind.DeviceEui ? k.Key.ToLowerInvariant() : k.Key);
            if (cache.TryGetValue(norm, out var info)) result[(k.Kind, k.Key)] = info;
        }
        return result;
    }

    /// <summary>One meter by id, read from the database (an admin action on a held reading; not cached).</summary>
    public static async Task<MeterInfo?> ByIdAsync(QuantifyDbContext db, int meterId, CancellationToken ct)
    {
        var rows = await db.Meters.AsNoTracking().Where(m => m.Id == meterId)
            .Select(m => new MeterRow(m.Id, m.EstateId, m.UnitId, m.Type, m.IsActive, m.DeviceEui, m.SerialNumber, m.InstallationDate)).ToListAsync(ct);
        return (await InfosAsync(db, rows, ct)).Select(x => x.Info).FirstOrDefault();
    }

    private sealed record MeterRow(int Id, int EstateId, int? UnitId, MeterType Type, bool IsActive, string? DeviceEui, string SerialNumber, DateOnly? InstallationDate);

    /// <summary>The installation date becomes an instant at local midnight in the estate's time zone.</summary>
    private static async Task<List<(MeterRow Row, MeterInfo Info)>> InfosAsync(QuantifyDbContext db, List<MeterRow> rows, CancellationToken ct)
    {
        var estates = rows.Where(r => r.InstallationDate is not null).Select(r => r.EstateId).Distinct().ToList();
        var zones = estates.Count == 0 ? [] : await db.Set<EstateSettings>().AsNoTracking().Where(s => estates.Contains(s.EstateId))
            .ToDictionaryAsync(s => s.EstateId, s => s.TimeZone, ct);
        return rows.Select(m =>
        {
            DateTimeOffset? installedFrom = null;
            if (m.InstallationDate is DateOnly date)
            {
                var zone = EstateTime.Resolve(zones.GetValueOrDefault(m.EstateId));
                var local = date.ToDateTime(TimeOnly.MinValue);
                installedFrom = new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
            }
            return (m, new MeterInfo(m.Id, m.EstateId, m.UnitId, m.Type, m.IsActive, installedFrom));
        }).ToList();
    }
}

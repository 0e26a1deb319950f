using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
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
                .Select(m => new { m.Id, m.EstateId, m.UnitId, m.Type, m.IsActive, m.DeviceEui, m.SerialNumber })
                .ToListAsync(ct);
            foreach (var m in found)
            {
                var info = new MeterInfo(m.Id, m.EstateId, m.UnitId, m.Type, m.IsActive);
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
}

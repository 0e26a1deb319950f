using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// Which meters a 4G/NB-IoT gateway may report: those attached to it, or, when the gateway is set to report
/// estate-wide, any meter of its estate; never another estate's. Meters nobody has registered yet are left to the
/// pipeline (dead-lettered as unknown, replayable once registered).
/// </summary>
public static class GatewayScope
{
    /// <summary>Null when the gateway may report every meter the batch names; otherwise why not, naming the meters.</summary>
    public static async Task<string?> RefusalAsync(QuantifyDbContext db, Gateway gateway, DecodedMessage decoded, CancellationToken ct)
    {
        var serials = decoded.Readings.Where(r => r.KeyKind == DeviceKeyKind.Serial).Select(r => r.DeviceKey).Distinct().ToList();
        var euis = decoded.Readings.Where(r => r.KeyKind == DeviceKeyKind.DeviceEui).Select(r => r.DeviceKey.ToLowerInvariant()).Distinct().ToList();
        var named = await db.Meters.AsNoTracking()
            .Where(m => serials.Contains(m.SerialNumber) || (m.DeviceEui != null && euis.Contains(m.DeviceEui)))
            .Select(m => new { m.SerialNumber, m.EstateId, m.GatewayId }).ToListAsync(ct);
        var foreign = named.Where(m => m.EstateId != gateway.EstateId).Select(m => m.SerialNumber).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
            return $"Gateway '{gateway.Code}' may only report meters of its own estate; these belong elsewhere: {string.Join(", ", foreign.Take(10))}.";
        var notBehind = named.Where(m => !gateway.MayReport(m.EstateId, m.GatewayId)).Select(m => m.SerialNumber).Order(StringComparer.Ordinal).ToList();
        if (notBehind.Count > 0)
            return $"Gateway '{gateway.Code}' may only report the meters attached to it; not attached: {string.Join(", ", notBehind.Take(10))}"
                + (notBehind.Count > 10 ? $" and {notBehind.Count - 10} more" : "")
                + $". Attach them to {gateway.Code} on the gateway page (or let it report estate-wide), then replay this batch.";
        return null;
    }
}

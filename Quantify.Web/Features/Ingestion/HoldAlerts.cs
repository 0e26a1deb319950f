using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// One open alert per meter and kind for its held readings: a device stamping every uplink 2099 raises one alert, not
/// a hundred. Hold alerts are told apart by their message prefix and resolved when the meter's last held reading is.
/// </summary>
public sealed class HoldAlerts
{
    public const string Prefix = "Held: ";
    private readonly Dictionary<(int MeterId, AlertKind Kind), (AlertSeverity Severity, string Message)> raised = [];

    public static (AlertKind Kind, AlertSeverity Severity) KindOf(HoldReason reason) => reason switch
    {
        HoldReason.FutureTimestamp or HoldReason.BeforeInstallation => (AlertKind.ClockSkew, AlertSeverity.Warning),
        HoldReason.RegisterBelowHighest => (AlertKind.Rollback, AlertSeverity.Critical),
        _ => (AlertKind.Anomaly, AlertSeverity.Critical),
    };

    public void Raise(int meterId, HoldReason reason, string message)
    {
        var (kind, severity) = KindOf(reason);
        raised.TryAdd((meterId, kind), (severity, message));
    }

    /// <summary>Adds the alerts whose meter has no open hold alert of that kind yet.</summary>
    public async Task AddAsync(QuantifyDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        if (raised.Count == 0) return;
        var meterIds = raised.Keys.Select(k => k.MeterId).Distinct().ToList();
        var open = (await db.MeterAlerts.AsNoTracking()
                .Where(a => meterIds.Contains(a.MeterId) && a.ResolvedAt == null && a.Message.StartsWith(Prefix))
                .Select(a => new { a.MeterId, a.Kind }).ToListAsync(ct))
            .Select(a => (a.MeterId, a.Kind)).ToHashSet();
        foreach (var ((meterId, kind), (severity, message)) in raised)
            if (!open.Contains((meterId, kind))) db.MeterAlerts.Add(new MeterAlert(meterId, kind, severity, message, now));
        raised.Clear();
    }

    /// <summary>Resolves a meter's open hold alerts once none of its readings is held any more.</summary>
    public static async Task ResolveIfClearAsync(QuantifyDbContext db, int meterId, DateTimeOffset now, CancellationToken ct)
    {
        if (await db.MeterReadings.AnyAsync(r => r.MeterId == meterId && r.Status == ReadingStatus.Held, ct)) return;
        foreach (var alert in await db.MeterAlerts.Where(a => a.MeterId == meterId && a.ResolvedAt == null && a.Message.StartsWith(Prefix)).ToListAsync(ct))
            alert.Resolve(now);
    }
}

using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Features.Webhooks;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// Marks meters offline that have not been heard from for <see cref="Jobs.JobsOptions.MeterOfflineAfterMinutes"/>
/// (a reading or any uplink marks them online again) and queues one <c>meter.offline</c> webhook per meter going
/// offline, in the same save. Run by the meter-comms job every minute.
/// </summary>
public sealed class MeterCommsService(IDbContextFactory<QuantifyDbContext> factory, WebhookPublisher webhooks, WebhookSignal signal, Jobs.JobsOptions options,
    TimeProvider clock)
{
    public async Task<int> MarkSilentMetersOfflineAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var cutoff = now - TimeSpan.FromMinutes(Math.Max(1, options.MeterOfflineAfterMinutes));
        var silent = await (from s in db.MeterStates
                            join m in db.Meters on s.MeterId equals m.Id
                            where m.IsActive && s.CommsStatus == CommsStatus.Online && s.LastSeenAt != null && s.LastSeenAt < cutoff
                            select new { State = s, m.EstateId, m.UnitId, m.SerialNumber, m.DeviceEui, m.Type }).Take(5000).ToListAsync(ct);
        if (silent.Count == 0) return 0;
        var events = new List<WebhookEvent>();
        foreach (var x in silent)
        {
            x.State.MarkOffline();
            events.Add(new WebhookEvent(x.EstateId, WebhookEvents.MeterOffline,
                $"{WebhookEvents.MeterOffline}:{x.State.MeterId}:{x.State.LastSeenAt!.Value.ToUnixTimeSeconds()}", new
                {
                    meterId = x.State.MeterId,
                    serialNumber = x.SerialNumber,
                    deviceEui = x.DeviceEui,
                    meterType = x.Type.ToString(),
                    unitId = x.UnitId,
                    lastSeenAt = x.State.LastSeenAt,
                    offlineAfterMinutes = options.MeterOfflineAfterMinutes,
                    detectedAt = now,
                }));
        }
        var queued = await webhooks.EnqueueInAsync(db, events, ct);
        await db.SaveChangesAsync(ct);
        if (queued > 0) signal.Notify();
        return silent.Count;
    }
}

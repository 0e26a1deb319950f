using System.Text.Json;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// Writes the audit entry for an admin's action on a held reading (readings are telemetry and not audited by the
/// interceptor): who, when, from where, the action, the reading's old and new status and time, and the reason given.
/// </summary>
public static class HeldReadingAudit
{
    public static void Add(QuantifyDbContext db, MeterReading reading, string action, ReadingStatus oldStatus, DateTimeOffset oldReadAt, string reason, DateTimeOffset now)
    {
        var actor = UserContext.Actor;
        var changes = new Dictionary<string, object?>
        {
            [nameof(MeterReading.Status)] = new { Old = oldStatus.ToString(), New = reading.Status.ToString() },
            [nameof(MeterReading.HoldReason)] = reading.HoldReason?.ToString(),
            ["Reason"] = reason,
        };
        if (oldReadAt != reading.ReadAt) changes[nameof(MeterReading.ReadAt)] = new { Old = oldReadAt, New = reading.ReadAt };
        if (reading.Consumption is not null) changes[nameof(MeterReading.Consumption)] = reading.Consumption;
        db.AuditEntries.Add(new AuditEntry
        {
            At = now,
            UserId = actor?.UserId,
            IpAddress = actor?.IpAddress,
            EntityType = nameof(MeterReading),
            EntityId = reading.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Action = action,
            ChangesJson = JsonSerializer.Serialize(changes),
        });
    }
}

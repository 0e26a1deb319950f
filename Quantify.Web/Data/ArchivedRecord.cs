namespace Quantify.Web.Data;

/// <summary>A snapshot of a row taken just before an allowed hard delete, so it can be restored.</summary>
public sealed class ArchivedRecord
{
    public long Id { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string SnapshotJson { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset ArchivedAt { get; set; }
    public string? ArchivedById { get; set; }
    public DateTimeOffset? RestoredAt { get; set; }
}

/// <summary>Who changed what master data or setting, when, from where, with old and new values.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string? IpAddress { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string Action { get; set; } = "";
    public string ChangesJson { get; set; } = "";
}

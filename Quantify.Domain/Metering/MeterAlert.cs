namespace Quantify.Domain.Metering;

public enum AlertKind { Tamper, Rollback, Leak, Anomaly, Offline, LowBattery, ClockSkew, LowBalance, Disconnected, DebtCap }
public enum AlertSeverity { Info, Warning, Critical }

/// <summary>Something a meter reported or the pipeline noticed. Telemetry: acknowledged and resolved, never deleted.</summary>
public sealed class MeterAlert
{
    private MeterAlert() { }

    public MeterAlert(int meterId, AlertKind kind, AlertSeverity severity, string message, DateTimeOffset raisedAt)
    {
        MeterId = meterId;
        Kind = kind;
        Severity = severity;
        Message = message;
        RaisedAt = raisedAt;
    }

    public long Id { get; private set; }
    public int MeterId { get; private set; }
    public AlertKind Kind { get; private set; }
    public AlertSeverity Severity { get; private set; }
    public string Message { get; private set; } = "";
    public DateTimeOffset RaisedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedById { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsOpen => ResolvedAt is null;

    public void Acknowledge(string userId, DateTimeOffset at)
    {
        AcknowledgedById = userId;
        AcknowledgedAt = at;
    }

    public void Resolve(DateTimeOffset at) => ResolvedAt = at;
}

namespace Quantify.Domain.Metering;

public enum CommandKind { RelayOff, RelayOn, ReadNow, SyncClock }
public enum CommandStatus { Queued, Sent, Acknowledged, Failed, Expired }

/// <summary>A command to a meter (e.g. open the relay) with its life cycle. Audit data: never deleted.</summary>
public sealed class DeviceCommand
{
    private DeviceCommand() { }

    public DeviceCommand(int meterId, CommandKind kind, string reason, DateTimeOffset queuedAt, DateTimeOffset expiresAt, string? requestedById = null)
    {
        MeterId = meterId;
        Kind = kind;
        Reason = reason;
        QueuedAt = queuedAt;
        ExpiresAt = expiresAt;
        RequestedById = requestedById;
        NextAttemptAt = queuedAt;
    }

    public long Id { get; private set; }
    public int MeterId { get; private set; }
    public CommandKind Kind { get; private set; }
    public CommandStatus Status { get; private set; } = CommandStatus.Queued;
    public string Reason { get; private set; } = "";
    public string? RequestedById { get; private set; }
    public DateTimeOffset QueuedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    /// <summary>Correlates a downlink with its acknowledgement (ChirpStack queue id, Modbus transaction).</summary>
    public string? CorrelationId { get; private set; }

    public bool IsFinished => Status is CommandStatus.Acknowledged or CommandStatus.Failed or CommandStatus.Expired;

    public void MarkSent(DateTimeOffset at, string? correlationId)
    {
        Attempts++;
        Status = CommandStatus.Sent;
        SentAt = at;
        CorrelationId = correlationId;
        NextAttemptAt = at + Backoff(Attempts);
    }

    public void MarkAcknowledged(DateTimeOffset at)
    {
        Status = CommandStatus.Acknowledged;
        AcknowledgedAt = at;
        NextAttemptAt = null;
    }

    public void MarkAttemptFailed(DateTimeOffset at, string error, int maxAttempts = 5)
    {
        Attempts++;
        LastError = error;
        if (Attempts >= maxAttempts) { Status = CommandStatus.Failed; NextAttemptAt = null; }
        else { Status = CommandStatus.Queued; NextAttemptAt = at + Backoff(Attempts); }
    }

    /// <summary>A sent command whose acknowledgement did not arrive in time: try again, or give up after <paramref name="maxAttempts"/>.</summary>
    public void MarkUnacknowledged(DateTimeOffset at, int maxAttempts = 5)
    {
        LastError = $"No acknowledgement within {Backoff(Attempts).TotalSeconds:0} s of attempt {Attempts}.";
        if (Attempts >= maxAttempts) { Status = CommandStatus.Failed; NextAttemptAt = null; }
        else { Status = CommandStatus.Queued; NextAttemptAt = at; }
    }

    /// <summary>A command overtaken by a newer one for the same meter (e.g. a top-up arrived before the disconnection went out).</summary>
    public void Supersede(DateTimeOffset at, string why)
    {
        if (IsFinished) return;
        Status = CommandStatus.Expired;
        LastError = why;
        NextAttemptAt = null;
        ExpiresAt = at;
    }

    public void ExpireIfDue(DateTimeOffset now)
    {
        if (!IsFinished && now >= ExpiresAt) { Status = CommandStatus.Expired; NextAttemptAt = null; }
    }

    /// <summary>Exponential back-off: 30 s, 1 min, 2 min, 4 min ... capped at 30 minutes.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, Math.Max(0, attempts - 1)), 1800));
}

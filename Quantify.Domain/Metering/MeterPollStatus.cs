namespace Quantify.Domain.Metering;

/// <summary>
/// How polling a meter is going (Modbus meters behind a gateway we poll): when it was last polled, the last success,
/// the last error and how many polls in a row have failed. Telemetry, one row per polled meter, written by the poller
/// so failures show on the meter and gateway pages, not only in the log.
/// </summary>
public sealed class MeterPollStatus
{
    public const int ErrorMaxLength = 500;

    private MeterPollStatus() { }

    public MeterPollStatus(int meterId) => MeterId = meterId;

    public int MeterId { get; private set; }
    public DateTimeOffset? LastPollAt { get; private set; }
    public DateTimeOffset? LastSuccessAt { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }
    public string? LastError { get; private set; }
    public int ConsecutiveFailures { get; private set; }

    public bool IsFailing => ConsecutiveFailures > 0;

    public void RecordSuccess(DateTimeOffset at)
    {
        LastPollAt = at;
        LastSuccessAt = at;
        ConsecutiveFailures = 0;
    }

    /// <summary>Keeps the error (cut to <see cref="ErrorMaxLength"/>) and counts the failure; the last success stays as it was.</summary>
    public void RecordFailure(DateTimeOffset at, string error)
    {
        LastPollAt = at;
        LastErrorAt = at;
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        ConsecutiveFailures++;
    }
}

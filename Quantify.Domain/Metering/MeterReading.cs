namespace Quantify.Domain.Metering;

public enum ReadingStatus { Billed, NotBilled, Rollback, Anomaly, Baseline }

/// <summary>
/// One register reading of a meter, as received. Telemetry: never deleted, never updated after billing.
/// Deduplicated per meter by <see cref="DedupeKey"/> (ChirpStack deduplicationId, a source message id, or meter+timestamp).
/// </summary>
public sealed class MeterReading
{
    private MeterReading() { }

    public MeterReading(int meterId, DateTimeOffset readAt, decimal register, string dedupeKey, string source, DateTimeOffset receivedAt)
    {
        MeterId = meterId;
        ReadAt = readAt;
        Register = register;
        DedupeKey = dedupeKey;
        Source = source;
        ReceivedAt = receivedAt;
    }

    public long Id { get; private set; }
    public int MeterId { get; private set; }
    public DateTimeOffset ReadAt { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    /// <summary>The meter's cumulative register (kWh or kL).</summary>
    public decimal Register { get; private set; }
    /// <summary>Consumption since the previous reading of this meter (null for the first reading).</summary>
    public decimal? Consumption { get; private set; }
    public string DedupeKey { get; private set; } = "";
    public string Source { get; private set; } = "";
    public ReadingStatus Status { get; private set; } = ReadingStatus.NotBilled;
    /// <summary>Rand charged for this reading (VAT inclusive), when billed.</summary>
    public decimal? Amount { get; private set; }
    public bool? RelayClosed { get; private set; }
    public decimal? TemperatureC { get; private set; }
    public bool Leak { get; private set; }
    public bool Tamper { get; private set; }

    public void SetFlags(bool? relayClosed, decimal? temperatureC, bool leak, bool tamper)
    {
        RelayClosed = relayClosed;
        TemperatureC = temperatureC;
        Leak = leak;
        Tamper = tamper;
    }

    public void SetConsumption(decimal? consumption, ReadingStatus status)
    {
        Consumption = consumption;
        Status = status;
    }

    public void MarkBilled(decimal amount)
    {
        Amount = amount;
        Status = ReadingStatus.Billed;
    }
}

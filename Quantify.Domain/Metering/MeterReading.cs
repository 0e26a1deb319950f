namespace Quantify.Domain.Metering;

/// <summary>
/// Billed, NotBilled (accepted, nothing charged: zero consumption, late, unpriced), Baseline (the first accepted reading, or
/// one an admin made the new baseline), Held (stored, not billed, not the baseline: see <see cref="HoldReason"/>), Discarded
/// (a held reading an admin rejected). Rollback and Anomaly are kept for rows stored before readings were held.
/// </summary>
public enum ReadingStatus { Billed, NotBilled, Rollback, Anomaly, Baseline, Held, Discarded }

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
    /// <summary>Why the reading was held (kept after an admin releases or discards it).</summary>
    public HoldReason? HoldReason { get; private set; }
    /// <summary>The time the device stamped, when an admin released the reading with a corrected <see cref="ReadAt"/>.</summary>
    public DateTimeOffset? DeviceReadAt { get; private set; }
    /// <summary>When an admin released, discarded or re-based a held reading.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsHeld => Status == ReadingStatus.Held;

    /// <summary>
    /// A held reading that was never charged can be released. One that was billed before it was held (found by the
    /// one-off check) had its charge reversed; the meter's next accepted reading bills its consumption, so it is discarded.
    /// </summary>
    public bool CanRelease => IsHeld && Amount is null;

    /// <summary>Holds the reading: stored, not billed, not the meter's baseline, until an admin releases or discards it.</summary>
    public void Hold(HoldReason reason)
    {
        if (Status is ReadingStatus.Discarded) throw new InvalidOperationException($"Reading #{Id} was discarded; it cannot be held again.");
        HoldReason = reason;
        Status = ReadingStatus.Held;
        Consumption = null;
    }

    /// <summary>Releases a held reading with the time it was really taken; the pipeline then assesses and bills it like any reading.</summary>
    public void Release(DateTimeOffset correctedReadAt, DateTimeOffset now)
    {
        if (!CanRelease) throw new InvalidOperationException($"Reading #{Id} cannot be released.");
        DeviceReadAt = ReadAt;
        ReadAt = correctedReadAt;
        ResolvedAt = now;
        Status = ReadingStatus.NotBilled;
    }

    /// <summary>Rejects a held reading for good: kept for the record, never billed.</summary>
    public void Discard(DateTimeOffset now)
    {
        if (!IsHeld) throw new InvalidOperationException($"Reading #{Id} is not held.");
        ResolvedAt = now;
        Status = ReadingStatus.Discarded;
    }

    /// <summary>An admin declares the meter was reset or replaced: this held reading becomes the baseline later readings bill from.</summary>
    public void MakeBaseline(DateTimeOffset now)
    {
        if (!IsHeld) throw new InvalidOperationException($"Reading #{Id} is not held.");
        ResolvedAt = now;
        Consumption = null;
        Status = ReadingStatus.Baseline;
    }

    /// <summary>Gives a new reading the id its writer allocated (a batch writer that inserts readings with known ids).</summary>
    public void AssignId(long id)
    {
        if (Id != 0) throw new InvalidOperationException($"Reading #{Id} already has an id.");
        Id = id;
    }

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

namespace Quantify.Ingestion.Pipeline;

public enum ReadingVerdict
{
    /// <summary>First reading of a meter: the baseline, nothing to bill.</summary>
    Baseline,
    /// <summary>Normal: bill the consumption.</summary>
    Bill,
    /// <summary>Older than the meter's latest reading: stored, already covered by the later delta.</summary>
    Late,
    /// <summary>Register went backwards: tamper/rollback alert, the new register becomes the baseline.</summary>
    Rollback,
    /// <summary>A jump no real installation could consume in the time: held unbilled with an anomaly alert.</summary>
    Anomaly,
}

public sealed record ReadingAssessment(ReadingVerdict Verdict, decimal? Consumption, string? AlertMessage, bool ClockSkew);

/// <summary>The last accepted reading of a meter.</summary>
public readonly record struct LastReading(DateTimeOffset ReadAt, decimal Register);

/// <summary>
/// Pure rules that turn a new register value into consumption. Registers are cumulative, so a late (out-of-order)
/// reading bills nothing: the next later reading's delta already covers its interval, and totals stay exact.
/// </summary>
public static class ConsumptionRules
{
    /// <summary>Clock tolerance: a device stamping a reading further in the future than this is flagged.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static ReadingAssessment Assess(LastReading? last, DateTimeOffset readAt, decimal register, DateTimeOffset receivedAt, decimal maxPerHour)
    {
        var skew = readAt - receivedAt > FutureTolerance;
        if (last is not { } prev) return new ReadingAssessment(ReadingVerdict.Baseline, null, null, skew);
        if (readAt <= prev.ReadAt) return new ReadingAssessment(ReadingVerdict.Late, null, null, skew);
        var delta = register - prev.Register;
        if (delta < 0)
            return new ReadingAssessment(ReadingVerdict.Rollback, null,
                $"Register went backwards from {prev.Register} to {register} (tamper, rollback or an unregistered meter replacement).", skew);
        var hours = (decimal)(readAt - prev.ReadAt).TotalHours;
        var ceiling = maxPerHour * Math.Max(hours, 0.25m);
        if (delta > ceiling)
            return new ReadingAssessment(ReadingVerdict.Anomaly, delta,
                $"Implausible jump of {delta} in {hours:0.##} h (more than {ceiling:0.###}); held for review, not billed.", skew);
        return new ReadingAssessment(ReadingVerdict.Bill, delta, null, skew);
    }
}

using Quantify.Domain.Common;
using Quantify.Domain.Metering;

namespace Quantify.Ingestion.Pipeline;

public enum ReadingVerdict
{
    /// <summary>First reading of a meter: the baseline, nothing to bill.</summary>
    Baseline,
    /// <summary>Normal: bill the consumption.</summary>
    Bill,
    /// <summary>Older than the meter's latest accepted reading: stored, already covered by the later delta.</summary>
    Late,
    /// <summary>Stored, not billed, never the baseline: see <see cref="ReadingAssessment.Hold"/>. An admin releases or discards it.</summary>
    Held,
}

public sealed record ReadingAssessment(ReadingVerdict Verdict, decimal? Consumption, HoldReason? Hold = null, string? AlertMessage = null)
{
    /// <summary>Whether the reading moves the meter's baseline (its latest accepted time and highest register).</summary>
    public bool Advances => Verdict is ReadingVerdict.Baseline or ReadingVerdict.Bill;
}

/// <summary>The last accepted reading of a meter: the latest accepted time and, since accepted registers never go down, the highest register.</summary>
public readonly record struct LastReading(DateTimeOffset ReadAt, decimal Register);

/// <summary>What a reading is checked against besides the meter's last reading.</summary>
/// <param name="FutureTolerance">How far after its arrival a reading may be stamped (device clocks drift; default 10 minutes).</param>
/// <param name="InstalledFrom">The first instant of the meter's installation date, if known.</param>
/// <param name="MaxPerHour">The most the meter can plausibly register in an hour.</param>
public readonly record struct ReadingLimits(TimeSpan FutureTolerance, DateTimeOffset? InstalledFrom, decimal MaxPerHour);

/// <summary>
/// Pure rules that turn a new register value into consumption. Registers are cumulative, so a late (out-of-order)
/// reading bills nothing: the next later reading's delta already covers its interval, and totals stay exact.
/// A reading that cannot be trusted is held, never billed and never the baseline: one stamped in the future or before
/// installation, one below the highest accepted register (so a glitch that dips and recovers bills only the true
/// advance, from the highest register), or an implausible jump. Only an admin starts a new baseline.
/// </summary>
public static class ConsumptionRules
{
    public static ReadingLimits Limits(decimal maxPerHour, DateTimeOffset? installedFrom = null, TimeSpan? futureTolerance = null) =>
        new(futureTolerance ?? Defaults.FutureReadingTolerance, installedFrom, maxPerHour);

    public static ReadingAssessment Assess(LastReading? last, DateTimeOffset readAt, decimal register, DateTimeOffset receivedAt, ReadingLimits limits)
    {
        var ahead = readAt - receivedAt;
        if (ahead > limits.FutureTolerance)
            return Held(HoldReason.FutureTimestamp,
                $"Held: a reading stamped {readAt:u} arrived at {receivedAt:u} ({Describe(ahead)} early): check the device clock, then release it with the right time or discard it.");
        if (limits.InstalledFrom is { } installed && readAt < installed)
            return Held(HoldReason.BeforeInstallation,
                $"Held: a reading stamped {readAt:u} is before the meter was installed ({installed:u}).");
        if (last is not { } prev) return new ReadingAssessment(ReadingVerdict.Baseline, null);
        if (readAt <= prev.ReadAt) return new ReadingAssessment(ReadingVerdict.Late, null);
        var delta = register - prev.Register;
        if (delta < 0)
            return Held(HoldReason.RegisterBelowHighest,
                $"Held: the register read {register}, below the highest accepted {prev.Register} (a glitch, tamper or an unregistered meter replacement). Billing resumes from {prev.Register}; if the meter was reset or replaced, start a new baseline.");
        var hours = (decimal)(readAt - prev.ReadAt).TotalHours;
        var ceiling = limits.MaxPerHour * Math.Max(hours, 0.25m);
        if (delta > ceiling)
            return Held(HoldReason.ImplausibleJump,
                $"Held: an implausible jump of {delta} in {hours:0.##} h (more than {ceiling:0.###}); not billed.");
        return new ReadingAssessment(ReadingVerdict.Bill, delta);
    }

    private static ReadingAssessment Held(HoldReason reason, string message) => new(ReadingVerdict.Held, null, reason, message);

    private static string Describe(TimeSpan t) => t.TotalDays >= 2 ? $"{t.TotalDays:0} days" : t.TotalHours >= 2 ? $"{t.TotalHours:0} h" : $"{t.TotalMinutes:0} min";
}

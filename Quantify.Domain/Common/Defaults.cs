namespace Quantify.Domain.Common;

/// <summary>
/// Every default value, defined once. The EF model, the services and the UI all read these
/// (seed 000 §6.6: the earlier system had two different defaults for one column).
/// </summary>
public static class Defaults
{
    public const string Country = "South Africa";
    public const string TimeZone = "Africa/Johannesburg";
    public const decimal LowBalanceThreshold = 50m;
    public const decimal MinimumActivationAmount = 20m;
    public const decimal WaterDebtCap = 200m;
    public const decimal LossThresholdPercent = 8m;
    public static readonly TimeOnly FriendlyHoursStart = new(17, 0);
    public static readonly TimeOnly FriendlyHoursEnd = new(8, 0);
    public const Metering.CommsType MeterComms = Metering.CommsType.Lora;
    public const Estates.Occupancy UnitOccupancy = Estates.Occupancy.Vacant;
    public const decimal VatRate = 0.15m;
    /// <summary>Share of an unallocated top-up (e.g. an EFT deposit) that goes to electricity; the rest to water.</summary>
    public const decimal DefaultElectricitySharePercent = 80m;
    /// <summary>Arrears escalation: days in arrears at which each step is taken (warning, restriction notice, suspension, hand to agent).</summary>
    public const int ArrearsWarningDays = 7;
    public const int ArrearsRestrictionDays = 30;
    public const int ArrearsSuspensionDays = 60;
    public const int ArrearsHandToAgentDays = 90;
    /// <summary>A reading stamped further than this after the time it arrived is held, not billed (Ingestion:FutureReadingTolerance).</summary>
    public static readonly TimeSpan FutureReadingTolerance = TimeSpan.FromMinutes(10);
}

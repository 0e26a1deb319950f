using System.Text.Json.Serialization;

namespace Quantify.Domain.Tariffs;

[JsonConverter(typeof(JsonStringEnumConverter<ChargeLineKind>))]
public enum ChargeLineKind { FreeBasic, Flat, Block, TimeOfUse, Fixed }

/// <summary>One line of a charge: a quantity at a rate. <see cref="Amount"/> is whole cents excluding VAT.</summary>
public sealed record ChargeLine
{
    public required ChargeLineKind Kind { get; init; }
    /// <summary>What a resident reads: "Block 1 (≤350 kWh)", "Peak (high season)", "Free basic (50 kWh a month)", "Service charge".</summary>
    public required string Description { get; init; }
    /// <summary>kWh or kL for consumption; days or months for fixed charges.</summary>
    public required decimal Quantity { get; init; }
    /// <summary>"kWh", "kL", "day" or "month".</summary>
    public required string Unit { get; init; }
    /// <summary>Rand per unit excluding VAT (0 for free basic).</summary>
    public required decimal Rate { get; init; }
    /// <summary>Whole cents excluding VAT. The lines of a charge add up to its <see cref="Charge.ExclVat"/>.</summary>
    public required decimal Amount { get; init; }
    /// <summary>Quantity × rate before rounding, for the curious and for audits.</summary>
    public required decimal ExactAmount { get; init; }
    /// <summary>The first day of the local calendar month the quantity was accumulated in.</summary>
    public required DateOnly Month { get; init; }
    /// <summary>The <see cref="Tariff"/> version that priced it (0 when priced from bare rules).</summary>
    public int TariffId { get; init; }
    /// <summary>1-based block number for block lines.</summary>
    public int? Block { get; init; }
    public TouBand? Band { get; init; }
    public Season? Season { get; init; }
}

/// <summary>An amount to charge: lines, and the totals in whole cents. VAT is shown separately and added on top.</summary>
public record Charge
{
    public required IReadOnlyList<ChargeLine> Lines { get; init; }
    public required decimal ExclVat { get; init; }
    public required decimal Vat { get; init; }
    public required decimal VatPercent { get; init; }
    public decimal Total => ExclVat + Vat;
}

/// <summary>The charge for a consumption interval, and the month-to-date state to pass with the meter's next reading.</summary>
public sealed record ConsumptionCharge : Charge
{
    /// <summary>Month-to-date after this reading, for the month the reading ends in: pass it as <see cref="PricingContext.MonthToDate"/> next time.</summary>
    public required MonthToDate After { get; init; }

    /// <summary>Each local month the reading touched, in order, as it stands after the reading (the last one is <see cref="After"/>).</summary>
    public required IReadOnlyList<MonthToDate> Months { get; init; }
}

/// <summary>
/// What has been consumed and charged in one local calendar month before a reading. The billing pipeline keeps the
/// <see cref="ConsumptionCharge.After"/> of a meter's last reading (four numbers) and passes it back; a state for an
/// earlier month than the reading's start is ignored (a new month starts from zero).
/// </summary>
public sealed record MonthToDate
{
    public static readonly MonthToDate None = new();

    /// <summary>The first day of the local calendar month this state is for.</summary>
    public DateOnly Month { get; init; }
    /// <summary>Quantity consumed in the month so far, free units included (it picks the block).</summary>
    public decimal Quantity { get; init; }
    /// <summary>Free basic units already given this month.</summary>
    public decimal FreeBasicUsed { get; init; }
    /// <summary>
    /// The month's consumption cost so far, excl VAT, NOT rounded: the anchor of cumulative rounding. Required for
    /// time-of-use; for flat and block tariffs it may be null, and is then recomputed from <see cref="Quantity"/>
    /// (and <see cref="FreeBasicUsed"/>, taken as the month's first units) under the version in effect at the
    /// reading's start - exact unless the tariff or the eligibility changed earlier in the month.
    /// </summary>
    public decimal? CostUnrounded { get; init; }

    public static MonthToDate StartOf(DateOnly month) => new() { Month = new DateOnly(month.Year, month.Month, 1), CostUnrounded = 0m };
}

/// <summary>Everything about the unit and its month that pricing a reading needs besides the tariffs.</summary>
public sealed record PricingContext
{
    /// <summary>The estate's time zone (e.g. Africa/Johannesburg, UTC+2 without daylight saving), resolved by the caller.</summary>
    public required TimeZoneInfo TimeZone { get; init; }
    /// <summary>The unit whose override, if any, wins over the estate default.</summary>
    public int? UnitId { get; init; }
    /// <summary>Registered for free basic services (indigent); without it the allowance is not given.</summary>
    public bool FreeBasicEligible { get; init; }
    public MonthToDate MonthToDate { get; init; } = MonthToDate.None;
}

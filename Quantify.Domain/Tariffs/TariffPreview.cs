using Quantify.Domain.Common;
using Quantify.Domain.Metering;

namespace Quantify.Domain.Tariffs;

/// <summary>A month's bill under some rules: consumption and fixed charges, VAT, total. What the tariff editor shows.</summary>
public sealed record TariffEstimate
{
    /// <summary>The first day of the month estimated.</summary>
    public required DateOnly Month { get; init; }
    public required decimal Quantity { get; init; }
    /// <summary>"kWh" or "kL".</summary>
    public required string Unit { get; init; }
    public required Charge Consumption { get; init; }
    public required Charge FixedCharges { get; init; }
    public IReadOnlyList<ChargeLine> Lines => [.. Consumption.Lines, .. FixedCharges.Lines];
    public decimal ExclVat => Consumption.ExclVat + FixedCharges.ExclVat;
    /// <summary>The VAT the unit would pay: on consumption and on fixed charges, each rounded the way billing rounds it.</summary>
    public decimal Vat => Consumption.Vat + FixedCharges.Vat;
    public decimal VatPercent => Consumption.VatPercent;
    public decimal Total => ExclVat + Vat;
    /// <summary>Total per kWh or kL, VAT and fixed charges included (4 decimals); null when nothing is consumed.</summary>
    public decimal? AverageRateInclVat => Quantity > 0 ? Math.Round(Total / Quantity, 4, MidpointRounding.AwayFromZero) : null;
}

/// <summary>"What would this unit pay": a monthly bill for a given consumption, priced the way billing prices it.</summary>
public static class TariffPreview
{
    /// <summary>
    /// Estimates a month's bill. The consumption is spread evenly over the days of <paramref name="month"/>; within a
    /// day, by <paramref name="hourlyProfile"/> (24 relative weights for local hours 0-23) or evenly when it is null.
    /// Time-of-use rules therefore depend on the month (season, weekends, public holidays). Fixed charges are those of
    /// the whole month. Invalid rules or a bad profile fail with messages for the editor.
    /// </summary>
    public static Result<TariffEstimate> Estimate(TariffRules rules, decimal monthlyQuantity, bool freeBasicEligible, DateOnly month,
        IReadOnlyList<decimal>? hourlyProfile = null, Utility utility = Utility.Electricity)
    {
        var errors = rules.Validate().ToList();
        if (monthlyQuantity < 0) errors.Add(new Error("negative", "The monthly quantity cannot be negative.", "Quantity"));
        if (hourlyProfile is not null && (hourlyProfile.Count != 24 || hourlyProfile.Any(w => w < 0) || hourlyProfile.Sum() <= 0))
            errors.Add(new Error("invalid_profile", "An hourly profile needs 24 weights (hours 0-23), none negative and not all zero.", "HourlyProfile"));
        if (errors.Count > 0) return Result<TariffEstimate>.Fail(errors);

        var first = new DateOnly(month.Year, month.Month, 1);
        var start = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddMonths(1);
        // Local time is all that matters here, so the estimate runs on a zero-offset clock.
        var context = new PricingContext { TimeZone = TimeZoneInfo.Utc, FreeBasicEligible = freeBasicEligible };

        Charge consumption;
        if (hourlyProfile is null)
        {
            var r = TariffPricer.Price(rules, utility, context, start, end, monthlyQuantity);
            if (r.IsFailure) return Result<TariffEstimate>.Fail(r.Errors);
            consumption = r.Value;
        }
        else
        {
            var r = PriceHourly(rules, utility, context, start, monthlyQuantity, hourlyProfile);
            if (r.IsFailure) return Result<TariffEstimate>.Fail(r.Errors);
            consumption = r.Value;
        }

        return Result<TariffEstimate>.Ok(new TariffEstimate
        {
            Month = first,
            Quantity = monthlyQuantity,
            Unit = TariffText.UnitOf(utility),
            Consumption = consumption,
            FixedCharges = TariffPricer.FixedChargesForMonth(rules, first.Year, first.Month),
        });
    }

    /// <summary>Prices the month as hourly readings (as a smart meter would report), chaining the month-to-date state.</summary>
    private static Result<Charge> PriceHourly(TariffRules rules, Utility utility, PricingContext context, DateTimeOffset start,
        decimal quantity, IReadOnlyList<decimal> profile)
    {
        var hours = DateTime.DaysInMonth(start.Year, start.Month) * 24;
        var weightSum = profile.Sum() * (hours / 24);
        var lines = new List<ChargeLine>();
        decimal excl = 0m, vat = 0m, cumulativeWeight = 0m, before = 0m;
        for (var h = 0; h < hours; h++)
        {
            cumulativeWeight += profile[h % 24];
            var upTo = h == hours - 1
                ? quantity
                : Math.Min(quantity, Math.Round(quantity * cumulativeWeight / weightSum, TariffPricer.QuantityDecimals, MidpointRounding.AwayFromZero));
            var from = start.AddHours(h);
            var r = TariffPricer.Price(rules, utility, context, from, from.AddHours(1), upTo - before);
            if (r.IsFailure) return Result<Charge>.Fail(r.Errors);
            before = upTo;
            context = context with { MonthToDate = r.Value.After };
            excl += r.Value.ExclVat;
            vat += r.Value.Vat;
            foreach (var line in r.Value.Lines)
            {
                var i = lines.FindIndex(l => l.Kind == line.Kind && l.Description == line.Description && l.Rate == line.Rate);
                if (i < 0) lines.Add(line);
                else lines[i] = lines[i] with { Quantity = lines[i].Quantity + line.Quantity, Amount = lines[i].Amount + line.Amount, ExactAmount = lines[i].ExactAmount + line.ExactAmount };
            }
        }
        return Result<Charge>.Ok(new Charge { Lines = lines, ExclVat = excl, Vat = vat, VatPercent = rules.VatPercent });
    }
}

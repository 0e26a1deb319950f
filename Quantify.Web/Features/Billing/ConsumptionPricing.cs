using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Web.Features.Billing;

/// <summary>A reading priced: what it costs and the posting that charges it (null when it costs nothing).</summary>
public sealed record PricedReading(decimal Total, PostingRequest? Request);

/// <summary>
/// Prices one billable reading with its unit's tariff against the meter's month-to-date, moves the month-to-date on,
/// and builds the consumption posting (keyed "reading:{id}"). Shared by <see cref="ConsumptionBiller"/> and the
/// ingestion engine, so both charge exactly the same.
/// </summary>
public static class ConsumptionPricing
{
    public static Result<PricedReading> Price(BillableReading r, TariffSet set, TimeZoneInfo zone, MeterState state, bool freeBasicEligible, Occupancy occupancy,
        bool vacantToCommonProperty, int walletId)
    {
        var meter = r.Meter;
        var context = new PricingContext
        {
            TimeZone = zone,
            UnitId = meter.UnitId!.Value,
            FreeBasicEligible = freeBasicEligible,
            MonthToDate = state.BillingMonth is DateOnly month
                ? new MonthToDate { Month = month, Quantity = state.BillingMonthQuantity, FreeBasicUsed = state.BillingMonthFreeBasicUsed, CostUnrounded = state.BillingMonthCostUnrounded }
                : MonthToDate.None,
        };
        var priced = TariffPricer.Price(set, context, r.PreviousReadAt, r.Reading.ReadAt, r.Consumption);
        if (priced.IsFailure) return Result<PricedReading>.Fail(priced.Errors);
        var charge = priced.Value;
        state.RecordBilling(charge.After.Month, charge.After.Quantity, charge.After.FreeBasicUsed, charge.After.CostUnrounded);
        if (charge.Total == 0) return Result<PricedReading>.Ok(new PricedReading(0m, null));
        var utility = meter.Type.Utility();
        var pocket = CreditControlService.PocketOf(meter.Type)!.Value;
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r.Reading.ReadAt, zone).DateTime);
        var request = Postings.Consumption(r.Reading.Id, walletId, meter.EstateId, pocket, charge.ExclVat, charge.Vat, localDate,
            $"{Describe(utility)} {r.Consumption:0.###} {meter.Type.UnitOfMeasure()} ({LineNames(charge.Lines)})",
            occupancy, vacantToCommonProperty ? VacantConsumption.CommonProperty : VacantConsumption.OwnerWallet);
        return Result<PricedReading>.Ok(new PricedReading(charge.Total, request));
    }

    public static MeterAlert NotPricedAlert(BillableReading r, string error) =>
        new(r.Meter.Id, AlertKind.Anomaly, AlertSeverity.Critical, $"Reading of {r.Reading.ReadAt:u} could not be priced: {error}", r.Reading.ReceivedAt);

    public static MeterAlert NoTariffAlert(int estateId, Utility utility, int meterId, DateTimeOffset at) =>
        new(meterId, AlertKind.Anomaly, AlertSeverity.Warning,
            $"No {Describe(utility).ToLowerInvariant()} tariff for estate #{estateId}: readings are stored but not billed until one is set.", at);

    /// <summary>The lines' descriptions, each once, in order ("Block 1 (≤350 kWh), Block 2 (>350 kWh)").</summary>
    private static string LineNames(IReadOnlyList<ChargeLine> lines)
    {
        if (lines.Count == 1) return lines[0].Description;
        var names = new List<string>(lines.Count);
        foreach (var line in lines)
            if (!names.Contains(line.Description)) names.Add(line.Description);
        return string.Join(", ", names);
    }

    private static string Describe(Utility u) => u switch { Utility.HotWater => "Hot water", _ => u.ToString() };
}

using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;

namespace Quantify.Tests.Domain;

/// <summary>Shared helpers for the tariff tests: South African local times and ready-made contexts.</summary>
internal static class TariffTestKit
{
    public static readonly TimeZoneInfo Sast = TimeZoneInfo.FindSystemTimeZoneById("Africa/Johannesburg");

    /// <summary>A local South African time ("2026-07-15 16:30") as an instant (UTC+2, no daylight saving).</summary>
    public static DateTimeOffset At(string local) => new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(2));

    public static PricingContext Context(bool eligible = false, MonthToDate? monthToDate = null, int? unitId = null) =>
        new() { TimeZone = Sast, FreeBasicEligible = eligible, MonthToDate = monthToDate ?? MonthToDate.None, UnitId = unitId };

    public static ConsumptionCharge Price(TariffRules rules, string from, string to, decimal quantity, PricingContext? context = null)
    {
        var r = TariffPricer.Price(rules, Utility.Electricity, context ?? Context(), At(from), At(to), quantity);
        Assert.True(r.IsSuccess, r.Describe());
        return r.Value;
    }

    public static Tariff Create(TariffRules rules, string effectiveFrom, int? unitId = null, string name = "Residential", Utility utility = Utility.Electricity)
    {
        var r = Tariff.Create(1, unitId, utility, name, DateOnly.Parse(effectiveFrom), rules);
        Assert.True(r.IsSuccess, r.Describe());
        return r.Value;
    }

    /// <summary>Lines and totals agree: lines add up to the excl-VAT amount, whole cents everywhere.</summary>
    public static void AssertConsistent(Charge charge)
    {
        Assert.Equal(charge.ExclVat, charge.Lines.Sum(l => l.Amount));
        Assert.All(charge.Lines, l => Assert.Equal(Math.Round(l.Amount, 2), l.Amount));
        Assert.Equal(Math.Round(charge.Vat, 2), charge.Vat);
        Assert.Equal(charge.ExclVat + charge.Vat, charge.Total);
    }
}

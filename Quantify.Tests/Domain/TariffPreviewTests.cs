using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;

namespace Quantify.Tests.Domain;

public class TariffPreviewTests
{
    private static readonly DateOnly April = new(2026, 4, 1);

    [Fact]
    public void Blocks_500Kwh_NotEligible()
    {
        // 350 × R2.50 = R875.00 + 150 × R3.10 = R465.00 → R1 340.00; VAT R201.00; total R1 541.00.
        var e = TariffPreview.Estimate(TariffRules.SampleElectricityBlocks(), 500m, freeBasicEligible: false, April).Value;
        Assert.Equal([("Block 1 (≤350 kWh)", 350m, 875.00m), ("Block 2 (>350 kWh)", 150m, 465.00m)], e.Lines.Select(l => (l.Description, l.Quantity, l.Amount)));
        Assert.Equal((1340.00m, 201.00m, 1541.00m), (e.ExclVat, e.Vat, e.Total));
        Assert.Equal(3.0820m, e.AverageRateInclVat);
        Assert.Equal("kWh", e.Unit);
    }

    [Fact]
    public void Blocks_500Kwh_Eligible_GetsFiftyKwhFree()
    {
        // 50 free; 300 × R2.50 = R750.00 + 150 × R3.10 = R465.00 → R1 215.00; VAT R182.25; total R1 397.25.
        var e = TariffPreview.Estimate(TariffRules.SampleElectricityBlocks(), 500m, freeBasicEligible: true, April).Value;
        Assert.Equal([50m, 300m, 150m], e.Lines.Select(l => l.Quantity));
        Assert.Equal((1215.00m, 182.25m, 1397.25m), (e.ExclVat, e.Vat, e.Total));
    }

    [Fact]
    public void Water_15Kl_ThroughThreeSteps()
    {
        // 6 × 26.10 = 156.60; 4.5 × 37.50 = 168.75; 4.5 × 52.25 = 235.125 → 560.475 → R560.48; VAT 84.072 → R84.07.
        var e = TariffPreview.Estimate(TariffRules.SampleWaterBlocks(), 15m, false, April, utility: Utility.Water).Value;
        Assert.Equal([156.60m, 168.75m, 235.13m], e.Lines.Select(l => l.Amount));
        Assert.Equal((560.48m, 84.07m, 644.55m), (e.ExclVat, e.Vat, e.Total));
        Assert.Equal("kL", e.Unit);
    }

    [Fact]
    public void TimeOfUse_AllConsumptionAt6pm_InJuly_WithTheDailyServiceCharge()
    {
        // July 2026: 23 weekdays, 4 Saturdays, 4 Sundays, no public holiday. 310 kWh, all in the 18:00 hour = 10 kWh a day.
        // Weekdays peak: 230 × R7.10 = R1 633.00; Saturdays standard: 40 × R2.20 = R88.00; Sundays off-peak: 40 × R1.20 = R48.00.
        // Consumption R1 769.00, VAT R265.35. Service charge 31 × R3.50 = R108.50, VAT 16.275 → R16.28.
        var profile = Enumerable.Range(0, 24).Select(h => h == 18 ? 1m : 0m).ToList();
        var e = TariffPreview.Estimate(TariffRules.SampleTimeOfUse(), 310m, false, new DateOnly(2026, 7, 20), profile).Value;

        Assert.Equal(new DateOnly(2026, 7, 1), e.Month);
        Assert.Equal([("Peak (high season)", 230m, 1633.00m), ("Standard (high season)", 40m, 88.00m), ("Off-peak (high season)", 40m, 48.00m)],
            e.Consumption.Lines.Select(l => (l.Description, l.Quantity, l.Amount)).OrderByDescending(l => l.Item3));
        Assert.Equal((1769.00m, 265.35m), (e.Consumption.ExclVat, e.Consumption.Vat));
        Assert.Equal(("Service charge", 31m, 108.50m, 16.28m), (Assert.Single(e.FixedCharges.Lines).Description, e.FixedCharges.Lines[0].Quantity, e.FixedCharges.ExclVat, e.FixedCharges.Vat));
        Assert.Equal((1877.50m, 281.63m, 2159.13m), (e.ExclVat, e.Vat, e.Total));
    }

    [Fact]
    public void TimeOfUse_FlatProfile_SpreadsEvenly()
    {
        // April 2026 (low season), 720 kWh = 1 kWh an hour. Days: 22 weekdays minus Good Friday (3rd), Family Day (6th)
        // and Freedom Day (27th) = 19 weekdays; 4 Saturdays; 4 Sundays + 3 holidays = 7 Sunday-type days.
        // Weekday: peak 5 h, standard 11 h, off-peak 8 h. Saturday: standard 7 h, off-peak 17 h. Sunday: off-peak 24 h.
        // Peak 95 × 2.30 = 218.50; standard (209 + 28) × 1.60 = 379.20; off-peak (152 + 68 + 168) × 1.05 = 407.40 → R1 005.10.
        var e = TariffPreview.Estimate(TariffRules.SampleTimeOfUse(), 720m, false, April).Value;
        Assert.Equal([("Off-peak (low season)", 388m), ("Standard (low season)", 237m), ("Peak (low season)", 95m)],
            e.Consumption.Lines.Select(l => (l.Description, l.Quantity)));
        Assert.Equal(1005.10m, e.Consumption.ExclVat);
        // The hourly route (a flat profile) gives the same bill.
        var hourly = TariffPreview.Estimate(TariffRules.SampleTimeOfUse(), 720m, false, April, Enumerable.Repeat(1m, 24).ToList()).Value;
        Assert.Equal(e.Total, hourly.Total);
    }

    [Fact]
    public void InvalidRulesOrProfile_FailWithMessagesForTheEditor()
    {
        var bad = TariffPreview.Estimate(new TariffRules { Kind = TariffKind.InclineBlocks }, 100m, false, April, [1m, 2m]);
        Assert.Equal(["A block tariff needs at least one block.", "An hourly profile needs 24 weights (hours 0-23), none negative and not all zero."],
            bad.Errors.Select(e => e.Message));
    }
}

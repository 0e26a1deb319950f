using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;

using static Quantify.Tests.Domain.TariffTestKit;

namespace Quantify.Tests.Domain;

public class TariffVersioningTests
{
    [Fact]
    public void Create_WithInvalidRules_FailsWithFieldsUnderRules()
    {
        var rules = TariffRules.SampleElectricityBlocks() with { Blocks = [new() { UpTo = 350m, Rate = 2.5m }] };
        var r = Tariff.Create(1, null, Utility.Electricity, " ", new DateOnly(2026, 1, 1), rules);
        Assert.True(r.IsFailure);
        Assert.Contains(r.Errors, e => e.Field == "Name" && e.Message == "Name is required.");
        Assert.Contains(r.Errors, e => e.Field == "Rules.Blocks[0].UpTo" && e.Code == "last_block_bounded");
    }

    [Fact]
    public void Supersede_EndsThisVersion_AndStartsTheNextWithTheSameScope()
    {
        var v1 = Create(TariffRules.Flat(2.50m), "2026-01-01", unitId: 7);
        var v2 = v1.Supersede(TariffRules.Flat(2.80m), new DateOnly(2026, 7, 1)).Value;

        Assert.Equal(new DateOnly(2026, 7, 1), v1.EffectiveTo);
        Assert.True(v1.IsEffectiveOn(new DateOnly(2026, 6, 30)));
        Assert.False(v1.IsEffectiveOn(new DateOnly(2026, 7, 1)));
        Assert.Equal((1, 7, Utility.Electricity, "Residential", 2), (v2.EstateId, v2.UnitId, v2.Utility, v2.Name, v2.Version));
        Assert.Equal(new DateOnly(2026, 7, 1), v2.EffectiveFrom);
        Assert.Null(v2.EffectiveTo);
        Assert.Equal(2.50m, v1.Rules.FlatRate); // the old version's rules are untouched
    }

    [Fact]
    public void Supersede_AnEndedVersion_OrNotAfterItsStart_IsRejected_AndChangesNothing()
    {
        var v1 = Create(TariffRules.Flat(2.50m), "2026-01-01");
        v1.Supersede(TariffRules.Flat(2.80m), new DateOnly(2026, 7, 1));

        var again = v1.Supersede(TariffRules.Flat(3m), new DateOnly(2026, 9, 1));
        Assert.Equal("already_ended", Assert.Single(again.Errors).Code);

        var v = Create(TariffRules.Flat(2.50m), "2026-01-01");
        var early = v.Supersede(TariffRules.Flat(3m), new DateOnly(2026, 1, 1));
        Assert.Equal("not_after_current", Assert.Single(early.Errors).Code);
        var invalid = v.Supersede(new TariffRules { Kind = TariffKind.Flat }, new DateOnly(2026, 2, 1));
        Assert.Equal("Rules.FlatRate", Assert.Single(invalid.Errors).Field);
        Assert.Null(v.EffectiveTo);
    }

    [Fact]
    public void Amend_OnlyBeforeTheVersionTakesEffect()
    {
        var v = Create(TariffRules.Flat(2.50m), "2026-07-01");
        Assert.True(v.Amend(TariffRules.Flat(2.60m), "Residential 2026/27", today: new DateOnly(2026, 6, 20)).IsSuccess);
        Assert.Equal(2.60m, v.Rules.FlatRate);

        var late = v.Amend(TariffRules.Flat(2.70m), "Residential", today: new DateOnly(2026, 7, 1));
        Assert.Equal("in_effect", Assert.Single(late.Errors).Code);
        Assert.Equal(2.60m, v.Rules.FlatRate);
        Assert.Equal("Residential 2026/27", v.Name);
    }

    [Fact]
    public void AnAmendedVersion_IsPricedUnderItsNewRulesAndName_AfterBeingPricedOnce()
    {
        // The pricer keeps what it works out per version; amending the version in place must not leave it stale.
        var v = Create(TariffRules.SampleElectricityBlocks(), "2026-07-01");
        var set = new TariffSet([v]);
        var first = TariffPricer.Price(set, Context(), At("2026-07-02 10:00"), At("2026-07-02 11:00"), 10m).Value;
        Assert.Equal("Block 1 (≤350 kWh)", first.Lines.Single().Description);

        Assert.True(v.Amend(TariffRules.Flat(2.00m), "Residential 2026/27", today: new DateOnly(2026, 6, 20)).IsSuccess);
        var second = TariffPricer.Price(set, Context(), At("2026-07-02 10:00"), At("2026-07-02 11:00"), 10m).Value;
        Assert.Equal(("Consumption (flat rate)", 2.00m, 20.00m), (second.Lines.Single().Description, second.Lines.Single().Rate, second.ExclVat));

        Assert.True(v.Amend(TariffRules.Flat(2.00m) with { FreeBasicPerMonth = 5m }, "Residential 2026/27", today: new DateOnly(2026, 6, 20)).IsSuccess);
        var third = TariffPricer.Price(set, Context(eligible: true), At("2026-07-02 10:00"), At("2026-07-02 11:00"), 10m).Value;
        Assert.Equal(["Free basic (5 kWh a month)", "Consumption (flat rate)"], third.Lines.Select(l => l.Description));
        Assert.Equal(10.00m, third.ExclVat);

        // Saved after it was first priced: the database gives it its id (EF sets the property), and lines carry that id.
        Assert.Equal(0, Assert.Single(third.Lines, l => l.Rate != 0).TariffId);
        typeof(Tariff).GetProperty(nameof(Tariff.Id))!.SetValue(v, 42);
        var saved = TariffPricer.Price(set, Context(), At("2026-07-02 10:00"), At("2026-07-02 11:00"), 10m).Value;
        Assert.Equal(42, saved.Lines.Single().TariffId);
    }

    [Fact]
    public void UnitOverride_WinsOverTheEstateDefault_OnlyWhileInEffect()
    {
        var estate = Create(TariffRules.Flat(2.50m), "2026-01-01");
        var unit7 = Create(TariffRules.Flat(2.00m), "2026-02-01", unitId: 7);
        var set = new TariffSet([estate, unit7]);

        Assert.Same(unit7, set.EffectiveOn(new DateOnly(2026, 2, 10), 7));
        Assert.Same(estate, set.EffectiveOn(new DateOnly(2026, 2, 10), 8));
        Assert.Same(estate, set.EffectiveOn(new DateOnly(2026, 1, 31), 7));
        Assert.Same(estate, set.EffectiveOn(new DateOnly(2026, 2, 10)));
        Assert.Null(set.EffectiveOn(new DateOnly(2025, 12, 31), 7));

        Assert.True(unit7.Retire(new DateOnly(2026, 3, 1)).IsSuccess);
        Assert.Same(estate, set.EffectiveOn(new DateOnly(2026, 3, 1), 7));
        Assert.True(unit7.IsRetired);
    }

    [Fact]
    public void UnitOverride_PricesThatUnitsReading()
    {
        // Unit 7 pays R2.00/kWh instead of the estate's R2.50: 10 kWh = R20.00 excl VAT, R3.00 VAT.
        var set = new TariffSet([Create(TariffRules.Flat(2.50m), "2026-01-01"), Create(TariffRules.Flat(2.00m), "2026-02-01", unitId: 7)]);
        var unit7 = TariffPricer.Price(set, Context(unitId: 7), At("2026-02-10 10:00"), At("2026-02-10 11:00"), 10m).Value;
        var unit8 = TariffPricer.Price(set, Context(unitId: 8), At("2026-02-10 10:00"), At("2026-02-10 11:00"), 10m).Value;
        Assert.Equal((20.00m, 3.00m, 23.00m), (unit7.ExclVat, unit7.Vat, unit7.Total));
        Assert.Equal(25.00m, unit8.ExclVat);
    }

    [Fact]
    public void CanAdd_RefusesAnOverlapInTheSameScope_ButAllowsAnOverride()
    {
        var v1 = Create(TariffRules.Flat(2.50m), "2026-01-01");
        var set = new TariffSet([v1]);
        var overlapping = Create(TariffRules.Flat(2.80m), "2026-06-01");
        var e = Assert.Single(set.CanAdd(overlapping).Errors);
        Assert.Equal("It overlaps 'Residential' version 1, in effect from 2026-01-01 with no end; supersede that version instead.", e.Message);
        Assert.True(set.CanAdd(Create(TariffRules.Flat(2.00m), "2026-06-01", unitId: 3)).IsSuccess);

        var water = Create(TariffRules.SampleWaterBlocks(), "2026-01-01", utility: Utility.Water);
        Assert.Equal("other_set", Assert.Single(set.CanAdd(water).Errors).Code);
        Assert.Throws<ArgumentException>(() => new TariffSet([v1, water]));
    }

    [Fact]
    public void NoTariffInEffect_FailsNamingTheDateAndUnit()
    {
        var set = new TariffSet([Create(TariffRules.Flat(2.50m), "2026-03-01")]);
        var r = TariffPricer.Price(set, Context(unitId: 12), At("2026-02-28 23:00"), At("2026-03-01 01:00"), 1m);
        var e = Assert.Single(r.Errors);
        Assert.Equal("no_tariff", e.Code);
        Assert.Equal("No electricity tariff is in effect on 2026-02-28 for unit 12; add one for the estate or the unit.", e.Message);
    }
}

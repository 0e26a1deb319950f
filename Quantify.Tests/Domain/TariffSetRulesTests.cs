using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;

using static Quantify.Tests.Domain.TariffTestKit;

namespace Quantify.Tests.Domain;

/// <summary>
/// Each rule of <see cref="TariffSet"/> with a unit override present and absent: the override wins over the estate
/// default where both are in effect, the default applies where there is no override, and other units are not affected.
/// </summary>
public class TariffSetRulesTests
{
    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Estate default R2.00 from 1 Jan 2026; unit 7's override R1.00 from 1 Mar 2026; unit 8's R5.00 from 1 Feb 2026.</summary>
    private static (Tariff Default, Tariff Unit7, Tariff Unit8) Estate()
    {
        var estate = Create(TariffRules.Flat(2m), "2026-01-01", name: "Estate");
        var unit7 = Create(TariffRules.Flat(1m), "2026-03-01", unitId: 7, name: "Unit 7");
        var unit8 = Create(TariffRules.Flat(5m), "2026-02-01", unitId: 8, name: "Unit 8");
        return (estate, unit7, unit8);
    }

    [Fact]
    public void EffectiveOn_UnitOverride_WinsOverTheEstateDefault_OnlyForItsUnit_AndOnlyFromItsStart()
    {
        var (estate, unit7, unit8) = Estate();
        var set = new TariffSet([unit8, unit7, estate]);
        Assert.Same(unit7, set.EffectiveOn(D("2026-03-01"), 7));
        Assert.Same(estate, set.EffectiveOn(D("2026-02-28"), 7));
        Assert.Same(unit8, set.EffectiveOn(D("2026-03-01"), 8));
        Assert.Same(estate, set.EffectiveOn(D("2026-03-01"), 9));
        Assert.Same(estate, set.EffectiveOn(D("2026-03-01")));
        Assert.Null(set.EffectiveOn(D("2025-12-31"), 7));
    }

    [Fact]
    public void EffectiveOn_WhenTheOverrideEnds_TheDefaultAppliesAgain()
    {
        var (estate, unit7, _) = Estate();
        Assert.True(unit7.Retire(D("2026-06-01")).IsSuccess);
        var set = new TariffSet([estate, unit7]);
        Assert.Same(unit7, set.EffectiveOn(D("2026-05-31"), 7));
        Assert.Same(estate, set.EffectiveOn(D("2026-06-01"), 7));
    }

    [Fact]
    public void EffectiveOn_OverlappingVersionsOfOneScope_TheLaterStartWins_WhateverTheOrderGiven()
    {
        var older = Create(TariffRules.Flat(2m), "2026-01-01", name: "Older");
        var newer = Create(TariffRules.Flat(3m), "2026-04-01", name: "Newer");
        Assert.Same(newer, new TariffSet([older, newer]).EffectiveOn(D("2026-05-01")));
        Assert.Same(newer, new TariffSet([newer, older]).EffectiveOn(D("2026-05-01")));
        Assert.Same(older, new TariffSet([newer, older]).EffectiveOn(D("2026-03-31")));
    }

    [Fact]
    public void Price_UsesTheOverrideForItsUnit_AndTheDefaultForTheOthers()
    {
        var (estate, unit7, unit8) = Estate();
        var set = new TariffSet([estate, unit7, unit8]);
        decimal Excl(int? unit) => TariffPricer.Price(set, Context(unitId: unit), At("2026-03-10 00:00"), At("2026-03-11 00:00"), 10m).Value.ExclVat;
        Assert.Equal(10.00m, Excl(7));
        Assert.Equal(50.00m, Excl(8));
        Assert.Equal(20.00m, Excl(9));
        Assert.Equal(20.00m, Excl(null));
    }

    [Fact]
    public void Price_AcrossTheOverridesStart_CutsAtLocalMidnight_AndKeepsALinePerVersion()
    {
        var estate = Create(TariffRules.Flat(2m), "2026-01-01", name: "Estate");
        var unit7 = Create(TariffRules.Flat(1m), "2026-03-10", unitId: 7, name: "Unit 7");
        var set = new TariffSet([estate, unit7]);
        // 10 Mar 00:00 SAST: 12 h on the default (R2.00), 12 h on the override (R1.00), 24 kWh.
        var charge = TariffPricer.Price(set, Context(unitId: 7), At("2026-03-09 12:00"), At("2026-03-10 12:00"), 24m).Value;
        Assert.Equal([(2.00m, 12m, 24.00m), (1.00m, 12m, 12.00m)], charge.Lines.Select(l => (l.Rate, l.Quantity, l.Amount)));
        Assert.Equal(36.00m, charge.ExclVat);
        Assert.Equal(20.00m, TariffPricer.Price(set, Context(unitId: 8), At("2026-03-09 12:00"), At("2026-03-10 12:00"), 10m).Value.ExclVat);
    }

    [Fact]
    public void Price_AcrossTheOverridesEnd_CutsAtLocalMidnight_AndTheDefaultPricesTheRest()
    {
        var (estate, unit7, _) = Estate();
        Assert.True(unit7.Retire(D("2026-06-15")).IsSuccess); // mid-month, and nothing starts that day: the cut comes from the end alone
        var set = new TariffSet([estate, unit7]);
        // 15 Jun 00:00 SAST: 12 h on the override (R1.00), then 12 h on the default (R2.00), 24 kWh.
        var charge = TariffPricer.Price(set, Context(unitId: 7), At("2026-06-14 12:00"), At("2026-06-15 12:00"), 24m).Value;
        Assert.Equal([(1.00m, 12m, 12.00m), (2.00m, 12m, 24.00m)], charge.Lines.Select(l => (l.Rate, l.Quantity, l.Amount)));
        Assert.Equal(36.00m, charge.ExclVat);
    }

    [Fact]
    public void Price_TwoVersionsWithTheSameRate_InOneMonth_KeepALineEach()
    {
        var v1 = Create(TariffRules.Flat(2m), "2026-01-01", name: "Estate");
        var v2 = v1.Supersede(TariffRules.Flat(2m), DateOnly.Parse("2026-03-10", System.Globalization.CultureInfo.InvariantCulture), "Estate 2026b").Value;
        var charge = TariffPricer.Price(new TariffSet([v1, v2]), Context(), At("2026-03-09 12:00"), At("2026-03-10 12:00"), 24m).Value;
        Assert.Equal([12m, 12m], charge.Lines.Select(l => l.Quantity));
        Assert.Equal(48.00m, charge.ExclVat);
    }

    [Fact]
    public void Versions_AreTheDefaultsFirst_ThenEachUnitsOverrides_OldestFirst()
    {
        var estate = Create(TariffRules.Flat(2m), "2026-01-01", name: "Estate");
        var estate2 = estate.Supersede(TariffRules.Flat(2.5m), D("2026-07-01")).Value;
        var unit9 = Create(TariffRules.Flat(1m), "2026-01-15", unitId: 9, name: "Unit 9");
        var unit7 = Create(TariffRules.Flat(1m), "2026-03-01", unitId: 7, name: "Unit 7");
        var unit7b = unit7.Supersede(TariffRules.Flat(1.5m), D("2026-05-01")).Value;
        var set = new TariffSet([unit7b, unit9, estate2, unit7, estate]);
        Assert.Equal([estate, estate2, unit7, unit7b, unit9], set.Versions);
        Assert.Equal([estate, estate2], set.HistoryOf(null));
        Assert.Equal([unit7, unit7b], set.HistoryOf(7));
        Assert.Empty(set.HistoryOf(8));
    }

    [Fact]
    public void ChangeDates_OfAUnit_AreItsOwnAndTheEstates_InOrder_NotOtherUnits()
    {
        var (estate, unit7, unit8) = Estate();
        Assert.True(unit7.Retire(D("2026-06-01")).IsSuccess);
        var set = new TariffSet([unit8, unit7, estate]);
        Assert.Equal([D("2026-01-01"), D("2026-03-01"), D("2026-06-01")], set.ChangeDatesFor(7));
        Assert.Equal([D("2026-01-01"), D("2026-02-01")], set.ChangeDatesFor(8));
        Assert.Equal([D("2026-01-01")], set.ChangeDatesFor(null));
    }

    [Fact]
    public void Utility_IsTheVersions_OrNoneForAnEmptySet()
    {
        Assert.Null(new TariffSet([]).Utility);
        Assert.Equal(Utility.Water, new TariffSet([Create(TariffRules.SampleWaterBlocks(), "2026-01-01", utility: Utility.Water)]).Utility);
    }

    [Fact]
    public void Set_OfTwoEstatesOrUtilities_IsRefused()
    {
        var power = Create(TariffRules.Flat(2m), "2026-01-01");
        var water = Create(TariffRules.SampleWaterBlocks(), "2026-01-01", utility: Utility.Water);
        var e = Assert.Throws<ArgumentException>(() => new TariffSet([power, water]));
        Assert.StartsWith("A tariff set holds the versions of one estate and one utility.", e.Message);
        Assert.Equal("versions", e.ParamName);
    }

    [Fact]
    public void CanAdd_ToAnEmptySet_AnythingGoes_ButNotAnotherUtilityLater()
    {
        var power = Create(TariffRules.Flat(2m), "2026-01-01");
        Assert.True(new TariffSet([]).CanAdd(power).IsSuccess);
        var water = Create(TariffRules.SampleWaterBlocks(), "2026-01-01", utility: Utility.Water);
        var e = Assert.Single(new TariffSet([power]).CanAdd(water).Errors);
        Assert.Equal(("other_set", "EstateId", "The tariff is for another estate or utility."), (e.Code, e.Field, e.Message));
        var otherEstate = Tariff.Create(2, null, Utility.Electricity, "Other", D("2030-01-01"), TariffRules.Flat(1m)).Value;
        Assert.Equal("other_set", Assert.Single(new TariffSet([power]).CanAdd(otherEstate).Errors).Code);
    }

    [Fact]
    public void CanAdd_AnOverrideMayOverlapTheDefault_ButNotAnotherVersionOfTheSameScope()
    {
        var (estate, unit7, _) = Estate();
        var set = new TariffSet([estate, unit7]);
        Assert.True(set.CanAdd(Create(TariffRules.Flat(1m), "2026-04-01", unitId: 8)).IsSuccess);
        var e = Assert.Single(set.CanAdd(Create(TariffRules.Flat(1m), "2026-04-01", unitId: 7, name: "Again")).Errors);
        Assert.Equal(("overlap", "EffectiveFrom"), (e.Code, e.Field));
        Assert.Equal("It overlaps 'Unit 7' version 1, in effect from 2026-03-01 with no end; supersede that version instead.", e.Message);
        Assert.True(set.CanAdd(unit7).IsSuccess); // a member does not clash with itself
    }

    [Fact]
    public void CanAdd_VersionsThatMeetAtADate_DoNotOverlap_OneDayMoreDoes()
    {
        var first = Create(TariffRules.Flat(2m), "2026-01-01", name: "First");
        Assert.True(first.Retire(D("2026-07-01")).IsSuccess);
        var set = new TariffSet([first]);

        Assert.True(set.CanAdd(Create(TariffRules.Flat(1m), "2026-07-01")).IsSuccess);
        var e = Assert.Single(set.CanAdd(Create(TariffRules.Flat(1m), "2026-06-30")).Errors);
        Assert.Equal("It overlaps 'First' version 1, in effect from 2026-01-01 until 2026-07-01; supersede that version instead.", e.Message);

        var before = Create(TariffRules.Flat(1m), "2025-06-01");
        Assert.True(before.Retire(D("2026-01-01")).IsSuccess);
        Assert.True(set.CanAdd(before).IsSuccess);
        var intoIt = Create(TariffRules.Flat(1m), "2025-06-01");
        Assert.True(intoIt.Retire(D("2026-01-02")).IsSuccess);
        Assert.False(set.CanAdd(intoIt).IsSuccess);
    }

    [Fact]
    public void CanAdd_AVersionRetiredOnItsStartDay_WasNeverInEffect_AndClashesWithNothing()
    {
        var open = Create(TariffRules.Flat(2m), "2026-01-01", name: "Open");
        var never = Create(TariffRules.Flat(1m), "2026-03-01", name: "Never");
        Assert.True(never.Retire(D("2026-03-01")).IsSuccess);
        Assert.True(new TariffSet([open]).CanAdd(never).IsSuccess);
        Assert.True(new TariffSet([never]).CanAdd(open).IsSuccess);
        Assert.Null(new TariffSet([never]).EffectiveOn(D("2026-03-01")));
    }
}

using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;

using static Quantify.Tests.Domain.TariffTestKit;

namespace Quantify.Tests.Domain;

/// <summary>Creating, superseding, amending and retiring a tariff version: each refusal in the words a tariff editor reads, at both sides of each date rule.</summary>
public class TariffLifecycleMessagesTests
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    private static (string Code, string? Field, string Message) Only(Result r)
    {
        var e = Assert.Single(r.Errors);
        return (e.Code, e.Field, e.Message);
    }

    [Fact]
    public void Create_NameRequired_AtMost100Characters_RulesRequired_UtilityKnown()
    {
        Assert.Equal(("required", "Name", "Name is required."), Only(Tariff.Create(1, null, Utility.Electricity, " ", Jan1, TariffRules.Flat(1m))));
        Assert.Equal(("too_long", "Name", "Name must be at most 100 characters."), Only(Tariff.Create(1, null, Utility.Electricity, new string('n', 101), Jan1, TariffRules.Flat(1m))));
        Assert.True(Tariff.Create(1, null, Utility.Electricity, new string('n', 100), Jan1, TariffRules.Flat(1m)).IsSuccess);
        Assert.Equal(("required", "Rules", "The tariff needs rules."), Only(Tariff.Create(1, null, Utility.Electricity, "T", Jan1, null!)));
        Assert.Equal(("invalid", "Utility", "Unknown utility '9'."), Only(Tariff.Create(1, null, (Utility)9, "T", Jan1, TariffRules.Flat(1m))));
        Assert.Equal(("required", "Rules.FlatRate", "A flat tariff needs a rate per unit."), Only(Tariff.Create(1, null, Utility.Electricity, "T", Jan1, new TariffRules())));
        Assert.Equal("Name", Tariff.Create(1, null, Utility.Electricity, "  Name  ", Jan1, TariffRules.Flat(1m)).Value.Name);
    }

    [Fact]
    public void Supersede_MustStartAfterTheCurrentVersion_TheDayAfterIsEnough()
    {
        var v1 = Create(TariffRules.Flat(1m), "2026-01-01");
        Assert.Equal(("not_after_current", "EffectiveFrom", "The new version must start after 2026-01-01, when version 1 started; to change a version before it takes effect, amend it."),
            Only(v1.Supersede(TariffRules.Flat(2m), Jan1)));
        Assert.Null(v1.EffectiveTo);
        var v2 = v1.Supersede(TariffRules.Flat(2m), Jan1.AddDays(1)).Value;
        Assert.Equal((2, "Residential", (DateOnly?)Jan1.AddDays(1)), (v2.Version, v2.Name, v1.EffectiveTo));
    }

    [Fact]
    public void Supersede_KeepsTheNameUnlessANewOneIsGiven()
    {
        Assert.Equal("Residential", Create(TariffRules.Flat(1m), "2026-01-01").Supersede(TariffRules.Flat(2m), new DateOnly(2026, 2, 1), "  ").Value.Name);
        Assert.Equal("Winter 2026", Create(TariffRules.Flat(1m), "2026-01-01").Supersede(TariffRules.Flat(2m), new DateOnly(2026, 2, 1), " Winter 2026 ").Value.Name);
    }

    [Fact]
    public void Supersede_AnEndedOrRetiredVersion_SaysWhatToDoInstead()
    {
        var ended = Create(TariffRules.Flat(1m), "2026-01-01");
        ended.Supersede(TariffRules.Flat(2m), new DateOnly(2026, 7, 1));
        Assert.Equal(("already_ended", "EffectiveFrom", "'Residential' version 1 already ends on 2026-07-01; supersede the latest version."),
            Only(ended.Supersede(TariffRules.Flat(3m), new DateOnly(2026, 9, 1))));

        var retired = Create(TariffRules.Flat(1m), "2026-01-01");
        Assert.True(retired.Retire(new DateOnly(2026, 3, 1)).IsSuccess);
        Assert.Equal(("retired", "EffectiveFrom", "'Residential' version 1 was retired; create a new tariff instead."),
            Only(retired.Supersede(TariffRules.Flat(3m), new DateOnly(2026, 9, 1))));
    }

    [Fact]
    public void Amend_OnlyBeforeItTakesEffect()
    {
        var v = Create(TariffRules.Flat(1m), "2026-01-01");
        Assert.Equal(("in_effect", "Rules", "'Residential' has been in effect since 2026-01-01 and may have billed; supersede it with a new version instead."),
            Only(v.Amend(TariffRules.Flat(2m), "Residential", Jan1)));
        Assert.True(v.Amend(TariffRules.Flat(2m), " Renamed ", Jan1.AddDays(-1)).IsSuccess);
        Assert.Equal(("Renamed", 2m), (v.Name, v.Rules.FlatRate!.Value));
    }

    [Fact]
    public void Retire_OnItsStartOrLater_UpToItsEnd_Once()
    {
        var v = Create(TariffRules.Flat(1m), "2026-01-01");
        Assert.Equal(("end_before_start", "EffectiveTo", "The end 2025-12-31 is before the start 2026-01-01."), Only(v.Retire(Jan1.AddDays(-1))));
        Assert.True(v.Retire(Jan1).IsSuccess);
        Assert.Equal(("retired", "EffectiveTo", "'Residential' version 1 is already retired."), Only(v.Retire(Jan1)));

        var ended = Create(TariffRules.Flat(1m), "2026-01-01");
        ended.Supersede(TariffRules.Flat(2m), new DateOnly(2026, 7, 1));
        Assert.Equal(("already_ended", "EffectiveTo", "'Residential' version 1 already ends on 2026-07-01."), Only(ended.Retire(new DateOnly(2026, 7, 2))));
        Assert.True(ended.Retire(new DateOnly(2026, 7, 1)).IsSuccess);
        Assert.Equal((DateOnly?)new DateOnly(2026, 7, 1), ended.EffectiveTo);
    }
}

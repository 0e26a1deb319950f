using Quantify.Domain.Levies;

namespace Quantify.Tests.Levies;

public class LevyScheduleTests
{
    private static readonly DateOnly Jan1 = new(2027, 1, 1);

    private static LevySchedule Monthly(decimal amount = 12_000m) =>
        LevySchedule.Create(1, "Admin levy", amount, LevyFrequency.Monthly, LevyAllocationMethod.ParticipationQuota, Jan1).Value;

    [Theory]
    [InlineData(LevyFrequency.Monthly, "2027-05-17", "2027-05", "2027-05-01", "2027-05-31")]
    [InlineData(LevyFrequency.Quarterly, "2027-05-17", "2027-Q2", "2027-04-01", "2027-06-30")]
    [InlineData(LevyFrequency.Annual, "2027-05-17", "2027", "2027-01-01", "2027-12-31")]
    public void Period_ContainsTheDay(LevyFrequency frequency, string day, string key, string start, string end)
    {
        var p = LevyPeriod.Containing(frequency, DateOnly.Parse(day));

        Assert.Equal((key, DateOnly.Parse(start), DateOnly.Parse(end)), (p.Key, p.Start, p.End));
    }

    [Fact]
    public void Create_WithoutNameOrWithFractionalCents_NamesTheFields()
    {
        var r = LevySchedule.Create(1, " ", 10.001m, LevyFrequency.Monthly, LevyAllocationMethod.Equal, Jan1);

        Assert.Equal(["Name", "Amount"], r.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Create_CustomWhoseAmountsDoNotAddUp_IsRefused()
    {
        var r = LevySchedule.Create(1, "Special", 100m, LevyFrequency.Monthly, LevyAllocationMethod.Custom, Jan1, new Dictionary<int, decimal> { [1] = 60m });

        Assert.Equal("CustomAmounts", Assert.Single(r.Errors).Field);
    }

    [Fact]
    public void Charges_OnlyPeriodsStartingWithinItsVersion()
    {
        var v1 = Monthly();
        var v2 = v1.Supersede("Admin levy", 13_000m, LevyFrequency.Monthly, LevyAllocationMethod.ParticipationQuota, new(2027, 7, 1), null).Value;

        Assert.False(v1.Charges(LevyPeriod.Containing(LevyFrequency.Monthly, new(2026, 12, 5))));
        Assert.True(v1.Charges(LevyPeriod.Containing(LevyFrequency.Monthly, new(2027, 6, 30))));
        Assert.False(v1.Charges(LevyPeriod.Containing(LevyFrequency.Monthly, new(2027, 7, 1))));
        Assert.True(v2.Charges(LevyPeriod.Containing(LevyFrequency.Monthly, new(2027, 7, 1))));
        Assert.Equal(2, v2.Version);
    }

    [Fact]
    public void Amend_AVersionInEffect_IsRefused_ButAFutureOneMayChange()
    {
        var schedule = Monthly();

        var late = schedule.Amend("Admin levy", 1m, LevyFrequency.Monthly, LevyAllocationMethod.Equal, new(2027, 2, 1), null, today: Jan1);
        var early = schedule.Amend("Admin levy", 9_000m, LevyFrequency.Quarterly, LevyAllocationMethod.Equal, new(2027, 4, 1), null, today: new(2026, 12, 6));

        Assert.Equal("in_effect", Assert.Single(late.Errors).Code);
        Assert.True(early.IsSuccess);
        Assert.Equal((9_000m, LevyFrequency.Quarterly), (schedule.Amount, schedule.Frequency));
    }

    [Fact]
    public void Supersede_NotAfterTheCurrentStart_IsRefused()
    {
        var r = Monthly().Supersede("Admin levy", 1m, LevyFrequency.Monthly, LevyAllocationMethod.Equal, Jan1, null);

        Assert.Equal("EffectiveFrom", Assert.Single(r.Errors).Field);
    }

    [Fact]
    public void Deactivate_StopsLaterPeriods_AndCannotBeRepeated()
    {
        var s = Monthly();

        Assert.True(s.Deactivate(new(2027, 3, 15)).IsSuccess);

        Assert.True(s.Charges(LevyPeriod.Containing(LevyFrequency.Monthly, new(2027, 3, 1))) is false);
        Assert.True(s.Deactivate(new(2027, 4, 1)).IsFailure);
    }
}

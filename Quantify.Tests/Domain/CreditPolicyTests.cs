using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;

namespace Quantify.Tests.Domain;

/// <summary>
/// The credit-control rules themselves (seed 004 §8.3), pocket by pocket and minute by minute. Issue 11 item 8:
/// mutant d (hot water cut like electricity instead of capped like water) and mutant g (the morning half of
/// friendly hours dropped) survived the service tests, which had no hot-water meter and no morning clock.
/// </summary>
public class CreditPolicyTests
{
    private static WalletPocket PocketOf(Pocket pocket) => Wallet.Open(1).PocketFor(pocket);

    private static readonly DateOnly Tuesday = new(2026, 11, 3);

    private static bool FriendlyAt(int hour, int minute, EstateSettings? settings = null) =>
        CreditPolicy.IsFriendlyHours(Tuesday.ToDateTime(new TimeOnly(hour, minute)), settings ?? EstateSettings.CreateDefault(), _ => false);

    [Theory]
    [InlineData(Pocket.Water)]
    [InlineData(Pocket.HotWater)]
    public void WaterAndHotWater_AreNeverCut_AtTheirDebtCapTheyAreFlaggedForArrears(Pocket pocket)
    {
        var settings = PocketOf(pocket);

        Assert.Equal(200m, settings.CreditLimit); // the water debt cap, for hot water too
        foreach (var friendly in new[] { false, true })
        {
            var atCap = CreditPolicy.Decide(pocket, -200m, settings, relayClosed: true, friendlyHours: friendly);
            Assert.Equal(CreditAction.FlagArrears, atCap.Action);
            Assert.Equal(NoticeLevel.Critical, atCap.Notice);
            Assert.Contains("never cut", atCap.Reason, StringComparison.Ordinal);
            Assert.Equal(CreditAction.FlagArrears, CreditPolicy.Decide(pocket, -350m, settings, true, friendly).Action);
        }
        var inDebtUnderCap = CreditPolicy.Decide(pocket, -199.99m, settings, relayClosed: true, friendlyHours: false);
        Assert.Equal(CreditAction.None, inDebtUnderCap.Action);
        Assert.Equal(NoticeLevel.Critical, inDebtUnderCap.Notice);
        var atZero = CreditPolicy.Decide(pocket, 0m, settings, relayClosed: true, friendlyHours: false);
        Assert.Equal(CreditAction.None, atZero.Action);
        Assert.Equal(NoticeLevel.Low, atZero.Notice); // nothing owed yet: low, not critical
    }

    [Fact]
    public void HotWater_IsNotReconnectedOrDisconnectedLikeElectricity()
    {
        var settings = PocketOf(Pocket.HotWater);

        Assert.Equal(CreditAction.None, CreditPolicy.Decide(Pocket.HotWater, 500m, settings, relayClosed: false, friendlyHours: false).Action);
        Assert.Equal(CreditAction.None, CreditPolicy.Decide(Pocket.HotWater, -1m, settings, relayClosed: true, friendlyHours: false).Action);
        settings.Suspend("arrears: 60 days");
        Assert.NotEqual(CreditAction.Disconnect, CreditPolicy.Decide(Pocket.HotWater, 100m, settings, relayClosed: true, friendlyHours: false).Action);
    }

    [Fact]
    public void Electricity_AtItsLimit_IsDisconnected_OrDeferredInFriendlyHours()
    {
        var settings = PocketOf(Pocket.Electricity);

        Assert.Equal(0m, settings.CreditLimit);
        var cut = CreditPolicy.Decide(Pocket.Electricity, 0m, settings, relayClosed: true, friendlyHours: false);
        Assert.Equal(CreditAction.Disconnect, cut.Action);
        Assert.Equal(NoticeLevel.Critical, cut.Notice);
        Assert.Contains("at or below the credit limit", cut.Reason, StringComparison.Ordinal);
        Assert.Equal(CreditAction.DeferDisconnect, CreditPolicy.Decide(Pocket.Electricity, 0m, settings, true, friendlyHours: true).Action);
        Assert.Equal(CreditAction.None, CreditPolicy.Decide(Pocket.Electricity, 0.01m, settings, true, false).Action);
        Assert.Equal(CreditAction.None, CreditPolicy.Decide(Pocket.Electricity, -5m, settings, relayClosed: false, friendlyHours: false).Action); // already off
    }

    [Fact]
    public void Electricity_IsReconnected_OnlyAtTheMinimumActivationAmount_AndNotWhileSuspended()
    {
        var settings = PocketOf(Pocket.Electricity);

        Assert.Equal(CreditAction.None, CreditPolicy.Decide(Pocket.Electricity, 19.99m, settings, relayClosed: false, friendlyHours: false).Action);
        var on = CreditPolicy.Decide(Pocket.Electricity, 20m, settings, relayClosed: false, friendlyHours: false);
        Assert.Equal(CreditAction.Reconnect, on.Action);
        Assert.Equal(NoticeLevel.None, on.Notice);
        Assert.Equal(CreditAction.None, CreditPolicy.Decide(Pocket.Electricity, 20m, settings, relayClosed: true, friendlyHours: false).Action);

        settings.Suspend("arrears: 60 days");
        Assert.Equal(CreditAction.None, CreditPolicy.Decide(Pocket.Electricity, 500m, settings, relayClosed: false, friendlyHours: false).Action);
        var suspended = CreditPolicy.Decide(Pocket.Electricity, 500m, settings, relayClosed: true, friendlyHours: false);
        Assert.Equal(CreditAction.Disconnect, suspended.Action);
        Assert.Contains("supply suspended: arrears: 60 days", suspended.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Notices_LowAtTheThreshold_CriticalWhenElectricityIsEmpty()
    {
        var settings = PocketOf(Pocket.Electricity);

        Assert.Equal(NoticeLevel.None, CreditPolicy.Decide(Pocket.Electricity, 50.01m, settings, true, false).Notice);
        Assert.Equal(NoticeLevel.Low, CreditPolicy.Decide(Pocket.Electricity, 50m, settings, true, false).Notice);
        Assert.Equal(NoticeLevel.Low, CreditPolicy.Decide(Pocket.Electricity, 0.01m, settings, true, false).Notice);
        Assert.Equal(NoticeLevel.Critical, CreditPolicy.Decide(Pocket.Electricity, 0m, settings, true, true).Notice);
    }

    [Theory]
    [InlineData(Pocket.Solar)]
    [InlineData(Pocket.Unallocated)]
    public void PocketsWithoutSupply_AreLeftAlone(Pocket pocket)
    {
        var d = CreditPolicy.Decide(pocket, -1000m, PocketOf(pocket), relayClosed: true, friendlyHours: false);
        Assert.Equal((CreditAction.None, NoticeLevel.None), (d.Action, d.Notice));
    }

    [Theory]
    [InlineData(17, 0, true)]  // the evening half starts at 17:00
    [InlineData(16, 59, false)]
    [InlineData(23, 59, true)]
    [InlineData(0, 0, true)]   // the morning half: after midnight ...
    [InlineData(6, 0, true)]
    [InlineData(7, 59, true)]  // ... up to 08:00
    [InlineData(8, 0, false)]
    [InlineData(12, 0, false)]
    public void DefaultFriendlyHours_Run17To08_AcrossMidnight(int hour, int minute, bool friendly) =>
        Assert.Equal(friendly, FriendlyAt(hour, minute));

    [Theory]
    [InlineData(9, 59, false)]
    [InlineData(10, 0, true)]
    [InlineData(13, 59, true)]
    [InlineData(14, 0, false)]
    [InlineData(2, 0, false)]
    public void FriendlyHoursWithinOneDay_RunFromStartToEnd(int hour, int minute, bool friendly)
    {
        var settings = EstateSettings.CreateDefault();
        settings.FriendlyHoursStart = new TimeOnly(10, 0);
        settings.FriendlyHoursEnd = new TimeOnly(14, 0);
        Assert.Equal(friendly, FriendlyAt(hour, minute, settings));
    }

    [Fact]
    public void EqualStartAndEnd_MeansNoFriendlyHours()
    {
        var settings = EstateSettings.CreateDefault();
        settings.FriendlyHoursStart = settings.FriendlyHoursEnd = new TimeOnly(8, 0);
        Assert.False(FriendlyAt(8, 0, settings));
        Assert.False(FriendlyAt(3, 0, settings));
        Assert.False(FriendlyAt(20, 0, settings));
    }

    [Fact]
    public void WeekendsAndPublicHolidays_AreFriendlyAllDay_OnlyWhenTheEstateSaysSo()
    {
        var saturdayNoon = new DateTime(2026, 11, 7, 12, 0, 0);
        var holidayNoon = new DateTime(2026, 12, 16, 12, 0, 0);
        var settings = EstateSettings.CreateDefault();
        Func<DateOnly, bool> holidays = d => d == new DateOnly(2026, 12, 16);

        Assert.True(CreditPolicy.IsFriendlyHours(saturdayNoon, settings, holidays));
        Assert.True(CreditPolicy.IsFriendlyHours(saturdayNoon.AddDays(1), settings, holidays));
        Assert.True(CreditPolicy.IsFriendlyHours(holidayNoon, settings, holidays));
        Assert.False(CreditPolicy.IsFriendlyHours(holidayNoon.AddDays(1), settings, holidays));

        settings.NoDisconnectOnWeekends = false;
        settings.NoDisconnectOnPublicHolidays = false;
        Assert.False(CreditPolicy.IsFriendlyHours(saturdayNoon, settings, holidays));
        Assert.False(CreditPolicy.IsFriendlyHours(holidayNoon, settings, holidays));
    }
}

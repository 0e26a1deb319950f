using Quantify.Domain.Common;

namespace Quantify.Tests.Domain;

public class SouthAfricanCalendarTests
{
    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")] // early: 23 March
    [InlineData(2038, "2038-04-25")] // the latest possible date
    [InlineData(2285, "2285-03-22")] // the earliest possible date
    public void EasterSunday_FollowsTheGregorianComputus(int year, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), SouthAfricanCalendar.EasterSunday(year));

    [Theory]
    [InlineData("2026-04-03", "Good Friday")]
    [InlineData("2026-04-06", "Family Day")]
    [InlineData("2027-03-26", "Good Friday")]
    [InlineData("2027-03-29", "Family Day")]
    [InlineData("2027-06-16", "Youth Day")]
    [InlineData("2026-03-21", "Human Rights Day")]
    [InlineData("2026-04-27", "Freedom Day")]
    [InlineData("2026-05-01", "Workers' Day")]
    [InlineData("2026-08-09", "National Women's Day")]
    [InlineData("2026-09-24", "Heritage Day")]
    [InlineData("2026-12-16", "Day of Reconciliation")]
    [InlineData("2026-12-25", "Christmas Day")]
    [InlineData("2026-12-26", "Day of Goodwill")]
    [InlineData("2026-01-01", "New Year's Day")]
    public void NamedHolidays_FallOnTheirDates(string date, string name)
    {
        var holiday = SouthAfricanCalendar.HolidayOn(DateOnly.Parse(date));
        Assert.NotNull(holiday);
        Assert.Equal(name, holiday.Name);
        Assert.False(holiday.IsObserved);
    }

    [Fact]
    public void YouthDay2027_IsAWednesday_AndPricedAsASunday()
    {
        var youthDay = new DateOnly(2027, 6, 16);
        Assert.Equal(DayOfWeek.Wednesday, youthDay.DayOfWeek);
        Assert.Equal(DayType.Sunday, SouthAfricanCalendar.DayTypeOf(youthDay));
    }

    [Theory]
    [InlineData("2026-08-10", "National Women's Day (observed)")] // 9 Aug 2026 is a Sunday
    [InlineData("2025-04-28", "Freedom Day (observed)")]          // 27 Apr 2025 was a Sunday
    [InlineData("2024-06-17", "Youth Day (observed)")]
    [InlineData("2023-01-02", "New Year's Day (observed)")]
    [InlineData("2021-12-27", "Day of Goodwill (observed)")]
    public void HolidayOnASunday_MakesTheMondayAHoliday(string date, string name)
    {
        var holiday = SouthAfricanCalendar.HolidayOn(DateOnly.Parse(date));
        Assert.NotNull(holiday);
        Assert.Equal(DayOfWeek.Monday, holiday.Date.DayOfWeek);
        Assert.Equal(name, holiday.Name);
        Assert.True(holiday.IsObserved);
    }

    [Fact]
    public void ChristmasOnASunday_2022_MondayIsDayOfGoodwill_AndTuesdayTheObservedChristmas()
    {
        Assert.Equal(DayOfWeek.Sunday, new DateOnly(2022, 12, 25).DayOfWeek);
        Assert.Equal("Day of Goodwill", SouthAfricanCalendar.HolidayOn(new DateOnly(2022, 12, 26))!.Name);
        var tuesday = SouthAfricanCalendar.HolidayOn(new DateOnly(2022, 12, 27));
        Assert.NotNull(tuesday);
        Assert.Equal("Christmas Day (observed)", tuesday.Name);
        Assert.False(SouthAfricanCalendar.IsPublicHoliday(new DateOnly(2022, 12, 28)));
    }

    [Fact]
    public void HolidaysIn2026_AreTheTwelveNamedDaysPlusOneObservedMonday_InDateOrder()
    {
        var holidays = SouthAfricanCalendar.HolidaysIn(2026);
        // Only Women's Day (9 Aug) falls on a Sunday in 2026.
        Assert.Equal(13, holidays.Count);
        Assert.Equal(holidays.OrderBy(h => h.Date).Select(h => h.Date), holidays.Select(h => h.Date));
        Assert.Single(holidays, h => h.IsObserved);
    }

    [Fact]
    public void HolidaysIn2022_IncludeTheObservedWorkersDayAndChristmas()
    {
        var observed = SouthAfricanCalendar.HolidaysIn(2022).Where(h => h.IsObserved).Select(h => h.Date).ToList();
        Assert.Equal([new DateOnly(2022, 5, 2), new DateOnly(2022, 12, 27)], observed);
    }

    [Fact]
    public void GoodFridayOnHumanRightsDay_2008_IsOneDayOffWithBothNames_AndNoExtraDay()
    {
        // Easter 2008 was on 23 March, so Good Friday was 21 March; the Act gives no extra day for that (only for Sundays).
        var on21March = SouthAfricanCalendar.HolidaysIn(2008).Where(h => h.Date == new DateOnly(2008, 3, 21)).Select(h => h.Name).ToList();
        Assert.Equal(["Human Rights Day", "Good Friday"], on21March);
        Assert.False(SouthAfricanCalendar.IsPublicHoliday(new DateOnly(2008, 3, 22)));
        // 12 named entries on 11 dates, plus Monday 28 April for Freedom Day on a Sunday.
        Assert.Equal(13, SouthAfricanCalendar.HolidaysIn(2008).Count);
        Assert.Equal(12, SouthAfricanCalendar.HolidaysIn(2008).Select(h => h.Date).Distinct().Count());
    }

    [Theory]
    [InlineData("2026-06-15", DayType.Weekday)]   // Monday
    [InlineData("2026-06-13", DayType.Saturday)]
    [InlineData("2026-06-14", DayType.Sunday)]
    [InlineData("2026-06-16", DayType.Sunday)]    // Youth Day, a Tuesday
    [InlineData("2026-08-10", DayType.Sunday)]    // observed Monday
    [InlineData("2026-04-03", DayType.Sunday)]    // Good Friday
    [InlineData("2026-06-17", DayType.Weekday)]
    public void DayTypeOf_TreatsPublicHolidaysAsSundays(string date, DayType expected) =>
        Assert.Equal(expected, SouthAfricanCalendar.DayTypeOf(DateOnly.Parse(date)));

    [Fact]
    public void OrdinaryDays_AreNotHolidays()
    {
        Assert.False(SouthAfricanCalendar.IsPublicHoliday(new DateOnly(2026, 4, 4)));  // Easter Saturday
        Assert.False(SouthAfricanCalendar.IsPublicHoliday(new DateOnly(2026, 4, 5)));  // Easter Sunday is not a public holiday
        Assert.False(SouthAfricanCalendar.IsPublicHoliday(new DateOnly(2026, 4, 28)));
    }

    [Fact]
    public void EveryYearFrom1995To2100_HasTwelveNamedHolidays_AndEachSundayHolidayAnObservedWeekdayAfterIt()
    {
        for (var year = 1995; year <= 2100; year++)
        {
            var all = SouthAfricanCalendar.HolidaysIn(year);
            Assert.Equal(12, all.Count(h => !h.IsObserved));
            Assert.Equal(all.Count, all.Select(h => (h.Date, h.Name)).Distinct().Count());
            var sundays = all.Count(h => !h.IsObserved && h.Date.DayOfWeek == DayOfWeek.Sunday);
            Assert.Equal(sundays, all.Count(h => h.IsObserved));
            Assert.All(all.Where(h => h.IsObserved), h => Assert.NotEqual(DayOfWeek.Sunday, h.Date.DayOfWeek));
            Assert.All(all, h => Assert.Equal(year, h.Date.Year));
        }
    }
}

using System.Globalization;

using Quantify.Domain.Common;

namespace Quantify.Tests.Domain;

/// <summary>
/// Easter, Good Friday and Family Day against a published table of Western (Gregorian) Easter dates, and the Sunday
/// holidays of 2015-2030 moving to the Monday, each fixed by hand.
/// </summary>
public class EasterTableTests
{
    /// <summary>
    /// Western Easter Sunday 1990-2050, copied by hand from the table in python-dateutil's own test suite
    /// (dateutil/test/test_easter.py, <c>western_easter_dates</c>), which matches the tables of the Astronomical Society
    /// of South Australia (assa.org.au/edm) and dates.gmarts.org.
    /// </summary>
    private static readonly string[] Western1990To2050 =
    [
        "1990-04-15", "1991-03-31", "1992-04-19", "1993-04-11", "1994-04-03", "1995-04-16", "1996-04-07", "1997-03-30", "1998-04-12", "1999-04-04",
        "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27", "2006-04-16", "2007-04-08", "2008-03-23", "2009-04-12",
        "2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31", "2014-04-20", "2015-04-05", "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21",
        "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01",
        "2030-04-21", "2031-04-13", "2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25", "2036-04-13", "2037-04-05", "2038-04-25", "2039-04-10",
        "2040-04-01", "2041-04-21", "2042-04-06", "2043-03-29", "2044-04-17", "2045-04-09", "2046-03-25", "2047-04-14", "2048-04-05", "2049-04-18",
        "2050-04-10",
    ];

    private static DateOnly D(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public void EasterSunday_MatchesThePublishedTable_1990To2050()
    {
        Assert.Equal(61, Western1990To2050.Length);
        foreach (var row in Western1990To2050)
        {
            var easter = D(row);
            Assert.Equal(easter, SouthAfricanCalendar.EasterSunday(easter.Year));
        }
    }

    [Theory]
    // Far years, from dates.gmarts.org as quoted in two public Easter test suites (1704, 1844, 1950, 3249, 3401, 4099;
    // 1715, 1818, 1943, 1981), plus 1954 and 2076: with 1981, the years where the computus' exception rule (m = 1)
    // applies. 1954, 2076, 1583 and 9999 checked by hand against python-dateutil's easter() (EASTER_WESTERN).
    [InlineData("1704-03-23")]
    [InlineData("1715-04-21")]
    [InlineData("1818-03-22")]
    [InlineData("1844-04-07")]
    [InlineData("1943-04-25")]
    [InlineData("1950-04-09")]
    [InlineData("1954-04-18")]
    [InlineData("1981-04-19")]
    [InlineData("2076-04-19")]
    [InlineData("3249-04-25")]
    [InlineData("3401-03-22")]
    [InlineData("4099-04-19")]
    public void EasterSunday_FarYearsAndExceptions(string expected) =>
        Assert.Equal(D(expected), SouthAfricanCalendar.EasterSunday(D(expected).Year));

    [Fact]
    public void GoodFridayAndFamilyDay_AreTwoDaysBeforeAndTheDayAfterEaster_EveryYearSince1995()
    {
        foreach (var row in Western1990To2050.Where(r => string.CompareOrdinal(r, "1995") >= 0))
        {
            var easter = D(row);
            var holidays = SouthAfricanCalendar.HolidaysIn(easter.Year);
            Assert.Contains(holidays, h => h.Date == easter.AddDays(-2) && h.Name == "Good Friday"); // 2008: on Human Rights Day too
            Assert.Contains(holidays, h => h.Date == easter.AddDays(1) && h.Name == "Family Day");
            Assert.Null(SouthAfricanCalendar.HolidayOn(easter));
            Assert.Null(SouthAfricanCalendar.HolidayOn(easter.AddDays(-1)));
        }
    }

    [Fact]
    public void EasterSunday_OnlyForGregorianYears1583To9999()
    {
        Assert.Equal(D("1583-04-10"), SouthAfricanCalendar.EasterSunday(1583));
        Assert.Equal(D("9999-03-28"), SouthAfricanCalendar.EasterSunday(9999));
        foreach (var year in new[] { 1582, 10000 })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => SouthAfricanCalendar.EasterSunday(year));
            Assert.StartsWith("The Gregorian computus needs a year from 1583 to 9999.", e.Message);
            Assert.Equal(year, e.ActualValue);
        }
    }

    [Theory]
    // Every fixed-date holiday of 2015-2030 that falls on a Sunday (worked out by hand from the weekday of each date).
    [InlineData("2015-08-09", "2015-08-10", "National Women's Day (observed)")]
    [InlineData("2016-05-01", "2016-05-02", "Workers' Day (observed)")]
    [InlineData("2016-12-25", "2016-12-27", "Christmas Day (observed)")] // Monday 26th is the Day of Goodwill already
    [InlineData("2017-01-01", "2017-01-02", "New Year's Day (observed)")]
    [InlineData("2017-09-24", "2017-09-25", "Heritage Day (observed)")]
    [InlineData("2018-12-16", "2018-12-17", "Day of Reconciliation (observed)")]
    [InlineData("2019-06-16", "2019-06-17", "Youth Day (observed)")]
    [InlineData("2020-08-09", "2020-08-10", "National Women's Day (observed)")]
    [InlineData("2021-03-21", "2021-03-22", "Human Rights Day (observed)")]
    [InlineData("2021-12-26", "2021-12-27", "Day of Goodwill (observed)")]
    [InlineData("2022-05-01", "2022-05-02", "Workers' Day (observed)")]
    [InlineData("2023-01-01", "2023-01-02", "New Year's Day (observed)")]
    [InlineData("2023-09-24", "2023-09-25", "Heritage Day (observed)")]
    [InlineData("2024-06-16", "2024-06-17", "Youth Day (observed)")]
    [InlineData("2025-04-27", "2025-04-28", "Freedom Day (observed)")]
    [InlineData("2026-08-09", "2026-08-10", "National Women's Day (observed)")]
    [InlineData("2027-03-21", "2027-03-22", "Human Rights Day (observed)")]
    [InlineData("2027-12-26", "2027-12-27", "Day of Goodwill (observed)")]
    [InlineData("2028-09-24", "2028-09-25", "Heritage Day (observed)")]
    [InlineData("2029-12-16", "2029-12-17", "Day of Reconciliation (observed)")]
    [InlineData("2030-06-16", "2030-06-17", "Youth Day (observed)")]
    public void SundayHoliday_IsObservedOnTheNextFreeDay(string sunday, string observed, string name)
    {
        Assert.Equal(DayOfWeek.Sunday, D(sunday).DayOfWeek);
        var holiday = SouthAfricanCalendar.HolidayOn(D(observed));
        Assert.NotNull(holiday);
        Assert.Equal((name, true), (holiday.Name, holiday.IsObserved));
        Assert.Equal(DayType.Sunday, SouthAfricanCalendar.DayTypeOf(D(observed)));
        Assert.Single(SouthAfricanCalendar.HolidaysIn(D(sunday).Year), h => h.IsObserved && h.Name == name);
    }

    [Fact]
    public void HolidaysIn2027_AreListedInDateOrder_WithTheirNames()
    {
        Assert.Equal(
            [
                ("2027-01-01", "New Year's Day"), ("2027-03-21", "Human Rights Day"), ("2027-03-22", "Human Rights Day (observed)"),
                ("2027-03-26", "Good Friday"), ("2027-03-29", "Family Day"), ("2027-04-27", "Freedom Day"), ("2027-05-01", "Workers' Day"),
                ("2027-06-16", "Youth Day"), ("2027-08-09", "National Women's Day"), ("2027-09-24", "Heritage Day"),
                ("2027-12-16", "Day of Reconciliation"), ("2027-12-25", "Christmas Day"), ("2027-12-26", "Day of Goodwill"),
                ("2027-12-27", "Day of Goodwill (observed)"),
            ],
            SouthAfricanCalendar.HolidaysIn(2027).Select(h => (h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), h.Name)));
    }
}

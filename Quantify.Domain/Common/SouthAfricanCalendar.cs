using System.Collections.Concurrent;

namespace Quantify.Domain.Common;

/// <summary>The day types time-of-use tariffs are priced by.</summary>
public enum DayType { Weekday, Saturday, Sunday }

/// <summary>A South African public holiday. <see cref="IsObserved"/> marks the day off given for a holiday that fell on a Sunday.</summary>
public sealed record PublicHoliday(DateOnly Date, string Name, bool IsObserved = false);

/// <summary>
/// South African public holidays (Public Holidays Act 36 of 1994, so meaningful from 1995 on) and the day type used
/// by time-of-use tariffs. Pure: the same date always gives the same answer, no clock is read.
/// </summary>
/// <remarks>
/// <para>Fixed-date holidays, plus Good Friday and Family Day (the Monday after Easter) from the Gregorian computus.</para>
/// <para>Section 2(1) of the Act: a holiday on a Sunday makes the following Monday a holiday. When that Monday is
/// itself a holiday (Christmas on a Sunday: Monday 26 December is the Day of Goodwill), the next day that is not a
/// holiday is given instead - 27 December 2022 was declared a holiday for exactly this case.</para>
/// <para>Not included: days declared one at a time (election days such as 29 May 2024, or special holidays); those
/// need to come from the gazette.</para>
/// </remarks>
public static class SouthAfricanCalendar
{
    private static readonly ConcurrentDictionary<int, IReadOnlyList<PublicHoliday>> Cache = new();

    /// <summary>
    /// Every public holiday in the year, in date order, including the Mondays (or later days) observed for Sunday
    /// holidays. Two holidays can share a date (Good Friday on Human Rights Day, as in 2008): both are listed, and no
    /// extra day is given, since the Act only moves Sunday holidays.
    /// </summary>
    public static IReadOnlyList<PublicHoliday> HolidaysIn(int year) => Cache.GetOrAdd(year, Build);

    public static bool IsPublicHoliday(DateOnly date) => HolidayOn(date) is not null;

    /// <summary>The holiday on this date, or null. An observed day comes back with <see cref="PublicHoliday.IsObserved"/> set.</summary>
    public static PublicHoliday? HolidayOn(DateOnly date)
    {
        foreach (var h in HolidaysIn(date.Year))
        {
            if (h.Date == date) return h;
        }
        return null;
    }

    /// <summary>
    /// Weekday, Saturday or Sunday for time-of-use pricing. A public holiday (observed days included) counts as a
    /// Sunday - the convention Quantify takes from Eskom's time-of-use tariffs, and the cheapest day type for the
    /// resident. (Eskom's tariff book gives each holiday a Saturday or Sunday treatment in a table; Quantify does
    /// not model that table and treats every holiday as a Sunday.)
    /// </summary>
    public static DayType DayTypeOf(DateOnly date)
    {
        if (IsPublicHoliday(date)) return DayType.Sunday;
        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => DayType.Saturday,
            DayOfWeek.Sunday => DayType.Sunday,
            _ => DayType.Weekday,
        };
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, as in Meeus).</summary>
    public static DateOnly EasterSunday(int year)
    {
        if (year is < 1583 or > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "The Gregorian computus needs a year from 1583 to 9999.");
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static IReadOnlyList<PublicHoliday> Build(int year)
    {
        var easter = EasterSunday(year);
        var named = new List<PublicHoliday>
        {
            new(new DateOnly(year, 1, 1), "New Year's Day"),
            new(new DateOnly(year, 3, 21), "Human Rights Day"),
            new(easter.AddDays(-2), "Good Friday"),
            new(easter.AddDays(1), "Family Day"),
            new(new DateOnly(year, 4, 27), "Freedom Day"),
            new(new DateOnly(year, 5, 1), "Workers' Day"),
            new(new DateOnly(year, 6, 16), "Youth Day"),
            new(new DateOnly(year, 8, 9), "National Women's Day"),
            new(new DateOnly(year, 9, 24), "Heritage Day"),
            new(new DateOnly(year, 12, 16), "Day of Reconciliation"),
            new(new DateOnly(year, 12, 25), "Christmas Day"),
            new(new DateOnly(year, 12, 26), "Day of Goodwill"),
        };
        named = [.. named.OrderBy(h => h.Date)];

        var taken = named.Select(h => h.Date).ToHashSet();
        var all = new List<PublicHoliday>(named);
        foreach (var h in named.Where(h => h.Date.DayOfWeek == DayOfWeek.Sunday))
        {
            var observed = h.Date.AddDays(1);
            while (taken.Contains(observed)) observed = observed.AddDays(1);
            taken.Add(observed);
            all.Add(new PublicHoliday(observed, h.Name + " (observed)", IsObserved: true));
        }
        return all.OrderBy(h => h.Date).ToList().AsReadOnly();
    }
}

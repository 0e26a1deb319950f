using System.Globalization;

namespace Quantify.Domain.Levies;

/// <summary>
/// One billing period of a levy: a calendar month ("2026-12"), quarter ("2026-Q4") or year ("2026"). The key is part of
/// each charge's idempotency key (<c>levy:{schedule}:{unit}:{period}</c>), so a period is charged once.
/// </summary>
public sealed record LevyPeriod(string Key, DateOnly Start, DateOnly End)
{
    /// <summary>The period of <paramref name="frequency"/> that contains <paramref name="day"/>.</summary>
    public static LevyPeriod Containing(LevyFrequency frequency, DateOnly day)
    {
        switch (frequency)
        {
            case LevyFrequency.Monthly:
            {
                var start = new DateOnly(day.Year, day.Month, 1);
                return new(start.ToString("yyyy-MM", CultureInfo.InvariantCulture), start, start.AddMonths(1).AddDays(-1));
            }
            case LevyFrequency.Quarterly:
            {
                var quarter = (day.Month - 1) / 3;
                var start = new DateOnly(day.Year, quarter * 3 + 1, 1);
                return new(string.Create(CultureInfo.InvariantCulture, $"{day.Year}-Q{quarter + 1}"), start, start.AddMonths(3).AddDays(-1));
            }
            default:
            {
                var start = new DateOnly(day.Year, 1, 1);
                return new(day.Year.ToString(CultureInfo.InvariantCulture), start, new DateOnly(day.Year, 12, 31));
            }
        }
    }

    /// <summary>Periods per year: 12, 4 or 1 (used to show a levy as a monthly equivalent).</summary>
    public static int PerYear(LevyFrequency frequency) => frequency switch { LevyFrequency.Monthly => 12, LevyFrequency.Quarterly => 4, _ => 1 };
}

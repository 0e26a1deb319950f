using System.Globalization;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;

namespace Quantify.Web.Components.Shared;

/// <summary>
/// The portal's one format for numbers and dates (docs/portal.md, "Formats"): South African English (en-ZA) as South
/// Africans read it — decimal comma, a space between thousands, rand as "R 1 234,56", quantities to at most three
/// decimals with their unit, rates in R per unit with four decimals, percentages with a space before "%", dates as
/// "6 Dec 2026" and times in SAST (UTC+2, 24-hour clock).
/// </summary>
public static class Format
{
    /// <summary>en-ZA numbers (comma decimal, space thousands) with "6 Dec 2026" dates; for pickers and any ToString.</summary>
    public static readonly CultureInfo Culture = CreateCulture();

    public const string DatePattern = "d MMM yyyy";
    public const string MonthPattern = "MMM yyyy";
    public const string TimePattern = "HH:mm";
    public const string RateDecimals = "0.0000";

    public static string Rand(decimal amount) => Money.Format(amount);

    public static string Rand(decimal? amount) => amount is decimal a ? Money.Format(a) : "—";

    /// <summary>"1 234,5" — at most <paramref name="decimals"/> decimals, no trailing zeros.</summary>
    public static string Number(decimal value, int decimals = 3) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("#,##0." + new string('#', decimals), Culture);

    /// <summary>"1 234,567 kWh": at most three decimals, with its unit.</summary>
    public static string Quantity(decimal value, string unit) => $"{Number(value, 3)} {unit}";

    public static string Quantity(decimal? value, string unit) => value is decimal v ? Quantity(v, unit) : "—";

    public static string Quantity(decimal value, MeterType type) => Quantity(value, UnitOf(type));

    /// <summary>"R 2,6100/kWh": a rate always with four decimals.</summary>
    public static string Rate(decimal rate, string unit) =>
        (rate < 0 ? "-R " : "R ") + Math.Abs(rate).ToString("#,##0.0000", Culture) + "/" + unit;

    /// <summary>"98,5 %"; "—" when there is nothing to show.</summary>
    public static string Percent(decimal? percent, int decimals = 1) =>
        percent is decimal p ? Math.Round(p, decimals, MidpointRounding.AwayFromZero).ToString("#,##0." + new string('#', decimals), Culture) + " %" : "—";

    /// <summary>"+29 %", "-4 %", "0 %": a change or difference, always signed.</summary>
    public static string SignedPercent(decimal? percent, int decimals = 0) =>
        percent is decimal p ? (Math.Round(p, decimals, MidpointRounding.AwayFromZero) > 0 ? "+" : "") + Percent(p, decimals) : "—";

    public static string Date(DateOnly date) => date.ToString(DatePattern, Culture);

    public static string Date(DateTimeOffset at) => SouthAfrica.ToLocal(at).ToString(DatePattern, Culture);

    public static string Date(DateTimeOffset? at) => at is { } a ? Date(a) : "—";

    public static string Date(DateTime date) => date.ToString(DatePattern, Culture);

    public static string Date(DateTime? date) => date is { } d ? Date(d) : "—";

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "—";

    /// <summary>"6 Dec 2026 14:05" in SAST.</summary>
    public static string DateTime(DateTimeOffset at) => SouthAfrica.ToLocal(at).ToString(DatePattern + " " + TimePattern, Culture);

    public static string DateTime(DateTimeOffset? at) => at is { } a ? DateTime(a) : "—";

    /// <summary>"14:05" in SAST.</summary>
    public static string Time(DateTimeOffset at) => SouthAfrica.ToLocal(at).ToString(TimePattern, Culture);

    public static string Month(DateOnly month) => month.ToString(MonthPattern, Culture);

    /// <summary>"3 units", "1 unit": a count with its noun, never "unit(s)".</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        $"{count.ToString("#,##0", Culture)} {(count == 1 ? singular : plural ?? singular + "s")}";

    public static string UnitOf(MeterType type) => type is MeterType.Water or MeterType.HotWater or MeterType.BulkWater ? "kL" : "kWh";

    private static CultureInfo CreateCulture()
    {
        var c = (CultureInfo)CultureInfo.GetCultureInfo("en-ZA").Clone();
        c.NumberFormat.NumberDecimalSeparator = ",";
        c.NumberFormat.NumberGroupSeparator = " ";
        c.NumberFormat.CurrencyDecimalSeparator = ",";
        c.NumberFormat.CurrencyGroupSeparator = " ";
        c.NumberFormat.PercentDecimalSeparator = ",";
        c.NumberFormat.PercentGroupSeparator = " ";
        c.DateTimeFormat.ShortDatePattern = DatePattern;
        c.DateTimeFormat.LongDatePattern = "d MMMM yyyy";
        c.DateTimeFormat.ShortTimePattern = TimePattern;
        c.DateTimeFormat.YearMonthPattern = MonthPattern;
        c.DateTimeFormat.AbbreviatedMonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", ""];
        c.DateTimeFormat.AbbreviatedMonthGenitiveNames = c.DateTimeFormat.AbbreviatedMonthNames;
        c.DateTimeFormat.FirstDayOfWeek = DayOfWeek.Monday;
        return CultureInfo.ReadOnly(c);
    }
}

using Quantify.Web.Features.Reports;

namespace Quantify.Tests.Reports;

/// <summary>
/// The report period a user asks for (a month, or a from/to range with both ends included, at most five years) and the
/// download's file name: each answer and each message pinned, so a wrong bound or a changed message is caught.
/// </summary>
public class ReportAccessTests
{
    private static ReportPeriod Ok(string? month, string? from, string? to)
    {
        var (period, error) = ReportAccess.Period(month, from, to);
        Assert.Null(error);
        return period!;
    }

    private static string Refused(string? month, string? from, string? to)
    {
        var (period, error) = ReportAccess.Period(month, from, to);
        Assert.Null(period);
        return error!;
    }

    [Theory]
    [InlineData("2026-11", "2026-11-01", "2026-11-30")]
    [InlineData("2026-02", "2026-02-01", "2026-02-28")]
    [InlineData("2028-02", "2028-02-01", "2028-02-29")]
    [InlineData("2026-12", "2026-12-01", "2026-12-31")]
    public void AMonth_RunsFromItsFirstToItsLastDay(string month, string first, string last)
    {
        var period = Ok(month, null, null);

        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), period.From);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), period.To);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(" ", "  ")]
    [InlineData(null, "")]
    public void AMonth_WithBlankFromAndTo_IsStillThatMonth(string? from, string? to) =>
        Assert.Equal(new ReportPeriod(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), Ok("2026-11", from, to));

    [Theory]
    [InlineData("2026-11-01", null)]
    [InlineData(null, "2026-11-30")]
    [InlineData("2026-11-01", "2026-11-30")]
    public void AMonth_AndARange_AreRefusedTogether(string? from, string? to) =>
        Assert.Equal("Give either month or from and to, not both.", Refused("2026-11", from, to));

    [Theory]
    [InlineData("2026-13")]
    [InlineData("november")]
    [InlineData("2026-11-01")]
    public void AMonthThatIsNotAMonth_IsNamedInTheAnswer(string month) =>
        Assert.Equal($"month '{month}' is not a month: use yyyy-MM, e.g. 2026-11.", Refused(month, null, null));

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("2026-11-01", null)]
    [InlineData("2026-11-01", " ")]
    [InlineData(null, "2026-11-30")]
    [InlineData(" ", "2026-11-30")]
    public void ARangeWithAMissingEnd_AsksForThePeriod(string? from, string? to) =>
        Assert.Equal("Give the period: month=yyyy-MM, or from=yyyy-MM-dd and to=yyyy-MM-dd.", Refused(null, from, to));

    [Fact]
    public void DatesThatDoNotParse_AreNamedInTheAnswer()
    {
        Assert.Equal("from '01/11/2026' is not a date: use yyyy-MM-dd.", Refused(null, "01/11/2026", "2026-11-30"));
        Assert.Equal("to '2026-11-31' is not a date: use yyyy-MM-dd.", Refused(null, "2026-11-01", "2026-11-31"));
    }

    [Fact]
    public void ARange_IncludesBothEnds_AndASingleDayIsARange()
    {
        Assert.Equal(new ReportPeriod(new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 20)), Ok(null, "2026-11-05", "2026-11-20"));
        Assert.Equal(new ReportPeriod(new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 5)), Ok(null, "2026-11-05", "2026-11-05"));
        Assert.Equal("to (2026-11-04) is before from (2026-11-05).", Refused(null, "2026-11-05", "2026-11-04"));
    }

    [Fact]
    public void ARange_CoversAtMostFiveYears()
    {
        var from = new DateOnly(2020, 1, 1);
        var longest = from.AddDays(366 * 5);
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(new ReportPeriod(from, longest), Ok(null, Day(from), Day(longest)));
        Assert.Equal("A report covers at most five years.", Refused(null, Day(from), Day(longest.AddDays(1))));
        Assert.Equal("A report covers at most five years.", Refused(null, "2020-01-01", "2026-11-30"));
        Assert.Equal(new ReportPeriod(from, new DateOnly(2024, 12, 31)), Ok(null, "2020-01-01", "2024-12-31"));
    }

    [Theory]
    [InlineData("financial", "Silverleaf Estate", "2026-11", "xlsx", "financial-Silverleaf-Estate-2026-11.xlsx")]
    [InlineData("arrears", "Harbour View Residences", "2026-11-02", "pdf", "arrears-Harbour-View-Residences-2026-11-02.pdf")]
    [InlineData("consumption", "Ons Huis / Blok 3 (Pta)", "2026-11-01_2026-11-15", "csv", "consumption-Ons-Huis---Blok-3--Pta--2026-11-01_2026-11-15.csv")]
    [InlineData("financial", "../../etc\"passwd\r\n", "2026-11", "csv", "financial-------etc-passwd---2026-11.csv")]
    [InlineData("financial", "Kwa_Mashu-2 Élan", "2026-11", "pdf", "financial-Kwa_Mashu-2--lan-2026-11.pdf")]
    public void TheFileName_NamesKindEstateAndPeriod_WithOnlySafeCharacters(string kind, string estate, string stem, string extension, string expected) =>
        Assert.Equal(expected, ReportAccess.FileName(kind, estate, stem, extension));
}

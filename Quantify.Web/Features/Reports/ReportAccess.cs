using System.Globalization;
using System.Text.RegularExpressions;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Reports;

/// <summary>Who may read an estate's reports: admins, and the managing agents and trustees assigned to the estate.</summary>
public static partial class ReportAccess
{
    public static bool CanRead(UserScope scope, int estateId) =>
        scope.IsAdmin
        || scope.EstatesFor(Roles.ManagingAgent) is { } agent && agent.Contains(estateId)
        || scope.EstatesFor(Roles.Trustee) is { } trustee && trustee.Contains(estateId);

    /// <summary>Who may change an estate's escalation rules: admins and the estate's managing agents (trustees read only).</summary>
    public static bool CanManage(UserScope scope, int estateId) => scope.Manages(estateId);

    /// <summary>Parses "month=yyyy-MM" or "from=yyyy-MM-dd&amp;to=yyyy-MM-dd" (both ends included); an error message otherwise.</summary>
    public static (ReportPeriod? Period, string? Error) Period(string? month, string? from, string? to)
    {
        const string Day = "yyyy-MM-dd";
        if (!string.IsNullOrWhiteSpace(month))
        {
            if (!string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to)) return (null, "Give either month or from and to, not both.");
            if (!DateOnly.TryParseExact(month + "-01", Day, CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                return (null, $"month '{month}' is not a month: use yyyy-MM, e.g. 2026-11.");
            return (new ReportPeriod(first, first.AddMonths(1).AddDays(-1)), null);
        }
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to)) return (null, "Give the period: month=yyyy-MM, or from=yyyy-MM-dd and to=yyyy-MM-dd.");
        if (!DateOnly.TryParseExact(from, Day, CultureInfo.InvariantCulture, DateTimeStyles.None, out var f)) return (null, $"from '{from}' is not a date: use yyyy-MM-dd.");
        if (!DateOnly.TryParseExact(to, Day, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return (null, $"to '{to}' is not a date: use yyyy-MM-dd.");
        if (t < f) return (null, $"to ({to}) is before from ({from}).");
        if (t.DayNumber - f.DayNumber > 366 * 5) return (null, "A report covers at most five years.");
        return (new ReportPeriod(f, t), null);
    }

    public static string FileName(string kind, string estateName, string stem, string extension) =>
        $"{kind}-{Unsafe().Replace(estateName, "-")}-{stem}.{extension}";

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex Unsafe();
}

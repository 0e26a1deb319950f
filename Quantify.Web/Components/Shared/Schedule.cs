using System.Globalization;

namespace Quantify.Web.Components.Shared;

/// <summary>A Quartz cron expression in words ("daily at 02:00", "every minute"), for the jobs page; the expression itself when it is not a common shape.</summary>
public static class Schedule
{
    public static string Describe(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron)) return "—";
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length < 6) return cron;
        var (sec, min, hour, dom, mon, dow) = (f[0], f[1], f[2], f[3], f[4], f[5]);
        var everyDay = dom is "*" or "?" && mon == "*" && dow is "*" or "?";
        if (!everyDay || !int.TryParse(sec, out var s)) return cron;
        if (min == "*" && hour == "*") return s == 0 ? "every minute" : $"every minute, at {s} seconds past";
        if (min.StartsWith("0/", StringComparison.Ordinal) || min.StartsWith("*/", StringComparison.Ordinal))
            return hour == "*" ? $"every {min[2..]} minutes" : cron;
        if (int.TryParse(min, out var m))
        {
            if (hour == "*") return $"every hour at {m.ToString("00", CultureInfo.InvariantCulture)} minutes past";
            if (int.TryParse(hour, out var h)) return $"daily at {h.ToString("00", CultureInfo.InvariantCulture)}:{m.ToString("00", CultureInfo.InvariantCulture)}";
        }
        return cron;
    }
}

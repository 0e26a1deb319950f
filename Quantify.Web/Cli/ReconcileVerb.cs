using System.Globalization;
using Quantify.Web.Features.Reconciliation;

namespace Quantify.Web.Cli;

/// <summary>`reconcile [--date yyyy-MM-dd]`: runs the daily reconciliation (yesterday by default), stores it; exit 1 on any failed check.</summary>
public static class ReconcileVerb
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var service = app.Services.GetRequiredService<ReconciliationService>();
        var day = service.Yesterday();
        var at = Array.IndexOf(args, "--date");
        if (at >= 0)
        {
            if (at + 1 >= args.Length || !DateOnly.TryParseExact(args[at + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                Console.Error.WriteLine("usage: reconcile [--date yyyy-MM-dd]");
                return 2;
            }
        }
        else if (args.Length > 0)
        {
            Console.Error.WriteLine("usage: reconcile [--date yyyy-MM-dd]");
            return 2;
        }
        var report = await service.RunAsync(day, notify: false);
        Console.WriteLine(report.Summary);
        foreach (var check in report.Checks)
        {
            Console.WriteLine($"  [{(check.Passed ? "ok" : "FAIL")}] {check.Check}: {check.Summary}");
            foreach (var row in check.Rows.Take(20)) Console.WriteLine("      " + row);
        }
        return report.Passed ? 0 : 1;
    }
}

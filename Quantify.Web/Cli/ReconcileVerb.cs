using System.Globalization;
using Quantify.Web.Features.Reconciliation;

namespace Quantify.Web.Cli;

/// <summary>`reconcile [--date yyyy-MM-dd]`: runs the daily reconciliation (yesterday by default), stores it; exit 1 on any failed check.</summary>
public static class ReconcileVerb
{
    public static Task<int> RunAsync(WebApplication app, string[] args) => RunAsync(app.Services, args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var service = services.GetRequiredService<ReconciliationService>();
        var day = service.Yesterday();
        var at = Array.IndexOf(args, "--date");
        if (at >= 0)
        {
            if (at + 1 >= args.Length || !DateOnly.TryParseExact(args[at + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                await error.WriteLineAsync("usage: reconcile [--date yyyy-MM-dd]");
                return 2;
            }
        }
        else if (args.Length > 0)
        {
            await error.WriteLineAsync("usage: reconcile [--date yyyy-MM-dd]");
            return 2;
        }
        var report = await service.RunAsync(day, notify: false);
        await output.WriteLineAsync(report.Summary);
        foreach (var check in report.Checks)
        {
            await output.WriteLineAsync($"  [{(check.Passed ? "ok" : "FAIL")}] {check.Check}: {check.Summary}");
            foreach (var row in check.Rows.Take(20)) await output.WriteLineAsync("      " + row);
        }
        return report.Passed ? 0 : 1;
    }
}

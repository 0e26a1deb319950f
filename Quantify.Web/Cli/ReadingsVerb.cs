using System.Globalization;
using Quantify.Domain.Metering;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Web.Cli;

/// <summary>
/// `readings check-future [--list]`: the one-off check for readings stored before readings were held (stamped more than
/// Ingestion:FutureReadingTolerance after they arrived, or before their meter's installation date). Lists them and holds
/// them (charges reversed, the meters' last reading and month-to-date recomputed); `--list` only lists. See docs/readings.md.
/// </summary>
public static class ReadingsVerb
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "check-future" || args.Skip(1).Any(a => a != "--list"))
        {
            Console.Error.WriteLine("usage: readings check-future [--list]");
            return 2;
        }
        var hold = !args.Contains("--list");
        var found = await app.Services.GetRequiredService<HeldReadingService>().CheckAsync(hold);
        var c = CultureInfo.InvariantCulture;
        foreach (var f in found)
            Console.WriteLine(string.Create(c, $"reading #{f.Id}  meter {f.MeterSerial} (#{f.MeterId})  stamped {f.ReadAt:u}  received {f.ReceivedAt:u}  register {f.Register}  {f.Reason.Describe().ToLowerInvariant()}  was {f.WasStatus}{(f.Reversed is decimal r ? $"  charge R {r:0.00} reversed" : "")}"));
        Console.WriteLine(found.Count == 0
            ? "No future-dated or pre-installation readings outside the held ones."
            : hold
                ? $"{found.Count} reading(s) held on {found.Select(f => f.MeterId).Distinct().Count()} meter(s); review them on /admin/held-readings. Restart running instances so their pipelines re-read these meters' last readings."
                : $"{found.Count} reading(s) found; nothing changed (run without --list to hold them).");
        return 0;
    }
}

namespace Quantify.Web.Cli;

/// <summary>Command-line verbs: `dotnet run --project Quantify.Web -- VERB ...`.</summary>
public static class CliVerbs
{
    private static readonly Dictionary<string, Func<WebApplication, string[], Task<int>>> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["orphans"] = OrphanVerb.RunAsync,
        ["ledger"] = LedgerVerb.RunAsync,
        ["reconcile"] = ReconcileVerb.RunAsync,
        ["readings"] = ReadingsVerb.RunAsync,
        ["simulate"] = SimulateVerb.RunAsync,
        ["bench"] = Bench.BenchVerb.RunAsync,
        ["users"] = UsersVerb.RunAsync,
    };

    private static string[] Words(string[] args) => args.Where(a => a != "--demo").ToArray();

    public static bool IsVerb(string[] args) => Words(args) is [var verb, ..] && Verbs.ContainsKey(verb);

    /// <summary>Prepares the database as start-up does (migrations, roles, the demo when asked for), then runs the verb.</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.PrepareAsync();
        var words = Words(args);
        return await Verbs[words[0]](app, words[1..]);
    }
}

public static class OrphanVerb
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var report = await app.Services.GetRequiredService<Features.Integrity.OrphanScanService>().ScanAsync();
        Console.WriteLine(report.Summary);
        return report.TotalOrphans == 0 ? 0 : 1;
    }
}

namespace Quantify.Web.Cli;

/// <summary>Command-line verbs: `dotnet run --project Quantify.Web -- VERB ...`.</summary>
public static class CliVerbs
{
    private static readonly Dictionary<string, Func<WebApplication, string[], Task<int>>> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["orphans"] = OrphanVerb.RunAsync,
    };

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    public static Task<int> RunAsync(WebApplication app, string[] args) => Verbs[args[0]](app, args[1..]);
}

public static class OrphanVerb
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.Services.GetRequiredService<Data.DatabaseInitializer>().InitializeAsync();
        var report = await app.Services.GetRequiredService<Features.Integrity.OrphanScanService>().ScanAsync();
        Console.WriteLine(report.Summary);
        return report.TotalOrphans == 0 ? 0 : 1;
    }
}

namespace Quantify.Web.Cli.Bench;

/// <summary>
/// `bench ingest ...`: the ingestion benchmark; `bench portal ...`: the portal's figures (docs/performance.md).
/// `bench import [--rows N] [--keep]`: the Excel import benchmark (<see cref="ImportBenchmark"/>).
/// Each runs on its own fresh database in a temporary folder, never on the application's.
/// </summary>
public static class BenchVerb
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        switch (args)
        {
            case ["ingest", .. var rest]:
                return await IngestAsync(app, rest);
            case ["portal", .. var rest]:
                return await PortalAsync(app, rest);
            case ["import", .. var rest]:
                return await ImportBenchmark.RunAsync(app.Environment.ContentRootPath, rest);
            default:
                Console.Error.WriteLine(IngestBenchOptions.Usage);
                Console.Error.WriteLine(PortalBenchOptions.Usage);
                return 2;
        }
    }

    private static async Task<int> IngestAsync(WebApplication app, string[] rest)
    {
        var (options, error) = IngestBenchOptions.Parse(rest);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(IngestBenchOptions.Usage);
            return 2;
        }
        options = options with { ContentRoot = app.Environment.ContentRootPath };
        var report = await IngestBenchmark.RunAsync(options, options.Json ? TextWriter.Null : Console.Out);
        Console.WriteLine(options.Json ? report.ToJson() : report.ToText());
        return report.Correctness.IsCorrect ? 0 : 1;
    }

    private static async Task<int> PortalAsync(WebApplication app, string[] rest)
    {
        var (options, error) = PortalBenchOptions.Parse(rest);
        if (options is null)
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(PortalBenchOptions.Usage);
            return 2;
        }
        var report = await PortalBenchmark.RunAsync(options with { ContentRoot = app.Environment.ContentRootPath }, Console.Out);
        Console.WriteLine(report.ToText());
        return report.Complete ? 0 : 1;
    }
}

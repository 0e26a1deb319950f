namespace Quantify.Web.Cli.Bench;

/// <summary>
/// `bench ingest [--meters N] [--seconds S] [--rate R] [--keep] [--json]`: the ingestion benchmark (docs/performance.md).
/// `bench import [--rows N] [--keep]`: the Excel import benchmark (<see cref="ImportBenchmark"/>).
/// Runs on its own fresh database in a temporary folder, never on the application's. Exit 1 when the correctness check fails.
/// </summary>
public static class BenchVerb
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args is ["import", .. var importArgs]) return await ImportBenchmark.RunAsync(app.Environment.ContentRootPath, importArgs);
        if (args is not ["ingest", .. var rest])
        {
            Console.Error.WriteLine(IngestBenchOptions.Usage);
            return 2;
        }
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
}

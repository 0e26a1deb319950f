using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Quantify.Domain.Estates;
using Quantify.Web.Features.Import;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Cli.Bench;

/// <summary>
/// `bench import [--rows N] [--keep]`: builds an N-row units workbook and an N-row meters workbook (EUIs, each fitted to
/// one of the units), imports both through <see cref="ImportService"/> into a fresh SQLite database in a temporary folder
/// (the application's own composition, jobs and ingestion off), then re-uploads the units file (all unchanged). Prints
/// the time of each phase and rows per second. Exit 1 when a row fails or the counts are wrong.
/// </summary>
public static class ImportBenchmark
{
    public const string Usage = "usage: bench import [--rows N (default 10000)] [--keep]";

    public static async Task<int> RunAsync(string contentRoot, IReadOnlyList<string> args)
    {
        var rows = 10_000;
        var keep = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--rows" && i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) { rows = n; i++; }
            else if (args[i] == "--keep") keep = true;
            else { Console.Error.WriteLine(Usage); return 2; }
        }
        var folder = Path.Combine(Path.GetTempPath(), "quantify-import-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var app = QuantifyApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Quantify"] = "",
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = "",
                ["Database:DataDirectory"] = folder,
                ["Demo:Seed"] = "false",
                ["Jobs:Enabled"] = "false",
                ["PayFast:Enabled"] = "false", // Production settings demand PayFast's own URLs; a benchmark takes no payments.
                ["Ingestion:Enabled"] = "false",
                ["Simulation:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Import:MaxFileBytes"] = (200L * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
            });
        }, environment: "Production", contentRoot: contentRoot);
        try
        {
            await app.PrepareAsync();
            return await MeasureAsync(app.Services, rows);
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (!keep)
            {
                try { Directory.Delete(folder, recursive: true); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            else Console.WriteLine($"Database kept in {folder}");
        }
    }

    private static async Task<int> MeasureAsync(IServiceProvider services, int rows)
    {
        var estateName = "Bench Estate";
        var estate = await services.GetRequiredService<EstateService>().CreateAsync(new EstateInput(estateName, EstateKind.SectionalTitle, null, null, null, null));
        if (estate.IsFailure) throw new InvalidOperationException(estate.Describe());
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "bench@quantify.local", Email = "bench@quantify.local", EmailConfirmed = true, DisplayName = "Import benchmark", CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, "Bench!" + Guid.NewGuid().ToString("N"));
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Admin);
        var admin = await services.GetRequiredService<ScopeService>().LoadAsync(user.Id);
        var imports = services.GetRequiredService<ImportService>();

        Console.WriteLine($"Import benchmark: {rows:N0} rows per file, fresh SQLite database, {Environment.ProcessorCount} CPUs, .NET {Environment.Version}");
        var watch = Stopwatch.StartNew();
        var unitsFile = UnitsWorkbook(estateName, rows);
        var metersFile = MetersWorkbook(estateName, rows);
        Console.WriteLine($"  built the workbooks ({unitsFile.Length / 1024.0:N0} KB + {metersFile.Length / 1024.0:N0} KB) in {watch.Elapsed.TotalSeconds:0.00} s");

        var ok = true;
        async Task<ImportReport> Phase(string name, Func<Task<ImportReport>> run, Func<ImportCounts, bool> expected)
        {
            var sw = Stopwatch.StartNew();
            var report = await run();
            sw.Stop();
            var c = report.Counts;
            var good = report.FileErrors.Count == 0 && expected(c);
            ok &= good;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name,-34} {sw.Elapsed.TotalSeconds,7:0.00} s  {c.Total / sw.Elapsed.TotalSeconds,8:N0} rows/s  (created {c.Created}, updated {c.Updated}, unchanged {c.Unchanged}, failed {c.Failed}){(good ? "" : "  UNEXPECTED")}"));
            foreach (var e in report.AllErrors.Take(5)) Console.WriteLine("    " + e);
            return report;
        }

        await Phase("units: preview", () => imports.PreviewAsync(ImportKind.Units, unitsFile, "units.xlsx", admin, null), c => c.Created == rows);
        await Phase("units: commit", () => imports.CommitAsync(ImportKind.Units, unitsFile, "units.xlsx", admin, null), c => c.Created == rows);
        await Phase("units: re-upload (all unchanged)", () => imports.CommitAsync(ImportKind.Units, unitsFile, "units.xlsx", admin, null), c => c.Unchanged == rows);
        await Phase("meters: commit (EUI + unit)", () => imports.CommitAsync(ImportKind.Meters, metersFile, "meters.xlsx", admin, null), c => c.Created == rows);
        Console.WriteLine(ok ? "Result: every row landed as expected." : "Result: UNEXPECTED counts (see above).");
        return ok ? 0 : 1;
    }

    private static byte[] UnitsWorkbook(string estate, int rows) => Build(ImportSchemas.Units, rows, (ws, r, i) =>
    {
        ws.Cell(r, 1).SetValue(estate);
        ws.Cell(r, 2).SetValue($"U{i:00000}");
        ws.Cell(r, 3).SetValue((i % 20).ToString(CultureInfo.InvariantCulture));
        ws.Cell(r, 4).SetValue($"Block {(char)('A' + i % 8)}");
        ws.Cell(r, 5).SetValue(40 + i % 90 + 0.5);
        ws.Cell(r, 7).SetValue(1 + i % 4);
        ws.Cell(r, 8).SetValue(1 + i % 2);
    });

    private static byte[] MetersWorkbook(string estate, int rows) => Build(ImportSchemas.Meters, rows, (ws, r, i) =>
    {
        ws.Cell(r, 1).SetValue(estate);
        ws.Cell(r, 2).SetValue($"BENCH-EL-{i:000000}");
        ws.Cell(r, 3).SetValue("Electricity");
        ws.Cell(r, 4).SetValue("Lora");
        ws.Cell(r, 5).SetValue($"70B3D57E{i:X8}");
        ws.Cell(r, 10).SetValue($"U{i:00000}");
    });

    private static byte[] Build(ImportSchema schema, int rows, Action<IXLWorksheet, int, int> fill)
    {
        using var wb = new XLWorkbook();
        var ws = wb.Worksheets.Add(schema.SheetName);
        for (var c = 0; c < schema.Columns.Count; c++) ws.Cell(1, c + 1).SetValue(schema.Columns[c].Header);
        for (var i = 0; i < rows; i++) fill(ws, i + 2, i);
        using var ms = new MemoryStream();
        wb.SaveAs(ms);
        return ms.ToArray();
    }
}

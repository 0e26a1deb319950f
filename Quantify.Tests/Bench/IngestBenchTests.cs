using Quantify.Tests.Infrastructure;
using Quantify.Web.Cli.Bench;

namespace Quantify.Tests.Bench;

/// <summary>
/// The ingestion benchmark in-process, briefly: what it reports as correct must be correct. Timing is never asserted
/// (docs/performance.md has the figures and how to reproduce them).
/// </summary>
public class IngestBenchTests
{
    [Fact]
    public async Task AShortRun_StoresBillsAndPostsEveryPublishedReadingExactlyOnce()
    {
        var report = await IngestBenchmark.RunAsync(new IngestBenchOptions
        {
            Meters = 20,
            WarmupSeconds = 1,
            Seconds = 2,
            MaxOutstanding = 1000,
            ContentRoot = Repo.PathOf("Quantify.Web"),
        }, TextWriter.Null);

        var c = report.Correctness;
        Assert.True(c.Published > 0, "Nothing was published.");
        Assert.Equal(c.Published, c.Committed);
        Assert.Equal(c.Published, c.Stored);
        Assert.Equal(c.Published, c.DistinctKeys);
        Assert.Equal(c.Published, c.Billed);
        Assert.Equal(c.Charged, c.Postings);
        Assert.True(c.Charges > 0);
        Assert.Equal(c.Charges, c.LedgerDebits);
        Assert.Equal(0, c.BrokerOverflows);
        Assert.True(c.IsCorrect, c.Line);
        Assert.StartsWith("OK:", c.Line, StringComparison.Ordinal);
        Assert.Equal(c.Stored, report.Baseline?.Rows);
        Assert.Matches(@"\n  jit +[0-9,]+ ms compiling [0-9,]+ methods in the window", report.ToText());
        Assert.False(Directory.Exists(report.DatabaseFolder), "The temporary database folder was left behind.");
    }

    [Fact]
    public async Task TransportOnly_AcknowledgesEveryPublishedReading_AndStoresNothing()
    {
        var report = await IngestBenchmark.RunAsync(new IngestBenchOptions
        {
            Meters = 20,
            WarmupSeconds = 1,
            Seconds = 2,
            MaxOutstanding = 1000,
            TransportOnly = true,
            Baseline = false,
            Keep = true,
            ContentRoot = Repo.PathOf("Quantify.Web"),
        }, TextWriter.Null);
        try
        {
            var c = report.Correctness;
            Assert.True(c.Published > 0, "Nothing was published.");
            Assert.Equal(c.Published, c.Committed);
            Assert.True(c.IsCorrect, c.Line);
            Assert.StartsWith("OK (transport only", c.Line, StringComparison.Ordinal);
            Assert.Contains("--transport-only", report.ToText(), StringComparison.Ordinal);
            // The stand-in stored nothing: the database has the seeded meters and no reading.
            await using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(report.DatabaseFolder, "quantify.db")};Mode=ReadOnly");
            await db.OpenAsync();
            await using var count = db.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"MeterReadings\" WHERE \"Source\" = 'Mqtt';";
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(report.DatabaseFolder, recursive: true);
        }
    }

    [Fact]
    public void Options_ParseTheDocumentedFlags_AndRejectUnknownOnes()
    {
        var (o, error) = IngestBenchOptions.Parse(["--meters", "500", "--seconds", "10", "--rate", "5000", "--keep", "--json"]);
        Assert.Null(error);
        Assert.Equal((500, 10d, 5000, true, true), (o!.Meters, o.Seconds, o.Rate, o.Keep, o.Json));
        Assert.Equal(2, o.PublisherCount);
        Assert.NotNull(IngestBenchOptions.Parse(["--meters", "0"]).Error);
        var transport = IngestBenchOptions.Parse(["--transport-only"]).Options!;
        Assert.True(transport.TransportOnly);
        Assert.False(transport.Baseline); // nothing stored: no plain insert to compare with
        Assert.NotNull(IngestBenchOptions.Parse(["--fast"]).Error);
    }
}

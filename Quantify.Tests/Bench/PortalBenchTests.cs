using Quantify.Tests.Infrastructure;
using Quantify.Web.Cli.Bench;

namespace Quantify.Tests.Bench;

/// <summary>
/// `bench portal`, small and in-process: it must measure what it says (the agent list of the whole estate, circuits that
/// really became interactive, every published reading moving the balance on screen). Timings are never asserted
/// (docs/performance.md has the figures and the command).
/// </summary>
public class PortalBenchTests
{
    [Fact]
    public async Task AShortRun_TimesTheAgentList_OpensCircuits_AndSeesEveryPublishedReadingOnScreen()
    {
        var report = await PortalBenchmark.RunAsync(new PortalBenchOptions
        {
            Units = 40,
            Runs = 2,
            Circuits = 2,
            Readings = 3,
            SpacingMs = 400,
            ContentRoot = Repo.PathOf("Quantify.Web"),
        }, TextWriter.Null);

        Assert.Equal(2, report.AgentPage.Count);
        Assert.Equal(2, report.UnitQuery.Count);
        Assert.True(report.BrowserGrid?.Count > 0, "The grid was never seen in the browser.");
        Assert.Equal(2, report.Circuits);
        Assert.Equal(0, report.Missed);
        Assert.Equal(3, report.PublishToScreen?.Count);
        Assert.True(report.PublishToScreen!.Median > 0, "A balance cannot change before its reading was published.");
        Assert.True(report.Complete);
        Assert.Contains("(c) MQTT publish -> balance on screen", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ParseTheDocumentedFlags_AndRejectUnknownOnes()
    {
        var (o, error) = PortalBenchOptions.Parse(["--units", "1000", "--runs", "5", "--circuits", "20", "--readings", "10", "--spacing-ms", "800", "--no-browser", "--keep"]);
        Assert.Null(error);
        Assert.Equal((1000, 5, 20, 10, 800, true, true), (o!.Units, o.Runs, o.Circuits, o.Readings, o.SpacingMs, o.NoBrowser, o.Keep));
        Assert.NotNull(PortalBenchOptions.Parse(["--units", "0"]).Error);
        Assert.NotNull(PortalBenchOptions.Parse(["--fast"]).Error);
    }

    [Fact]
    public void Options_ForTheMemoryAndLoadFigures_TakeAPortalPath_APause_AndAnIngestRate()
    {
        var (o, error) = PortalBenchOptions.Parse(["--circuit-path", "/not-found", "--dump-pause", "30", "--ingest-rate", "1100"]);
        Assert.Null(error);
        Assert.Equal(("/not-found", 30, 1100), (o!.CircuitPath, o.DumpPause, o.IngestRate));
        Assert.Equal(("/tenant", 0, 0), (new PortalBenchOptions().CircuitPath, new PortalBenchOptions().DumpPause, new PortalBenchOptions().IngestRate));
        // The path goes into the frames' src on the portal's own origin: no other host, no query of its own.
        Assert.NotNull(PortalBenchOptions.Parse(["--circuit-path", "//evil.example/x"]).Error);
        Assert.NotNull(PortalBenchOptions.Parse(["--circuit-path", "https://evil.example/"]).Error);
        Assert.NotNull(PortalBenchOptions.Parse(["--circuit-path", "/tenant?x=1"]).Error);
        Assert.NotNull(PortalBenchOptions.Parse(["--circuit-path", "/x';alert(1);'"]).Error);
        Assert.NotNull(PortalBenchOptions.Parse(["--ingest-rate", "-5"]).Error);
    }
}

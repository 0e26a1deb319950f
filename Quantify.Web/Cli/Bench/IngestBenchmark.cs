using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Mqtt;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Cli.Bench;

/// <summary>
/// Drives the real co-hosted ingestion path (the application's own host, embedded broker on a free loopback port,
/// jobs off, no demo) into a fresh SQLite database, measures throughput, publish-to-commit latency, CPU and memory,
/// checks that every published reading was stored once, billed and posted, then times a plain batched insert of the
/// same rows as the ceiling.
/// </summary>
public static class IngestBenchmark
{
    private const string Username = "quantify-bench";

    public static async Task<IngestBenchReport> RunAsync(IngestBenchOptions o, TextWriter progress, CancellationToken ct = default)
    {
        var folder = Path.Combine(Path.GetTempPath(), "quantify-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var port = FreePort();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var recorder = new CommitRecorder();
        var startedAt = DateTimeOffset.UtcNow;
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
                ["Ingestion:Enabled"] = "true",
                ["Ingestion:Mqtt:Mode"] = "Embedded",
                ["Ingestion:Mqtt:Host"] = "127.0.0.1",
                ["Ingestion:Mqtt:Port"] = port.ToString(CultureInfo.InvariantCulture),
                ["Ingestion:Mqtt:Username"] = Username,
                ["Ingestion:Mqtt:Password"] = password,
                ["Ingestion:Mqtt:ClientId"] = "quantify-ingestion-bench",
                // EF Core logs every command at Information: the console would be the benchmark.
                ["Logging:LogLevel:Default"] = "Warning",
            });
            b.WebHost.UseUrls("http://127.0.0.1:0");
            // Registered before the features, so it is the first observer told of each commit.
            b.Services.AddSingleton<IBatchObserver>(recorder);
        }, environment: "Production", contentRoot: o.ContentRoot, overrides: o.TransportOnly
            ? services => services.AddSingleton<Quantify.Ingestion.Pipeline.IBatchProcessor>(sp =>
                new TransportOnlyProcessor(sp.GetRequiredService<Quantify.Ingestion.Pipeline.IMessageDecoder>(), recorder))
            : null);

        IngestBenchReport report;
        try
        {
            report = await MeasureAsync(app, o, recorder, port, password, progress, ct);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
        report = report with { StartedAt = startedAt, DatabaseFolder = folder, Kept = o.Keep };

        if (o.Baseline && report.Correctness.Stored > 0)
        {
            progress.WriteLine($"Baseline: plain batched insert of the same {report.Correctness.Stored:N0} rows...");
            var result = SqliteInsertBaseline.Run(Path.Combine(folder, "quantify.db"), Path.Combine(folder, "baseline.db"), "Mqtt");
            SqliteConnection.ClearAllPools();
            report = report with { Baseline = new BenchBaseline(result.Rows, result.Seconds, result.RowsPerSecond) };
        }
        if (!o.Keep)
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return report;
    }

    private static async Task<IngestBenchReport> MeasureAsync(WebApplication app, IngestBenchOptions o, CommitRecorder recorder, int port, string password,
        TextWriter progress, CancellationToken ct)
    {
        await app.PrepareAsync();
        var services = app.Services;
        var factory = services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

        // Every reading is stamped in the past, 15 minutes after the meter's previous one: leave room for as many as
        // the run could possibly publish per meter.
        var total = o.WarmupSeconds + o.Seconds;
        var perMeter = (long)Math.Ceiling((o.Rate > 0 ? o.Rate * 1.5 : 100_000) * (total + 10) / o.Meters) + 16;
        var baselineAt = Quarter(now - (perMeter * BenchSeeder.ReadingInterval) - TimeSpan.FromDays(1));
        progress.WriteLine($"Seeding {o.Meters:N0} units, meters and wallets in {Path.GetDirectoryName(services.GetRequiredService<DatabaseOptions>().DataDirectory + "/")}...");
        var seedWatch = Stopwatch.StartNew();
        var meters = await BenchSeeder.SeedAsync(factory, services.GetRequiredService<LedgerService>(), o.Meters, baselineAt,
            DateOnly.FromDateTime(now.UtcDateTime), ct);
        seedWatch.Stop();

        await app.StartAsync(ct);
        var subscriber = services.GetRequiredService<MqttIngestionService>();
        for (var i = 0; i < 300 && !subscriber.IsReady; i++) await Task.Delay(100, ct);
        if (!subscriber.IsReady) throw new InvalidOperationException("The ingestion service did not subscribe to the embedded broker.");

        var publisherCount = o.PublisherCount;
        var gate = new LoadGate(o.Rate, o.MaxOutstanding, () => recorder.Committed);
        var publishers = Enumerable.Range(0, publisherCount)
            .Select(p => new UplinkPublisher(meters.Where((_, i) => i % publisherCount == p).ToList(), recorder, gate)).ToList();
        try
        {
            for (var p = 0; p < publishers.Count; p++)
                await publishers[p].ConnectAsync("127.0.0.1", port, Username, password, $"bench-chirpstack-{p}", ct);
            progress.WriteLine($"Publishing for {o.WarmupSeconds:0.#} s warm-up + {o.Seconds:0.#} s measured, {(o.Rate > 0 ? $"{o.Rate:N0} readings/s" : "as fast as possible")}...");

            var process = Process.GetCurrentProcess();
            using var allocations = new AllocationMeter();
            var t0 = Stopwatch.GetTimestamp();
            var windowStart = t0 + Ticks(o.WarmupSeconds);
            var windowEnd = windowStart + Ticks(o.Seconds);
            recorder.OpenWindow(windowStart, windowEnd);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var runs = publishers.Select(p => Task.Run(() => p.RunAsync(stop.Token), CancellationToken.None)).ToList();

            await DelayUntilAsync(windowStart, ct);
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var wall0 = Stopwatch.GetTimestamp();
            var published0 = publishers.Sum(p => p.Published);
            var allocated0 = allocations.Bytes;
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var jit0 = (Time: System.Runtime.JitInfo.GetCompilationTime(), Methods: System.Runtime.JitInfo.GetCompiledMethodCount());
            var engine = services.GetService<Quantify.Web.Features.Ingestion.Engine.IngestionEngine>()?.Timings;
            var engine0 = engine is null ? null : Snapshot(engine);
            var pipeline = services.GetRequiredService<ReadingPipeline>().Timings;
            var pipeline0 = Snapshot(pipeline);

            await DelayUntilAsync(windowEnd, ct);
            process.Refresh();
            var cpu1 = process.TotalProcessorTime;
            var wall1 = Stopwatch.GetTimestamp();
            var published1 = publishers.Sum(p => p.Published);
            var allocated1 = allocations.Bytes;
            int gen0b = GC.CollectionCount(0), gen1b = GC.CollectionCount(1), gen2b = GC.CollectionCount(2);
            var jit1 = (Time: System.Runtime.JitInfo.GetCompilationTime(), Methods: System.Runtime.JitInfo.GetCompiledMethodCount());
            var engine1 = engine is null ? null : Snapshot(engine);
            var pipeline1 = Snapshot(pipeline);
            await stop.CancelAsync();
            await Task.WhenAll(runs);

            var published = publishers.Sum(p => p.Published);
            var drainWatch = Stopwatch.StartNew();
            var drainLimit = TimeSpan.FromSeconds(Math.Max(60, total * 3));
            while (recorder.Committed < published && drainWatch.Elapsed < drainLimit) await Task.Delay(20, ct);
            drainWatch.Stop();
            progress.WriteLine($"Published {published:N0}; committed {recorder.Committed:N0}; verifying...");

            var window = Stopwatch.GetElapsedTime(wall0, wall1).TotalSeconds;
            var committedInWindow = recorder.CommittedInWindow;
            var latencies = recorder.SortedLatencies();
            var correctness = o.TransportOnly
                ? new BenchCorrectness { Published = published, PublishFailures = publishers.Sum(p => p.Failed), Committed = recorder.Committed, Unexpected = recorder.Foreign, TransportOnly = true }
                : await VerifyAsync(services, factory, recorder, published, publishers.Sum(p => p.Failed), ct);
            process.Refresh();
            return new IngestBenchReport
            {
                Machine = Machine(),
                Meters = o.Meters,
                Publishers = publisherCount,
                Rate = o.Rate,
                WarmupSeconds = o.WarmupSeconds,
                MaxOutstanding = o.MaxOutstanding,
                MeasuredSeconds = o.Seconds,
                SeedSeconds = seedWatch.Elapsed.TotalSeconds,
                PublishedInWindow = published1 - published0,
                OfferedPerSecond = (published1 - published0) / window,
                CommittedInWindow = committedInWindow,
                // Commits are counted against the nominal window the recorder was given; CPU and offered load against
                // the sampled one (the sampling wakes up a little late on a busy machine).
                ReadingsPerSecond = committedInWindow / o.Seconds,
                LatencySamples = latencies.Length,
                LatencyP50Ms = CommitRecorder.Percentile(latencies, 50),
                LatencyP99Ms = CommitRecorder.Percentile(latencies, 99),
                LatencyMaxMs = latencies.Length == 0 ? double.NaN : latencies[^1],
                CpuPercent = (cpu1 - cpu0).TotalSeconds / window / Environment.ProcessorCount * 100,
                PeakWorkingSetBytes = process.PeakWorkingSet64,
                AllocatedBytesPerReading = committedInWindow == 0 ? 0 : (double)(allocated1 - allocated0) / committedInWindow,
                Gen0Collections = gen0b - gen0,
                Gen1Collections = gen1b - gen1,
                Gen2Collections = gen2b - gen2,
                JitMilliseconds = (jit1.Time - jit0.Time).TotalMilliseconds,
                JitMethods = jit1.Methods - jit0.Methods,
                BatchesInWindow = recorder.BatchesInWindow,
                DrainSeconds = drainWatch.Elapsed.TotalSeconds,
                Correctness = correctness,
                EngineStages = engine0 is null || engine1 is null ? null : Stages(engine0, engine1),
                PipelineStages = PipelineStages(pipeline0, pipeline1, window),
            };
        }
        finally
        {
            foreach (var p in publishers) await p.DisposeAsync();
        }
    }

    private static long[] Snapshot(Quantify.Web.Features.Ingestion.Engine.EngineTimings t) => [t.Batches, t.Readings, t.Price, t.Stage, t.Write, t.LoadWallets, t.WriteChains, t.WriteReadings, t.WriteTransactions, t.WriteLines, t.WriteBalances, t.WriteStates];

    private static long[] Snapshot(PipelineTimings t) => [t.Batches, t.Readings, t.Decode, t.Dedupe, t.Load, t.Assess, t.Write, t.Finish, t.Commit, t.Total];

    /// <summary>
    /// The writer's time per 1,000 readings in the window, stage by stage, and how much of the window it was busy: near
    /// 100 % the writer is the bottleneck; well below, the time goes before it (MQTT, publishers, batching).
    /// </summary>
    private static string PipelineStages(long[] a, long[] b, double windowSeconds)
    {
        var readings = b[1] - a[1];
        if (readings == 0) return "no readings";
        double Per1000(int i) => (b[i] - a[i]) * 1000.0 / Stopwatch.Frequency / readings * 1000;
        var busy = (b[9] - a[9]) / (double)Stopwatch.Frequency / windowSeconds * 100;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"per 1,000 readings: decode+match {Per1000(2):0.0} ms, dedupe {Per1000(3):0.0} ms, last readings+states {Per1000(4):0.0} ms, assess+first save {Per1000(5):0.0} ms, engine {Per1000(6):0.0} ms, events+outbox+save {Per1000(7):0.0} ms, commit {Per1000(8):0.0} ms; total {Per1000(9):0.0} ms; writer busy {busy:0} % of the window; {b[0] - a[0]:N0} batches");
    }

    /// <summary>The engine's own time per 1,000 readings in the window: pricing, staging the ledger rows (hashing), and the SQL writes.</summary>
    private static string Stages(long[] a, long[] b)
    {
        var readings = b[1] - a[1];
        if (readings == 0) return "no readings";
        double Per1000(int i) => (b[i] - a[i]) * 1000.0 / Stopwatch.Frequency / readings * 1000;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"per 1,000 readings: price {Per1000(2):0.0} ms, stage ledger rows {Per1000(3):0.0} ms (wallet loads {Per1000(5):0.0} ms), SQL writes {Per1000(4):0.0} ms (chain heads {Per1000(6):0.0}, readings {Per1000(7):0.0}, transactions {Per1000(8):0.0}, lines {Per1000(9):0.0}, balances {Per1000(10):0.0}, meter states {Per1000(11):0.0}); {b[0] - a[0]:N0} batches");
    }

    private static async Task<BenchCorrectness> VerifyAsync(IServiceProvider services, IDbContextFactory<QuantifyDbContext> factory, CommitRecorder recorder,
        long published, long failures, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var source = nameof(Quantify.Ingestion.Pipeline.MessageSource.Mqtt);
        var readings = db.MeterReadings.AsNoTracking().Where(r => r.Source == source);
        var amounts = await readings.Where(r => r.Status == ReadingStatus.Billed).Select(r => r.Amount ?? 0m).ToListAsync(ct);
        var debits = await (from l in db.LedgerLines.AsNoTracking()
                            join t in db.LedgerTransactions.AsNoTracking() on l.TransactionId equals t.Id
                            where t.Type == TransactionType.Consumption && l.WalletId != null
                            select l.Amount).ToListAsync(ct);
        var ledger = await services.GetRequiredService<LedgerVerifier>().VerifyAsync(ct: ct);
        return new BenchCorrectness
        {
            Published = published,
            PublishFailures = failures,
            Committed = recorder.Committed,
            Unexpected = recorder.Foreign,
            Stored = await readings.LongCountAsync(ct),
            DistinctKeys = await readings.Select(r => r.DedupeKey).Distinct().LongCountAsync(ct),
            Billed = amounts.Count,
            Charged = amounts.Count(a => a != 0),
            Postings = await db.LedgerTransactions.AsNoTracking().LongCountAsync(t => t.Type == TransactionType.Consumption, ct),
            Charges = amounts.Sum(),
            LedgerDebits = -debits.Sum(),
            DeadLetters = await db.DeadLetters.AsNoTracking().LongCountAsync(ct),
            Alerts = await db.MeterAlerts.AsNoTracking().LongCountAsync(ct),
            BrokerOverflows = services.GetRequiredService<EmbeddedBroker>().Overflowed,
            LedgerValid = ledger.IsValid,
            LedgerSummary = ledger.Summary,
        };
    }

    private static long Ticks(double seconds) => (long)(seconds * Stopwatch.Frequency);

    private static async Task DelayUntilAsync(long timestamp, CancellationToken ct)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
        while (Stopwatch.GetTimestamp() < timestamp) await Task.Delay(1, ct);
    }

    private static DateTimeOffset Quarter(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % TimeSpan.FromMinutes(15).Ticks), TimeSpan.Zero);

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Cores, CPU model, OS and runtime, for the record.</summary>
    public static string Machine()
    {
        var model = "";
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "";
        }
        catch (IOException) { }
        return $"{Environment.ProcessorCount} cores{(model.Length > 0 ? $" ({model})" : "")}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}

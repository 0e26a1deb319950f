using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Quantify.Web.Cli.Bench;

/// <summary>What the end of the run found in the database: every published reading stored once, billed, and posted.</summary>
public sealed record BenchCorrectness
{
    /// <summary>Publishes the broker acknowledged.</summary>
    public long Published { get; init; }
    public long PublishFailures { get; init; }
    /// <summary>Readings the batch observer saw committed (each matched to its publish).</summary>
    public long Committed { get; init; }
    /// <summary>Committed readings that were not published, or published once and committed twice.</summary>
    public long Unexpected { get; init; }
    public long Stored { get; init; }
    public long DistinctKeys { get; init; }
    public long Billed { get; init; }
    /// <summary>Billed readings with a non-zero charge: each must have exactly one consumption posting.</summary>
    public long Charged { get; init; }
    public long Postings { get; init; }
    public decimal Charges { get; init; }
    public decimal LedgerDebits { get; init; }
    public long DeadLetters { get; init; }
    public long Alerts { get; init; }
    /// <summary>Messages the embedded broker could not queue for the subscriber (held back until it reconnects).</summary>
    public long BrokerOverflows { get; init; }
    public bool LedgerValid { get; init; }
    public string LedgerSummary { get; init; } = "";
    /// <summary>`--transport-only`: nothing was stored, so only the transport's own counts are checked.</summary>
    public bool TransportOnly { get; init; }

    public bool IsCorrect => TransportOnly
        ? Published > 0 && PublishFailures == 0 && Unexpected == 0 && Committed == Published
        : Published > 0 && PublishFailures == 0 && Unexpected == 0
                             && Committed == Published && Stored == Published && DistinctKeys == Published && Billed == Published
                             && Postings == Charged && Charges == LedgerDebits && DeadLetters == 0 && Alerts == 0 && BrokerOverflows == 0 && LedgerValid;

    public string Line => TransportOnly
        ? string.Create(CultureInfo.InvariantCulture,
            $"{(IsCorrect ? "OK" : "FAILED")} (transport only: nothing stored, priced or posted): published {Published:N0} = decoded and acknowledged {Committed:N0}; {PublishFailures:N0} failed publishes, {Unexpected:N0} unexpected")
        : string.Create(CultureInfo.InvariantCulture,
        $"{(IsCorrect ? "OK" : "FAILED")}: published {Published:N0} = stored {Stored:N0} (distinct {DistinctKeys:N0}) = billed {Billed:N0}; " +
        $"{Postings:N0} consumption postings for {Charged:N0} charged readings; charges R {Charges:N2} = ledger debits R {LedgerDebits:N2}; " +
        $"{DeadLetters:N0} dead letters, {Alerts:N0} alerts, {PublishFailures:N0} failed publishes, {Unexpected:N0} unexpected commits, {BrokerOverflows:N0} broker overflows; " +
        $"{(LedgerValid ? "hash chains and balances verified" : "LEDGER NOT VALID: " + LedgerSummary)}");
}

public sealed record BenchBaseline(long Rows, double Seconds, double ReadingsPerSecond);

public sealed record IngestBenchReport
{
    public string Machine { get; init; } = "";
    public DateTimeOffset StartedAt { get; init; }
    public int Meters { get; init; }
    public int Publishers { get; init; }
    /// <summary>Target rate; 0 = as fast as possible.</summary>
    public int Rate { get; init; }
    public double WarmupSeconds { get; init; }
    public int MaxOutstanding { get; init; }
    public double MeasuredSeconds { get; init; }
    public double SeedSeconds { get; init; }
    public long PublishedInWindow { get; init; }
    public double OfferedPerSecond { get; init; }
    public long CommittedInWindow { get; init; }
    /// <summary>Readings committed per second inside the measured window.</summary>
    public double ReadingsPerSecond { get; init; }
    public long LatencySamples { get; init; }
    public double LatencyP50Ms { get; init; }
    public double LatencyP99Ms { get; init; }
    public double LatencyMaxMs { get; init; }
    /// <summary>Process CPU time over wall time, as a share of all cores (100 = every core busy).</summary>
    public double CpuPercent { get; init; }
    public long PeakWorkingSetBytes { get; init; }
    public double AllocatedBytesPerReading { get; init; }
    public int Gen0Collections { get; init; }
    public int Gen1Collections { get; init; }
    public int Gen2Collections { get; init; }
    /// <summary>Time the JIT spent compiling in the window, on any thread (tiering keeps recompiling hot code for about 30 s).</summary>
    public double JitMilliseconds { get; init; }
    public long JitMethods { get; init; }
    public long BatchesInWindow { get; init; }
    public double DrainSeconds { get; init; }
    public BenchCorrectness Correctness { get; init; } = new();
    /// <summary>Where the ingestion engine's own time went in the window (null without the engine).</summary>
    public string? EngineStages { get; init; }

    /// <summary>Where the writer's time went in the window, stage by stage, and how busy it was.</summary>
    public string? PipelineStages { get; init; }
    public BenchBaseline? Baseline { get; init; }
    /// <summary>End-to-end readings/s over the plain insert's readings/s.</summary>
    public double? Ratio => Baseline is null || Baseline.ReadingsPerSecond == 0 ? null : ReadingsPerSecond / Baseline.ReadingsPerSecond;
    public string DatabaseFolder { get; init; } = "";
    public bool Kept { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    });

    public string ToText()
    {
        var s = new StringBuilder();
        void Line(FormattableString text) => s.AppendLine(text.ToString(CultureInfo.InvariantCulture));
        var saturated = Rate == 0;
        Line($"Quantify ingestion benchmark, {StartedAt:yyyy-MM-dd HH:mm} UTC, {Machine}");
        Line($"  path      MQTT QoS 1 over loopback TCP (embedded MQTTnet broker) > decode ChirpStack v4 JSON{(Correctness.TransportOnly ? " > acknowledge (--transport-only: no meter, dedupe, store, tariff, ledger or commit)" : " > meter > dedupe > consumption > store > tariff > ledger > commit (SQLite, WAL)")}");
        Line($"  load      {Meters:N0} meters, {Publishers} publisher connection(s), {(saturated ? "as fast as possible" : $"target {Rate:N0} readings/s")}; warm-up {WarmupSeconds:0.#} s excluded, measured {MeasuredSeconds:0.#} s; seeded in {SeedSeconds:0.0} s");
        Line($"  offered   {OfferedPerSecond,10:N0} readings/s published (broker-acknowledged) in the window{(!saturated && OfferedPerSecond < Rate * 0.95 ? $"; TARGET {Rate:N0}/s NOT REACHED: publishers were held back by the {MaxOutstanding:N0}-reading outstanding cap, so the pipeline is the limit and latency is queueing" : "")}");
        Line($"  sustained {ReadingsPerSecond,10:N0} readings/s committed end to end ({CommittedInWindow:N0} in {MeasuredSeconds:0.#} s, {BatchesInWindow:N0} batches, avg {(BatchesInWindow == 0 ? 0 : (double)CommittedInWindow / BatchesInWindow):N0} per batch)");
        Line($"  latency   publish > commit p50 {LatencyP50Ms:N0} ms, p99 {LatencyP99Ms:N0} ms, max {LatencyMaxMs:N0} ms ({LatencySamples:N0} readings){(saturated ? "; saturated run: mostly queueing behind the outstanding cap" : "")}");
        Line($"  cpu       {CpuPercent:0} % of {Environment.ProcessorCount} cores (whole process: publishers, broker, subscriber, pipeline, SQLite)");
        Line($"  memory    peak working set {PeakWorkingSetBytes / 1048576.0:N0} MB; {AllocatedBytesPerReading / 1024:N1} KB allocated per reading; GC {Gen0Collections}/{Gen1Collections}/{Gen2Collections} (gen0/1/2) in the window");
        Line($"  jit       {JitMilliseconds:N0} ms compiling {JitMethods:N0} methods in the window ({JitMilliseconds / 10 / MeasuredSeconds / Environment.ProcessorCount:0.0} % of the cores){(JitMilliseconds > MeasuredSeconds * 1000 * 0.02 ? "; still warming up: a longer --warmup measures the steady state" : "")}");
        Line($"  drain     {DrainSeconds:0.0} s after publishing stopped until the last reading committed");
        Line($"  correct   {Correctness.Line}");
        if (PipelineStages is not null) Line($"  writer    {PipelineStages}");
        if (EngineStages is not null) Line($"  engine    {EngineStages}");
        if (Baseline is not null)
        {
            Line($"  baseline  {Baseline.ReadingsPerSecond,10:N0} readings/s: plain batched SQLite insert of the same {Baseline.Rows:N0} rows (prepared, {SqliteInsertBaseline.RowsPerTransaction:N0} per transaction, same table shape and indexes)");
            Line($"  ratio     end to end / baseline = {Ratio:0.000} ({Ratio * 100:0.0} %)");
        }
        Line($"  database  {DatabaseFolder}{(Kept ? " (kept)" : " (deleted)")}");
        return s.ToString();
    }
}

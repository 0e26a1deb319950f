namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// Where the reading pipeline's time goes, summed over batches (Stopwatch ticks), for `bench ingest`'s stage line:
/// everything the single writer does for a batch, from decoding to the commit. The engine's own share (pricing,
/// staging, SQL writes) is in <see cref="Engine.EngineTimings"/>; the rest of the process (MQTT, batching, publishers)
/// is what the writer does not account for.
/// </summary>
public sealed class PipelineTimings
{
    public long Batches { get; set; }
    public long Readings { get; set; }
    /// <summary>Decoding the messages and matching them to meters.</summary>
    public long Decode { get; set; }
    /// <summary>Finding readings already stored (the dedupe queries).</summary>
    public long Dedupe { get; set; }
    /// <summary>Last accepted readings and the meters' state rows.</summary>
    public long Load { get; set; }
    /// <summary>The consumption rules per reading, alerts, and the first save (alerts, dead letters).</summary>
    public long Assess { get; set; }
    /// <summary>The engine's write (pricing, ledger rows, SQL), or the EF biller without an engine.</summary>
    public long Write { get; set; }
    /// <summary>Device events, outbox rows and the last save.</summary>
    public long Finish { get; set; }
    /// <summary>The transaction's commit.</summary>
    public long Commit { get; set; }
    /// <summary>The whole batch, lock held (the sum of the stages and what lies between them).</summary>
    public long Total { get; set; }
}

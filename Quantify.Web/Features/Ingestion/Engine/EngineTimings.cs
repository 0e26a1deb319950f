namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>Where the engine's time goes, summed over batches (Stopwatch ticks), for `bench ingest`'s stage table.</summary>
public sealed class EngineTimings
{
    public long Batches { get; set; }
    public long Readings { get; set; }
    public long Price { get; set; }
    public long Stage { get; set; }
    public long Write { get; set; }
    public long LoadWallets { get; set; }

    /// <summary>The SQL writes statement by statement (their sum is <see cref="Write"/>).</summary>
    public long WriteChains { get; set; }
    public long WriteReadings { get; set; }
    public long WriteTransactions { get; set; }
    public long WriteLines { get; set; }
    public long WriteBalances { get; set; }
    public long WriteStates { get; set; }
}

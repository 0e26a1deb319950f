using System.Threading.Channels;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// Committed batches on their way to the observers (live screens, credit control, webhook wake-up), off the writer:
/// the pipeline writes here after its commit and returns, so the broker acknowledgement never waits for an observer.
/// Bounded: if the observers fall 1,000 batches behind, the writer waits for them (nothing is dropped).
/// </summary>
public sealed class CommittedBatches
{
    private readonly Channel<BatchCommitted> channel = Channel.CreateBounded<BatchCommitted>(
        new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    public ValueTask WriteAsync(BatchCommitted batch, CancellationToken ct) => channel.Writer.WriteAsync(batch, ct);

    public ChannelReader<BatchCommitted> Reader => channel.Reader;
}

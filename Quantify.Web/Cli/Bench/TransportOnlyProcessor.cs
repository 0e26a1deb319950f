using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Web.Cli.Bench;

/// <summary>
/// Stands in for the reading pipeline in `bench ingest --transport-only`: decodes each message as the pipeline does
/// (on the transport's thread, before it is queued), then tells the recorder the batch committed, storing nothing. What it measures is what the publishers, the
/// broker, the subscriber and the decoding cost on their own.
/// </summary>
public sealed class TransportOnlyProcessor(IMessageDecoder decoder, CommitRecorder recorder) : IBatchProcessor, IMessagePreparer
{
    private static readonly MeterInfo NoMeter = new(0, 0, null, MeterType.Electricity, IsActive: true);

    public IncomingMessage Prepare(IncomingMessage message) => message with { Decoded = decoder.Decode(message) };

    public Task ProcessAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken ct)
    {
        var readings = new List<(MeterInfo, MeterReading)>(batch.Count);
        foreach (var message in batch)
            foreach (var r in (message.Decoded ?? decoder.Decode(message)).Readings)
                readings.Add((NoMeter, new MeterReading(0, r.ReadAt, r.Register, r.DedupeKey, message.Source.ToString(), message.ReceivedAt)));
        return recorder.OnCommittedAsync(new BatchCommitted(readings), ct);
    }
}

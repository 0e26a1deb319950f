namespace Quantify.Ingestion.Pipeline;

/// <summary>Where a message came in: the transport, not the meter protocol.</summary>
public enum MessageSource { Mqtt, Http, Modbus, Replay, Manual }

/// <summary>One message as received, before any decoding: kept whole so a failure can be dead-lettered with its raw bytes.</summary>
public sealed record IncomingMessage(MessageSource Source, string Topic, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt, string? MessageId = null)
{
    /// <summary>
    /// The message already decoded on the transport's thread before it was queued (<see cref="IMessagePreparer"/>), so the
    /// single writer does not decode it; null when it was not, and the writer decodes it.
    /// </summary>
    public DecodedMessage? Decoded { get; init; }
}

/// <summary>
/// Accepts messages durably. The transport acknowledges a message (MQTT PUBACK) only after the returned task completes,
/// so a crash between receipt and commit makes the broker redeliver it; deduplication makes the redelivery harmless.
/// </summary>
public interface IIngestionSink
{
    Task AcceptAsync(IncomingMessage message, CancellationToken ct);
}

/// <summary>A message that could not be processed: stored with its raw bytes, topic and reason, never dropped.</summary>
public sealed record DeadLetterItem(MessageSource Source, string Topic, byte[] Payload, string Reason, DateTimeOffset ReceivedAt, string? MessageId = null);

public interface IDeadLetterStore
{
    Task AddAsync(IReadOnlyList<DeadLetterItem> items, CancellationToken ct);
}

/// <summary>What became of one message.</summary>
public sealed record MessageOutcome(bool Accepted, string Description);

/// <summary>Processes a single message outside a batch without dead-lettering it (used to replay dead letters).</summary>
public interface IMessageProcessor
{
    Task<MessageOutcome> ProcessOneAsync(IncomingMessage message, CancellationToken ct);
}
